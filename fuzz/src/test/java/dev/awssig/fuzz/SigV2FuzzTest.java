package dev.awssig.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.v2.QueryV2Signer;
import dev.awssig.v2.QueryV2Verifier;
import dev.awssig.v2.S3V2Signer;
import dev.awssig.v2.S3V2Verifier;
import dev.awssig.v2.V2Options;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Signature Version 2 under the fuzzer: S3 header-signed and presigned requests, and query-API
 * requests (GET and a POST form), edited by the data, and requests made from the data. The
 * invariants of {@link SigV4FuzzTest}, with SigV2's own independent views: for S3 the verb,
 * Content-MD5, Content-Type, Date (or Expires), the x-amz-* headers (and, presigned, the x-amz-*
 * query parameters), the bucket and raw path and the sub-resources; for the query API the host,
 * path and every parameter but Signature (of a POST, the body's; a POST's URL query must stay
 * empty).
 */
class SigV2FuzzTest {
    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2007-03-27T19:36:42Z");
    private static final SecretLookup SECRETS = id -> Optional.ofNullable(Map.of(ID, SECRET, "AKIABLANK", "").get(id));
    private static final S3V2Verifier S3 = S3V2Verifier.create();
    private static final QueryV2Verifier QUERY = QueryV2Verifier.create();
    private static final List<SignableRequest> S3_SIGNED = new ArrayList<>();
    private static final List<SignableRequest> QUERY_SIGNED = new ArrayList<>();

    static {
        SigningConfig config = SigningConfig.builder().credentials(Credentials.of(ID, SECRET))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        S3V2Signer s3 = S3V2Signer.create(config);
        S3_SIGNED.add(s3.sign(SignableRequest.builder().method("PUT")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy%20one.jpg?acl&versionId=v%2B1&prefix=p")
                .header("Content-Type", "image/jpeg").header("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")
                .header("x-amz-meta-owner", "jane").header("X-Amz-Acl", "private").header("User-Agent", "test")
                .payload(Payload.ofBytes("puppy".getBytes(StandardCharsets.UTF_8))).build()).request());
        PresignedUrl url = s3.presign(SignableRequest.builder().method("GET")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg?response-content-type=image%2Fjpeg")
                .header("x-amz-meta-x", "1").build(), Duration.ofMinutes(10));
        S3_SIGNED.add(SignableRequest.builder().method("GET").uri(url.url()).headers(url.signedHeaders()).build());
        QueryV2Signer query = QueryV2Signer.create(config);
        QUERY_SIGNED.add(query.sign(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=DescribeInstances&Version=2009-03-31&Filter.1.Name=a+b")
                .build()).request());
        QUERY_SIGNED.add(query.sign(SignableRequest.builder().method("POST").uri("https://sdb.amazonaws.com/")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .payload(Payload.ofBytes("Action=PutAttributes&DomainName=d%26x&ItemName=i"
                        .getBytes(StandardCharsets.UTF_8))).build()).request());
    }

    /** S3 header-signed and presigned requests edited by the data, or a request made from the data. */
    @FuzzTest(maxDuration = "10m")
    void s3(FuzzedDataProvider d) {
        if (d.consumeInt(0, 7) == 0) {
            Verify.anything(d, S3, SECRETS, NOW, "AWS ");
            return;
        }
        Verify.edited(d, "SigV2 S3", S3, SECRETS, NOW, d.pickValue(S3_SIGNED), SigV2FuzzTest::s3View);
    }

    /** Query-API requests (GET, POST form) edited by the data, or a request made from the data. */
    @FuzzTest(maxDuration = "10m")
    void queryApi(FuzzedDataProvider d) {
        if (d.consumeInt(0, 7) == 0) {
            Verify.anything(d, QUERY, SECRETS, NOW, "");
            return;
        }
        Verify.edited(d, "SigV2 query API", QUERY, SECRETS, NOW, d.pickValue(QUERY_SIGNED), SigV2FuzzTest::queryView);
    }

    /** What S3's SigV2 signs, as an application reads it (see the class comment). */
    static String s3View(SignableRequest original, SignableRequest q) {
        boolean presigned = Fuzz.values(original, "authorization").isEmpty();
        List<String> params = rawParams(q.rawQuery().orElse(""));
        TreeMap<String, List<String>> signed = new TreeMap<>();
        boolean amzDate = !Fuzz.values(q, "x-amz-date").isEmpty();
        for (Headers.Header h : q.headers().entries()) {
            String n = Fuzz.asciiLower(h.name());
            boolean positional = n.equals("content-md5") || n.equals("content-type") || n.equals("date");
            if (positional && h.value().isBlank()) {
                continue; // the string to sign has an empty line for it, present or not: the same request
            }
            if (n.startsWith("x-amz-") || n.equals("content-md5") || n.equals("content-type")
                    || (n.equals("date") && !presigned && !amzDate) || n.equals("host")) {
                signed.computeIfAbsent(n, k -> new ArrayList<>()).add(h.value().strip());
            }
        }
        List<String> subResources = new ArrayList<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            String rawName = eq < 0 ? p : p.substring(0, eq);
            byte[] nameBytes = Fuzz.decodeBytes(rawName, true);
            byte[] valueBytes = eq < 0 ? new byte[0] : Fuzz.decodeBytes(p.substring(eq + 1), true);
            if (nameBytes == null || valueBytes == null) {
                return null;
            }
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            String value = eq < 0 ? null : new String(valueBytes, StandardCharsets.UTF_8);
            if (V2Options.DEFAULT_SUB_RESOURCES.contains(name)) {
                subResources.add(name + (value == null ? "" : "=" + value));
            } else if (Fuzz.asciiLower(name).startsWith("x-amz-")) {
                // a presigned URL signs them as headers; header authentication must refuse them
                String key = presigned ? Fuzz.asciiLower(name) : "query:" + name;
                signed.computeIfAbsent(key, k -> new ArrayList<>()).add(value == null ? "" : value);
            } else if (presigned && (name.equals("AWSAccessKeyId") || name.equals("Expires"))) {
                signed.computeIfAbsent("auth:" + name, k -> new ArrayList<>()).add(value == null ? "" : value);
            }
        }
        subResources.sort(null);
        String host = signed.containsKey("host") && signed.get("host").size() == 1 ? signed.remove("host").get(0)
                : q.host();
        return q.method() + "\n" + resource(host, q.rawPath()) + "\n" + signed + "\n" + subResources;
    }

    /**
     * The bucket and key a host and raw path name: an S3 endpoint's labels before its s3 label
     * (and a region label before that) are the bucket; the bare endpoint is path-style; any other
     * host is a CNAME naming the bucket.
     */
    private static String resource(String hostHeader, String rawPath) {
        String host = Fuzz.asciiLower(hostHeader.strip());
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String bucket = host;
        if (host.endsWith(".amazonaws.com")) {
            List<String> labels = new ArrayList<>(List.of(host.split("\\.")));
            int s3 = -1;
            for (int i = labels.size() - 3; i >= 0; i--) {
                if (labels.get(i).equals("s3") || labels.get(i).startsWith("s3-")) {
                    s3 = i;
                    break;
                }
            }
            List<String> before = s3 < 0 ? labels : labels.subList(0, s3);
            if (!before.isEmpty() && before.get(before.size() - 1).matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
                before = before.subList(0, before.size() - 1);
            }
            bucket = s3 <= 0 || before.isEmpty() ? null : String.join(".", before);
        } else if (host.indexOf('.') < 0 || host.matches("[0-9.]+") || host.startsWith("[")) {
            bucket = null;
        }
        return (bucket == null ? "" : "/" + bucket) + rawPath;
    }

    /** What the query API's SigV2 signs, as an application reads it (see the class comment). */
    static String queryView(SignableRequest original, SignableRequest q) {
        boolean post = q.method().equals("POST") && q.payload().kind() == Payload.Kind.BYTES
                && q.payload().bytes().length > 0;
        String host = Fuzz.values(q, "host").size() == 1 ? Fuzz.values(q, "host").get(0) : q.hostHeaderValue();
        List<String> params = Fuzz.params(post ? new String(q.payload().bytes(), StandardCharsets.UTF_8)
                : q.rawQuery().orElse(null), true, "Signature");
        if (params == null) {
            return null;
        }
        return q.method() + "\n" + Fuzz.asciiLower(host.strip()) + "\n" + q.rawPath() + "\n" + params
                + (post ? "\nurl:" + q.rawQuery().orElse("") : "");
    }

    private static List<String> rawParams(String query) {
        List<String> out = new ArrayList<>();
        for (String p : query.split("&")) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
