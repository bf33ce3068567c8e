package dev.awssig;

import dev.awssig.internal.Checks;
import dev.awssig.internal.UriEncoding;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An S3 object (or bucket) location: a bucket, a key and an optional version id, and the request
 * URL that addresses it on an {@link Endpoint}.
 *
 * <p>The URL is built as the AWS SDKs build it: virtual-hosted style
 * ({@code https://bucket.s3.eu-west-1.amazonaws.com/key}) when the bucket name can be a host
 * name label, path style ({@code https://s3.eu-west-1.amazonaws.com/bucket/key}) when asked or
 * when it cannot (upper case or {@code _} in the name, a name with dots under TLS, whose wildcard
 * certificate would not match, an endpoint that is an IP address or {@code localhost}). The key
 * is percent-encoded exactly once, every byte except the unreserved characters and {@code /}:
 * a space becomes {@code %20}, {@code +} {@code %2B}, {@code =} {@code %3D}, {@code ?}
 * {@code %3F}, {@code #} {@code %23}, non-ASCII its UTF-8 bytes, and {@code //} stays, as S3
 * keys are literal. The URL is always a valid {@link URI}.
 *
 * <pre>{@code
 * S3Location photo = S3Location.of("examplebucket", "photos/2024/a b.jpg");
 * String url = photo.url(S3Location.Endpoint.region("eu-west-1"));
 * // https://examplebucket.s3.eu-west-1.amazonaws.com/photos/2024/a%20b.jpg
 * PresignedUrl presigned = presigner.presign("GET", photo, S3Location.Endpoint.region("eu-west-1"),
 *         Duration.ofHours(1));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class S3Location {
    private final String bucket;
    private final String key;
    private final String versionId;

    private S3Location(String bucket, String key, String versionId) {
        this.bucket = requireBucket(bucket);
        this.key = Objects.requireNonNull(key, "key");
        if (key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("key: must not contain a NUL character");
        }
        if (versionId != null) {
            Checks.requireNonBlank(versionId, "versionId");
        }
        this.versionId = versionId;
    }

    /**
     * An object location.
     *
     * @param bucket the bucket name
     * @param key the object key, literally (not encoded); empty for the bucket itself
     * @return the location
     * @throws IllegalArgumentException if the bucket name is empty, longer than 255 characters or
     *     has a character S3 bucket names never have
     * @since 0.2.0
     */
    public static S3Location of(String bucket, String key) {
        return new S3Location(bucket, key, null);
    }

    /**
     * A location of one version of an object.
     *
     * @param bucket the bucket name
     * @param key the object key, literally
     * @param versionId the version id, or null for the current version
     * @return the location
     * @throws IllegalArgumentException if the bucket name is not a valid S3 bucket name, or the
     *     version id is blank
     * @since 0.2.0
     */
    public static S3Location of(String bucket, String key, String versionId) {
        return new S3Location(bucket, key, versionId);
    }

    /**
     * Parses {@code s3://BUCKET/KEY} as the AWS CLI reads it: everything after the first
     * {@code /} following the bucket is the key, literally (no percent-decoding; {@code ?} and
     * {@code #} are part of the key).
     *
     * @param s3Uri for example {@code s3://examplebucket/photos/a b.jpg}
     * @return the location
     * @throws IllegalArgumentException if the text does not start with {@code s3://} or names no
     *     valid bucket
     * @since 0.2.0
     */
    public static S3Location parse(String s3Uri) {
        Checks.requireNonBlank(s3Uri, "s3Uri");
        if (!s3Uri.regionMatches(true, 0, "s3://", 0, 5)) {
            throw new IllegalArgumentException("s3Uri: must be s3://BUCKET/KEY, was '" + Checks.printable(s3Uri) + "'");
        }
        String rest = s3Uri.substring(5);
        int slash = rest.indexOf('/');
        String b = slash < 0 ? rest : rest.substring(0, slash);
        if (b.isEmpty()) {
            throw new IllegalArgumentException("s3Uri: the bucket is missing in '" + Checks.printable(s3Uri)
                    + "' (expected s3://BUCKET/KEY)");
        }
        return new S3Location(b, slash < 0 ? "" : rest.substring(slash + 1), null);
    }

    /**
     * The bucket name.
     *
     * @return the bucket
     * @since 0.2.0
     */
    public String bucket() {
        return bucket;
    }

    /**
     * The object key, literally (empty for the bucket itself).
     *
     * @return the key
     * @since 0.2.0
     */
    public String key() {
        return key;
    }

    /**
     * The version id.
     *
     * @return the version id, or empty for the current version
     * @since 0.2.0
     */
    public Optional<String> versionId() {
        return Optional.ofNullable(versionId);
    }

    /**
     * This location with another version id.
     *
     * @param versionId the version id, or null for the current version
     * @return the location
     * @since 0.2.0
     */
    public S3Location withVersionId(String versionId) {
        return new S3Location(bucket, key, versionId);
    }

    /**
     * The request URL of this location on an endpoint.
     *
     * @param endpoint where the bucket is
     * @return the absolute URL, a valid URI
     * @throws IllegalArgumentException if the endpoint cannot address this bucket (transfer
     *     acceleration needs a bucket name that is a DNS label without dots)
     * @since 0.2.0
     */
    public String url(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        boolean tls = endpoint.scheme.equals("https");
        boolean virtual = !endpoint.pathStyle && isVirtualHostable(bucket, tls) && !isIpOrLocalhost(endpoint.host);
        if (endpoint.accelerate && !virtual) {
            throw new IllegalArgumentException("endpoint: transfer acceleration needs virtual-hosted style and a"
                    + " bucket name that is a DNS label without dots, was '" + bucket + "'");
        }
        StringBuilder sb = new StringBuilder(endpoint.scheme.length() + endpoint.host.length() + bucket.length()
                + key.length() * 3 / 2 + 24);
        sb.append(endpoint.scheme).append("://");
        if (virtual) {
            sb.append(bucket).append('.');
        }
        sb.append(endpoint.host);
        if (endpoint.port != -1) {
            sb.append(':').append(endpoint.port);
        }
        sb.append(endpoint.basePath);
        if (virtual) {
            sb.append('/');
        } else {
            sb.append('/').append(bucket);
            if (!key.isEmpty()) {
                sb.append('/');
            }
        }
        UriEncoding.appendEncoded(sb, key, true);
        if (versionId != null) {
            sb.append("?versionId=");
            UriEncoding.appendEncoded(sb, versionId, false);
        }
        return sb.toString();
    }

    /**
     * The request URL of this location on an endpoint, as a {@link URI}.
     *
     * @param endpoint where the bucket is
     * @return the URI
     * @since 0.2.0
     */
    public URI uri(Endpoint endpoint) {
        return URI.create(url(endpoint));
    }

    /**
     * A request builder for this location: the method and the URL on an endpoint set, the rest
     * (headers, payload) up to the caller.
     *
     * @param method the HTTP method, for example {@code GET}
     * @param endpoint where the bucket is
     * @return a builder
     * @since 0.2.0
     */
    public SignableRequest.Builder request(String method, Endpoint endpoint) {
        return SignableRequest.builder().method(method).uri(url(endpoint));
    }

    /**
     * Whether a bucket name can be the first label of a host name: 3 to 63 lower-case letters,
     * digits, {@code -} and {@code .}, starting and ending with a letter or digit, no {@code ..},
     * {@code .-} or {@code -.}, not shaped like an IPv4 address; and without dots when the
     * connection uses TLS ({@code *.s3.amazonaws.com} certificates cover one label).
     *
     * @param bucket the bucket name
     * @param tls whether the URL is {@code https}
     * @return true when virtual-hosted style can address the bucket
     * @since 0.2.0
     */
    public static boolean isVirtualHostable(String bucket, boolean tls) {
        Objects.requireNonNull(bucket, "bucket");
        int n = bucket.length();
        if (n < 3 || n > 63) {
            return false;
        }
        boolean allDigitsAndDots = true;
        for (int i = 0; i < n; i++) {
            char c = bucket.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (letterOrDigit) {
                allDigitsAndDots &= c <= '9';
                continue;
            }
            if (c == '-' || c == '.') {
                if (i == 0 || i == n - 1) {
                    return false;
                }
                char prev = bucket.charAt(i - 1);
                if (prev == '.' || (c == '.' && prev == '-')) {
                    return false;
                }
                if (c == '.' && tls) {
                    return false;
                }
                continue;
            }
            return false;
        }
        return !(allDigitsAndDots && bucket.indexOf('.') >= 0);
    }

    private static boolean isIpOrLocalhost(String host) {
        if (host.startsWith("[") || host.equalsIgnoreCase("localhost")) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    private static String requireBucket(String bucket) {
        Checks.requireNonBlank(bucket, "bucket");
        if (bucket.length() > 255) {
            throw new IllegalArgumentException("bucket: must be at most 255 characters, was " + bucket.length());
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_')) {
                throw new IllegalArgumentException("bucket: '" + Checks.printable(bucket) + "' contains '"
                        + Checks.printable(String.valueOf(c)) + "'; bucket names use letters, digits, '-', '.' and '_'");
            }
        }
        return bucket;
    }

    /**
     * Equal when bucket, key and version id are.
     *
     * @param o the other object
     * @return whether both name the same location
     * @since 0.2.0
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof S3Location)) {
            return false;
        }
        S3Location l = (S3Location) o;
        return bucket.equals(l.bucket) && key.equals(l.key) && Objects.equals(versionId, l.versionId);
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     * @since 0.2.0
     */
    @Override
    public int hashCode() {
        return Objects.hash(bucket, key, versionId);
    }

    /**
     * {@code s3://bucket/key}, with {@code ?versionId=...} when a version is named.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "s3://" + bucket + '/' + key + (versionId == null ? "" : " (versionId " + versionId + ")");
    }

    /**
     * Where a bucket is: an AWS region's S3 endpoint (with dual-stack, FIPS or transfer
     * acceleration), or a custom endpoint URL such as an S3-compatible server's; and whether the
     * bucket must go into the path.
     *
     * <p>Immutable and thread-safe; the {@code with...} methods return new values.
     *
     * @since 0.2.0
     */
    public static final class Endpoint {
        private final String region;
        private final String scheme;
        private final String host;
        private final int port;
        private final String basePath;
        private final boolean pathStyle;
        private final boolean dualStack;
        private final boolean fips;
        private final boolean accelerate;

        private Endpoint(String region, String scheme, String host, int port, String basePath, boolean pathStyle,
                         boolean dualStack, boolean fips, boolean accelerate) {
            this.region = region;
            this.scheme = scheme;
            this.pathStyle = pathStyle;
            this.dualStack = dualStack;
            this.fips = fips;
            this.accelerate = accelerate;
            this.port = port;
            this.basePath = basePath;
            if (region != null) {
                if (accelerate && fips) {
                    throw new IllegalArgumentException("endpoint: transfer acceleration is not available with FIPS");
                }
                if (accelerate && pathStyle) {
                    throw new IllegalArgumentException("endpoint: transfer acceleration needs virtual-hosted style,"
                            + " not path style");
                }
                this.host = awsHost(region, dualStack, fips, accelerate);
            } else {
                if (dualStack || fips || accelerate) {
                    throw new IllegalArgumentException("endpoint: dual-stack, FIPS and transfer acceleration name AWS"
                            + " endpoints; they do not apply to the custom endpoint " + scheme + "://" + host);
                }
                this.host = host;
            }
        }

        /**
         * The S3 endpoint of an AWS region over HTTPS, for example
         * {@code s3.eu-west-1.amazonaws.com}; {@code us-east-1} uses the global name
         * {@code s3.amazonaws.com}, as the AWS documentation does, and {@code cn-*} regions
         * {@code amazonaws.com.cn}.
         *
         * @param region the region, for example {@code eu-west-1}
         * @return the endpoint
         * @throws IllegalArgumentException if the region is blank or has '/', whitespace or non-ASCII
         * @since 0.2.0
         */
        public static Endpoint region(String region) {
            Checks.requireScopePart(region, "region");
            for (int i = 0; i < region.length(); i++) {
                char c = region.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                    throw new IllegalArgumentException("region: '" + Checks.printable(region)
                            + "' must be lower-case letters, digits and '-', like eu-west-1");
                }
            }
            return new Endpoint(region, "https", null, -1, "", false, false, false, false);
        }

        /**
         * A custom endpoint, such as an S3-compatible server: {@code http(s)://host[:port][/base/path]}.
         * Buckets go into the host name as for AWS unless {@link #withPathStyle(boolean)} says
         * otherwise, or the host is an IP address or {@code localhost}.
         *
         * @param url the endpoint URL, without query or fragment
         * @return the endpoint
         * @throws IllegalArgumentException if the URL is not an absolute http(s) URL with a host
         * @since 0.2.0
         */
        public static Endpoint of(String url) {
            Objects.requireNonNull(url, "url");
            Checks.requireNonBlank(url, "endpoint");
            String e = url.strip();
            int sep = e.indexOf("://");
            String scheme = sep < 0 ? "" : e.substring(0, sep).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("endpoint: must be an http(s):// URL like http://127.0.0.1:9000, was '"
                        + Checks.printable(e) + "'");
            }
            String rest = e.substring(sep + 3);
            if (rest.indexOf('?') >= 0 || rest.indexOf('#') >= 0) {
                throw new IllegalArgumentException("endpoint: must not have a query or fragment, was '"
                        + Checks.printable(e) + "'");
            }
            int p = rest.indexOf('/');
            String authority = p < 0 ? rest : rest.substring(0, p);
            String base = p < 0 ? "" : rest.substring(p);
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            if (authority.indexOf('@') >= 0) {
                throw new IllegalArgumentException("endpoint: must not contain user info ('user@host')");
            }
            String h = authority;
            int port = -1;
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(']', colon) < 0) {
                h = authority.substring(0, colon);
                try {
                    port = Integer.parseInt(authority.substring(colon + 1));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("endpoint: port is not a number in '" + Checks.printable(e) + "'");
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("endpoint: port must be 1..65535, was " + port);
                }
            }
            if (h.isEmpty()) {
                throw new IllegalArgumentException("endpoint: the host is missing in '" + Checks.printable(e) + "'");
            }
            for (int i = 0; i < h.length(); i++) {
                char c = h.charAt(i);
                if (c <= ' ' || c >= 0x7f || c == '\\') {
                    throw new IllegalArgumentException("endpoint: the host contains an invalid character at index " + i);
                }
            }
            return new Endpoint(null, scheme, h, port, UriEncoding.encodeIllegal(base), false, false, false, false);
        }

        /**
         * This endpoint with the bucket always in the path ({@code host/bucket/key}), as
         * S3-compatible servers without wildcard DNS need.
         *
         * @param pathStyle whether to force path style
         * @return the endpoint
         * @since 0.2.0
         */
        public Endpoint withPathStyle(boolean pathStyle) {
            return new Endpoint(region, scheme, region == null ? host : null, port, basePath, pathStyle, dualStack,
                    fips, accelerate);
        }

        /**
         * This AWS endpoint with IPv6 and IPv4 ({@code s3.dualstack.REGION.amazonaws.com}).
         *
         * @param dualStack whether to use the dual-stack endpoint
         * @return the endpoint
         * @throws IllegalArgumentException for a custom endpoint
         * @since 0.2.0
         */
        public Endpoint withDualStack(boolean dualStack) {
            return new Endpoint(region, scheme, region == null ? host : null, port, basePath, pathStyle, dualStack,
                    fips, accelerate);
        }

        /**
         * This AWS endpoint with FIPS 140 validated cryptography ({@code s3-fips.REGION.amazonaws.com}).
         *
         * @param fips whether to use the FIPS endpoint
         * @return the endpoint
         * @throws IllegalArgumentException for a custom endpoint, or with transfer acceleration
         * @since 0.2.0
         */
        public Endpoint withFips(boolean fips) {
            return new Endpoint(region, scheme, region == null ? host : null, port, basePath, pathStyle, dualStack,
                    fips, accelerate);
        }

        /**
         * This AWS endpoint with S3 Transfer Acceleration ({@code bucket.s3-accelerate.amazonaws.com}).
         *
         * @param accelerate whether to use the accelerate endpoint
         * @return the endpoint
         * @throws IllegalArgumentException for a custom endpoint, with FIPS or with path style
         * @since 0.2.0
         */
        public Endpoint withAccelerate(boolean accelerate) {
            return new Endpoint(region, scheme, region == null ? host : null, port, basePath, pathStyle, dualStack,
                    fips, accelerate);
        }

        /**
         * The region of an AWS endpoint.
         *
         * @return the region, or empty for a custom endpoint
         * @since 0.2.0
         */
        public Optional<String> region() {
            return Optional.ofNullable(region);
        }

        /**
         * Whether buckets always go into the path.
         *
         * @return true for forced path style
         * @since 0.2.0
         */
        public boolean pathStyle() {
            return pathStyle;
        }

        /**
         * The scheme, host, port and base path of the endpoint, without any bucket.
         *
         * @return for example {@code https://s3.eu-west-1.amazonaws.com}
         * @since 0.2.0
         */
        public String baseUrl() {
            return scheme + "://" + host + (port == -1 ? "" : ":" + port) + basePath;
        }

        private static String awsHost(String region, boolean dualStack, boolean fips, boolean accelerate) {
            String suffix;
            if (region.startsWith("cn-")) {
                suffix = "amazonaws.com.cn";
            } else if (region.startsWith("us-isob-")) {
                suffix = "sc2s.sgov.gov";
            } else if (region.startsWith("us-iso-")) {
                suffix = "c2s.ic.gov";
            } else {
                suffix = "amazonaws.com";
            }
            if (accelerate) {
                return "s3-accelerate" + (dualStack ? ".dualstack." : ".") + suffix;
            }
            if (!dualStack && !fips && region.equals("us-east-1")) {
                return "s3.amazonaws.com";
            }
            return (fips ? "s3-fips" : "s3") + (dualStack ? ".dualstack." : ".") + region + '.' + suffix;
        }

        /**
         * Equal when every part is.
         *
         * @param o the other object
         * @return whether both address buckets the same way
         * @since 0.2.0
         */
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Endpoint)) {
                return false;
            }
            Endpoint e = (Endpoint) o;
            return Objects.equals(region, e.region) && scheme.equals(e.scheme) && host.equals(e.host) && port == e.port
                    && basePath.equals(e.basePath) && pathStyle == e.pathStyle && dualStack == e.dualStack
                    && fips == e.fips && accelerate == e.accelerate;
        }

        /**
         * A hash consistent with {@link #equals(Object)}.
         *
         * @return the hash code
         * @since 0.2.0
         */
        @Override
        public int hashCode() {
            return Objects.hash(region, scheme, host, port, basePath, pathStyle, dualStack, fips, accelerate);
        }

        /**
         * The base URL and the addressing options.
         *
         * @return the description
         * @since 0.2.0
         */
        @Override
        public String toString() {
            return "S3Location.Endpoint[" + baseUrl() + (pathStyle ? ", path style" : "")
                    + (dualStack ? ", dual-stack" : "") + (fips ? ", FIPS" : "") + (accelerate ? ", accelerate" : "") + "]";
        }
    }
}
