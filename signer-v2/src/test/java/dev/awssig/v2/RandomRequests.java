package dev.awssig.v2;

import dev.awssig.internal.UriEncoding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random request material for the differential tests: the run's seed is logged, and
 * {@code -Dawssig.seed=<seed>} replays it.
 */
final class RandomRequests {
    private static final Logger LOG = LoggerFactory.getLogger(RandomRequests.class);

    /** Characters of keys and values: spaces, '+', '%', sub-delimiters, non-ASCII, a supplementary character. */
    private static final String[] PIECES = {
        "a", "b", "z", "Q", "0", "7", "-", "_", ".", "~", " ", "  ", "+", "%", "%20", "%2B", "&", "=", "?", "!",
        "'", "(", ")", "*", ",", ";", ":", "@", "$", "[", "]", "é", "ü", "ß", "日本", "Ω", "😀", "\u00a0",
        "photos", "puppy.jpg", "file name", "a+b", "100%", "x-amz-", "/", "/"};

    static final String[] SDK_SUB_RESOURCES = {
        "acl", "torrent", "logging", "location", "policy", "requestPayment", "versioning", "versions", "versionId",
        "notification", "uploadId", "uploads", "partNumber", "website", "delete", "lifecycle", "tagging", "cors",
        "restore", "replication", "accelerate", "inventory", "analytics", "metrics", "response-cache-control",
        "response-content-disposition", "response-content-encoding", "response-content-language",
        "response-content-type", "response-expires"};

    private static final String[] ORDINARY_PARAMS = {"prefix", "max-keys", "marker", "delimiter", "encoding-type",
        "list-type", "continuation-token", "start-after", "fetch-owner", "foo", "X-Custom"};

    private RandomRequests() {
    }

    static long seed(String test) {
        String given = System.getProperty("awssig.seed");
        long seed = given != null && !given.isBlank() ? Long.parseLong(given.trim()) : System.nanoTime();
        LOG.info("{}: random seed {} (replay with -Dawssig.seed={})", test, seed, seed);
        return seed;
    }

    static String text(Random r, int maxPieces, boolean allowSlash) {
        int n = 1 + r.nextInt(maxPieces);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String p = PIECES[r.nextInt(PIECES.length)];
            if (!allowSlash && p.equals("/")) {
                p = "s";
            }
            sb.append(p);
        }
        return sb.toString();
    }

    /** An object key: no leading '/', no "//" (see the test's note on the SDK's '//' escaping). */
    static String key(Random r) {
        String k = text(r, 8, true);
        while (k.startsWith("/")) {
            k = k.substring(1);
        }
        while (k.contains("//")) {
            k = k.replace("//", "/");
        }
        return k;
    }

    /** Percent-encodes a key for a path, sometimes with lower-case hex or with sub-delimiters left raw. */
    static String encodePath(Random r, String key) {
        String enc = UriEncoding.encode(key, true);
        switch (r.nextInt(4)) {
            case 0:
                return lowerHex(enc);
            case 1:
                return enc.replace("%21", "!").replace("%27", "'").replace("%28", "(").replace("%29", ")")
                        .replace("%2A", "*").replace("%40", "@").replace("%3A", ":");
            default:
                return enc;
        }
    }

    private static String lowerHex(String enc) {
        StringBuilder sb = new StringBuilder(enc.length());
        for (int i = 0; i < enc.length(); i++) {
            char c = enc.charAt(i);
            if (c == '%' && i + 2 < enc.length()) {
                sb.append('%').append(Character.toLowerCase(enc.charAt(i + 1)))
                        .append(Character.toLowerCase(enc.charAt(i + 2)));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String bucket(Random r) {
        String[] parts = {"photos", "johnsmith", "my-bucket", "logs", "data01", "a1b2", "x"};
        StringBuilder sb = new StringBuilder(parts[r.nextInt(parts.length)]);
        int more = r.nextInt(3);
        for (int i = 0; i < more; i++) {
            sb.append(r.nextBoolean() ? '.' : '-').append(parts[r.nextInt(parts.length)]);
        }
        return sb.toString();
    }

    /** Mixed-case token name, e.g. X-Amz-Meta-Foo_1. */
    static String headerName(Random r, String prefix) {
        String[] words = {"review", "by", "checksum", "algo", "color", "size", "tag", "a", "b1", "long_name"};
        StringBuilder sb = new StringBuilder(prefix);
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('-');
            }
            sb.append(words[r.nextInt(words.length)]);
        }
        return mixCase(r, sb.toString());
    }

    static String mixCase(Random r, String s) {
        switch (r.nextInt(3)) {
            case 0:
                return s;
            case 1:
                return s.toUpperCase(Locale.ROOT);
            default:
                StringBuilder sb = new StringBuilder(s.length());
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    sb.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
                }
                return sb.toString();
        }
    }

    /**
     * A header value as it is after unfolding: inner runs of spaces or tabs kept, obs-folds
     * unfolded to one space with {@link S3V2Signer#unfoldHeaderValue} (SDK v1 does not unfold;
     * both sides get the unfolded value), no whitespace at either end (HTTP strips it).
     */
    static String headerValue(Random r) {
        StringBuilder sb = new StringBuilder(text(r, 4, true));
        switch (r.nextInt(6)) {
            case 0: // inner whitespace, kept as it is
                sb.append(r.nextBoolean() ? "  " : "\t ").append(text(r, 3, true));
                break;
            case 1: // an obs-fold on the wire, unfolded to one space before it enters Headers
                sb.append(r.nextBoolean() ? "\r\n " : " \r\n\t  ").append(text(r, 3, true));
                return S3V2Signer.unfoldHeaderValue(stripEnds(sb.toString()));
            default:
                break;
        }
        return stripEnds(sb.toString());
    }

    static String stripEnds(String s) {
        String t = s.replace('\u00a0', 'n');
        int a = 0;
        int b = t.length();
        while (a < b && (t.charAt(a) == ' ' || t.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (t.charAt(b - 1) == ' ' || t.charAt(b - 1) == '\t')) {
            b--;
        }
        return a == b ? "v" : t.substring(a, b);
    }

    /** A session or DevPay-style token with '+', '/' and '='. */
    static String token(Random r) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder sb = new StringBuilder("{UserToken}");
        int n = 20 + r.nextInt(60);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.append("+/==").toString();
    }

    /** Ordered multi-map of query parameters (decoded); a null value means "no '='". */
    static final class Query {
        final List<String> names = new ArrayList<>();
        final List<String> values = new ArrayList<>();

        void add(String name, String value) {
            names.add(name);
            values.add(value);
        }

        String raw() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    sb.append('&');
                }
                sb.append(UriEncoding.encode(names.get(i), false));
                if (values.get(i) != null) {
                    sb.append('=').append(UriEncoding.encode(values.get(i), false));
                }
            }
            return sb.toString();
        }

        Map<String, List<String>> asSdkParameters() {
            Map<String, List<String>> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                m.computeIfAbsent(names.get(i), k -> new ArrayList<>()).add(values.get(i));
            }
            return m;
        }
    }

    /** S3 query parameters: sub-resources (some repeated, some without value) mixed with ordinary ones. */
    static Query s3Query(Random r) {
        Query q = new Query();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (r.nextBoolean()) {
                String name = SDK_SUB_RESOURCES[r.nextInt(SDK_SUB_RESOURCES.length)];
                switch (r.nextInt(4)) {
                    case 0:
                        q.add(name, null);
                        break;
                    case 1:
                        q.add(name, "");
                        break;
                    default:
                        q.add(name, text(r, 5, true));
                }
                if (r.nextInt(8) == 0) {
                    q.add(name, text(r, 3, true));
                }
            } else {
                q.add(ORDINARY_PARAMS[r.nextInt(ORDINARY_PARAMS.length)], r.nextInt(5) == 0 ? null : text(r, 5, true));
            }
        }
        return q;
    }
}
