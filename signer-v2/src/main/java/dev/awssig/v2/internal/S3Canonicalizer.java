package dev.awssig.v2.internal;

import dev.awssig.Headers;
import dev.awssig.internal.Ascii;
import dev.awssig.v2.V2Options;
import java.util.List;
import java.util.Set;

/**
 * Builds S3's SigV2 string to sign:
 * {@code Verb \n Content-MD5 \n Content-Type \n Date \n CanonicalizedAmzHeaders CanonicalizedResource}.
 * Thread-safe; one per signer or verifier (it holds the bucket-addressing and sub-resource
 * configuration, and remembers the last host it resolved).
 */
public final class S3Canonicalizer {
    private static final String AMZ_PREFIX = "x-amz-";

    /**
     * Whether a header or query parameter name begins with {@code x-amz-} in any ASCII case, as
     * S3's CanonicalizedAmzHeaders reads it: {@code x-amz-} itself is one of them.
     *
     * @param name the name
     * @return whether SigV2 treats it as an x-amz-* name
     */
    public static boolean isAmz(String name) {
        // ASCII case only: no other character lower-cases to one of "x-amz-" (String.regionMatches
        // with ignoreCase maps every differing character through Character's tables, ten times slower)
        return Ascii.startsWithIgnoreCase(name, AMZ_PREFIX);
    }
    private static final String[] AWS_SUFFIXES = {".amazonaws.com", ".amazonaws.com.cn"};

    private final Set<String> subResources;
    private final String[] hostSuffixes;
    private final boolean cnameBuckets;
    private volatile HostBucket lastHost;

    /**
     * A canonicalizer with the bucket-addressing and sub-resource settings of a config.
     *
     * @param settings the resolved {@link V2Options}
     */
    S3Canonicalizer(Settings settings) {
        this.subResources = settings.subResources;
        this.hostSuffixes = settings.hostSuffixes;
        this.cnameBuckets = settings.cnameBuckets;
    }

    /**
     * The string to sign.
     *
     * @param method the HTTP method
     * @param headers the request headers
     * @param hostHeader the Host header value (host[:port])
     * @param rawPath the raw path, as sent
     * @param query the decoded query parameters
     * @param expires the {@code Expires} value of query-string auth (whose {@code x-amz-*} query
     *     parameters are signed as headers), or null for header auth (which signs headers only)
     * @return the string to sign
     */
    public String stringToSign(String method, Headers headers, String hostHeader, String rawPath, Params query,
                               String expires) {
        return stringToSign(method, headers, hostHeader, rawPath, query, expires, null, null);
    }

    /**
     * The string to sign of a request to which a signer is about to add a {@code Date} and/or an
     * {@code x-amz-security-token} header (so that the headers are copied only once).
     *
     * @param method the HTTP method
     * @param headers the request headers
     * @param hostHeader the Host header value (host[:port])
     * @param rawPath the raw path, as sent
     * @param query the decoded query parameters
     * @param expires the {@code Expires} value of query-string auth, or null for header auth
     * @param addedDate a {@code Date} header value the signer adds, or null
     * @param addedToken an {@code x-amz-security-token} header value the signer adds, or null
     * @return the string to sign
     */
    public String stringToSign(String method, Headers headers, String hostHeader, String rawPath, Params query,
                               String expires, String addedDate, String addedToken) {
        StringBuilder sb = new StringBuilder(128 + rawPath.length());
        appendStringToSign(sb, method, headers, hostHeader, rawPath, query, expires, addedDate, addedToken);
        return sb.toString();
    }

    /**
     * Appends the string to sign to a builder; the same text {@link #stringToSign(String, Headers,
     * String, String, Params, String, String, String)} returns.
     *
     * @param sb the builder
     * @param method the HTTP method
     * @param headers the request headers
     * @param hostHeader the Host value (for the virtual-hosted bucket), or null
     * @param rawPath the raw path
     * @param query the parsed query
     * @param expires the expiry (query-string authentication, whose {@code x-amz-*} query parameters
     *     are signed as headers), or null (header authentication: headers only)
     * @param addedDate a Date value the signer adds, or null
     * @param addedToken a session token the signer adds as a header, or null
     */
    public void appendStringToSign(StringBuilder sb, String method, Headers headers, String hostHeader,
                                   String rawPath, Params query, String expires, String addedDate,
                                   String addedToken) {
        String md5 = null;
        String type = null;
        String date = addedDate;
        boolean amzDate = false;
        String[] an = null;
        String[] av = null;
        int ac = 0;
        List<Headers.Header> entries = headers.entries();
        for (int i = 0, n = entries.size(); i < n; i++) {
            Headers.Header h = entries.get(i);
            String name = h.name();
            int len = name.length();
            if (isAmz(name)) {
                if (an == null) {
                    an = new String[8];
                    av = new String[8];
                } else if (ac == an.length) {
                    an = java.util.Arrays.copyOf(an, ac * 2);
                    av = java.util.Arrays.copyOf(av, ac * 2);
                }
                String ln = lower(name);
                an[ac] = ln;
                av[ac] = trim(h.value());
                ac++;
                if (len == 10 && ln.equals("x-amz-date")) {
                    amzDate = true;
                }
            } else if (len == 11 && name.equalsIgnoreCase("content-md5")) {
                md5 = join(md5, trim(h.value()));
            } else if (len == 12 && name.equalsIgnoreCase("content-type")) {
                type = join(type, trim(h.value()));
            } else if (len == 4 && name.equalsIgnoreCase("date")) {
                date = join(date, trim(h.value()));
            }
        }
        if (addedToken != null) {
            if (an == null) {
                an = new String[4];
                av = new String[4];
            } else if (ac == an.length) {
                an = java.util.Arrays.copyOf(an, ac * 2);
                av = java.util.Arrays.copyOf(av, ac * 2);
            }
            an[ac] = "x-amz-security-token";
            av[ac] = trim(addedToken);
            ac++;
        }
        // query-string authentication: x-amz-* query parameters are signed as if they were headers
        // (x-amz-security-token of presigned URLs, and what SDKs move from headers into a presigned
        // query); header authentication signs headers only
        for (int i = 0, n = expires == null ? 0 : query.size(); i < n; i++) {
            String name = query.name(i);
            if (isAmz(name)) {
                if (an == null) {
                    an = new String[4];
                    av = new String[4];
                } else if (ac == an.length) {
                    an = java.util.Arrays.copyOf(an, ac * 2);
                    av = java.util.Arrays.copyOf(av, ac * 2);
                }
                String v = query.value(i);
                an[ac] = lower(name);
                av[ac] = v == null ? "" : v;
                ac++;
            }
        }
        sb.append(method).append('\n');
        if (md5 != null) {
            sb.append(md5);
        }
        sb.append('\n');
        if (type != null) {
            sb.append(type);
        }
        sb.append('\n');
        if (expires != null) {
            sb.append(expires);
        } else if (!amzDate && date != null) {
            sb.append(date);
        }
        sb.append('\n');
        if (ac > 0) {
            PairSort.sort(an, av, ac, PairSort.BY_NAME);
            for (int i = 0; i < ac; i++) {
                if (i > 0 && an[i].equals(an[i - 1])) {
                    sb.append(',').append(av[i]);
                } else {
                    if (i > 0) {
                        sb.append('\n');
                    }
                    sb.append(an[i]).append(':').append(av[i]);
                }
            }
            sb.append('\n');
        }
        appendResource(sb, hostHeader, rawPath);
        appendSubResources(sb, query);
    }

    private void appendResource(StringBuilder sb, String hostHeader, String rawPath) {
        String bucket = bucket(hostHeader);
        if (bucket != null) {
            sb.append('/').append(bucket);
        }
        sb.append(rawPath);
    }

    private void appendSubResources(StringBuilder sb, Params query) {
        int n = query.size();
        if (n == 0) {
            return;
        }
        String[] sn = null;
        String[] sv = null;
        int sc = 0;
        for (int i = 0; i < n; i++) {
            String name = query.name(i);
            if (subResources.contains(name)) {
                if (sn == null) {
                    sn = new String[n];
                    sv = new String[n];
                }
                sn[sc] = name;
                sv[sc] = query.value(i);
                sc++;
            }
        }
        if (sc == 0) {
            return;
        }
        PairSort.sort(sn, sv, sc, PairSort.BY_NAME);
        for (int i = 0; i < sc; i++) {
            sb.append(i == 0 ? '?' : '&').append(sn[i]);
            if (sv[i] != null) {
                sb.append('=').append(sv[i]);
            }
        }
    }

    /**
     * The bucket named by the host, or null for path-style addressing. An AWS S3 endpoint
     * ({@code *.amazonaws.com}) gives the labels before its {@code s3}/{@code s3-*} label; a
     * configured {@link V2Options#VIRTUAL_HOST_SUFFIXES suffix} gives the labels before it; an IP
     * address, a single-label host ({@code localhost}) or a configured suffix itself gives none;
     * any other host is a CNAME and is the bucket itself (unless {@link V2Options#CNAME_BUCKETS}
     * is false).
     *
     * @param hostHeader the Host header value, with or without port
     * @return the bucket, or null
     */
    public String bucket(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        HostBucket last = lastHost;
        if (last != null && last.host.equals(hostHeader)) {
            return last.bucket;
        }
        String bucket = resolveBucket(hostHeader);
        lastHost = new HostBucket(hostHeader, bucket);
        return bucket;
    }

    /** The last host resolved and its bucket (hosts repeat: one endpoint, few buckets). */
    private static final class HostBucket {
        final String host;
        final String bucket;

        HostBucket(String host, String bucket) {
            this.host = host;
            this.bucket = bucket;
        }
    }

    private String resolveBucket(String hostHeader) {
        String host = lower(stripPort(hostHeader.trim()));
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.charAt(0) == '[' || host.indexOf('.') < 0 || isIpv4(host)) {
            return null;
        }
        for (String s : hostSuffixes) {
            if (host.equals(s)) {
                return null;
            }
            int cut = host.length() - s.length() - 1;
            if (cut > 0 && host.endsWith(s) && host.charAt(cut) == '.') {
                return host.substring(0, cut);
            }
        }
        for (String aws : AWS_SUFFIXES) {
            if (host.endsWith(aws)) {
                return awsBucket(host, host.length() - aws.length());
            }
        }
        return cnameBuckets ? host : null;
    }

    /** The bucket of an AWS host whose service part ends at {@code end} (the dot before amazonaws). */
    private static String awsBucket(String host, int end) {
        // find the rightmost label that is "s3" or "s3-..." (s3-external-1, s3-us-west-2, s3-accelerate)
        int s3Start = -1;
        int labelEnd = end;
        while (labelEnd > 0) {
            int dot = host.lastIndexOf('.', labelEnd - 1);
            int labelStart = dot + 1;
            if (isS3Label(host, labelStart, labelEnd)) {
                s3Start = labelStart;
                break;
            }
            if (dot < 0) {
                break;
            }
            labelEnd = dot;
        }
        if (s3Start <= 0) {
            return null; // not an S3 endpoint, or the bare endpoint (path-style)
        }
        int bucketEnd = s3Start - 1;
        // the legacy documentation form bucket.<region>.s3.amazonaws.com: drop the region label
        int dot = host.lastIndexOf('.', bucketEnd - 1);
        if (dot > 0 && isRegion(host, dot + 1, bucketEnd)) {
            bucketEnd = dot;
        }
        return bucketEnd > 0 ? host.substring(0, bucketEnd) : null;
    }

    private static boolean isS3Label(String host, int start, int end) {
        int len = end - start;
        return (len == 2 || (len > 3 && host.charAt(start + 2) == '-'))
                && host.charAt(start) == 's' && host.charAt(start + 1) == '3';
    }

    /** {@code [a-z]{2}(-[a-z]+)+-[0-9]+}, for example {@code us-west-1}, {@code us-gov-west-1}. */
    static boolean isRegion(String s, int start, int end) {
        if (end - start < 6 || !isLetter(s.charAt(start)) || !isLetter(s.charAt(start + 1))
                || s.charAt(start + 2) != '-') {
            return false;
        }
        int lastDash = s.lastIndexOf('-', end - 1);
        if (lastDash <= start + 2 || lastDash == end - 1) {
            return false;
        }
        for (int i = lastDash + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        boolean letterSeen = false;
        for (int i = start + 3; i < lastDash; i++) {
            char c = s.charAt(i);
            if (c == '-') {
                if (!letterSeen) {
                    return false;
                }
                letterSeen = false;
            } else if (isLetter(c)) {
                letterSeen = true;
            } else {
                return false;
            }
        }
        return letterSeen;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isIpv4(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** ASCII lower case (other characters kept), the same instance when there is nothing to change. */
    static String lower(String s) {
        return Ascii.lower(s);
    }

    /** Trims spaces and horizontal tabs (HTTP optional whitespace) at both ends. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static String join(String a, String b) {
        return a == null ? b : a + ',' + b;
    }
}
