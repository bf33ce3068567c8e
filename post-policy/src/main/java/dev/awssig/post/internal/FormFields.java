package dev.awssig.post.internal;

import dev.awssig.internal.Ascii;
import dev.awssig.internal.Checks;
import java.net.URI;
import java.util.Locale;

/**
 * Names and rules of POST form fields, and the action URL. Internal.
 */
public final class FormFields {
    /** The policy field. */
    public static final String POLICY = "policy";
    /** The SigV2 access key id field. */
    public static final String AWS_ACCESS_KEY_ID = "AWSAccessKeyId";
    /** The SigV2 signature field. */
    public static final String SIGNATURE = "signature";
    /** The SigV4 algorithm field. */
    public static final String X_AMZ_ALGORITHM = "x-amz-algorithm";
    /** The SigV4 credential field. */
    public static final String X_AMZ_CREDENTIAL = "x-amz-credential";
    /** The SigV4 date field. */
    public static final String X_AMZ_DATE = "x-amz-date";
    /** The SigV4 signature field. */
    public static final String X_AMZ_SIGNATURE = "x-amz-signature";
    /** The session / DevPay token field. */
    public static final String X_AMZ_SECURITY_TOKEN = "x-amz-security-token";
    /** The file field. */
    public static final String FILE = "file";

    private FormFields() {
    }

    /**
     * Whether a field needs no policy condition: {@code x-amz-signature}, {@code signature},
     * {@code awsaccesskeyid}, {@code file}, {@code policy} and {@code x-ignore-*}.
     *
     * @param name the field name
     * @return true when exempt
     */
    public static boolean isExempt(String name) {
        String n = asciiLower(name);
        return n.equals(X_AMZ_SIGNATURE) || n.equals(SIGNATURE) || n.equals("awsaccesskeyid") || n.equals(FILE)
                || n.equals(POLICY) || n.startsWith("x-ignore-");
    }

    /**
     * ASCII lower case; other characters are kept (the Kelvin sign stays itself, where
     * {@code toLowerCase} would make it {@code k}).
     *
     * @param s the text
     * @return the lower-cased text
     */
    public static String asciiLower(String s) {
        return Ascii.lower(s);
    }

    /**
     * The length of the UTF-8 form of a field name or value, in one pass.
     *
     * @param s the text
     * @return the number of bytes, or -1 when the text has a lone UTF-16 surrogate
     */
    public static long utf8Length(String s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 4;
                    i++;
                } else {
                    return -1;
                }
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * Whether the signer sets this field itself (so a caller may not).
     *
     * @param name the field name
     * @return true for authentication fields, {@code policy}, {@code file}, {@code key} and the token
     */
    public static boolean isSignerField(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(POLICY) || n.equals(SIGNATURE) || n.equals("awsaccesskeyid") || n.equals(X_AMZ_ALGORITHM)
                || n.equals(X_AMZ_CREDENTIAL) || n.equals(X_AMZ_DATE) || n.equals(X_AMZ_SIGNATURE)
                || n.equals(X_AMZ_SECURITY_TOKEN) || n.equals(FILE) || n.equals("key") || n.equals("bucket");
    }

    /**
     * Requires a field name a caller may set.
     *
     * @param name the name
     * @return the name
     */
    public static String requireUserField(String name) {
        Checks.requireToken(name, "field name");
        if (isSignerField(name)) {
            throw new IllegalArgumentException("field '" + name + "': set by the signer or the request"
                    + " (use key(...), securityToken(...), the policy or the bucket) and not allowed as an extra field");
        }
        return name;
    }

    /**
     * Requires a field value without NUL or unpaired surrogates.
     *
     * @param name the field name, for the message
     * @param value the value
     * @return the value
     */
    public static String requireValue(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + name + "': value is required (was null)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("field '" + name + "': value must not contain NUL (index " + i + ")");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException("field '" + name + "': value has an unpaired surrogate at index " + i);
                }
            }
        }
        return value;
    }

    /**
     * Requires a bucket name: 1 to 255 characters of letters, digits, {@code .}, {@code -} and
     * {@code _} (S3's legacy rule; today's buckets are a subset).
     *
     * @param bucket the name
     * @return the name
     */
    public static String requireBucket(String bucket) {
        Checks.requireNonBlank(bucket, "bucket");
        if (bucket.length() > 255) {
            throw new IllegalArgumentException("bucket: longer than 255 characters");
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("bucket: '" + Checks.printable(bucket)
                        + "' has a character that is not allowed in a bucket name at index " + i);
            }
        }
        return bucket;
    }

    /**
     * Requires an absolute http(s) endpoint without query or fragment.
     *
     * @param endpoint the endpoint
     * @return the endpoint
     */
    public static URI requireEndpoint(URI endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint: is required (was null)");
        }
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("endpoint: must be an absolute http or https URI, was '" + endpoint + "'");
        }
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint: has no host: '" + endpoint + "'");
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null || endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("endpoint: must not have user info, a query or a fragment: '" + endpoint + "'");
        }
        return endpoint;
    }

    /**
     * The action URL of a form.
     *
     * @param bucket the bucket
     * @param endpoint the custom endpoint, or null for AWS
     * @param region the region, or null
     * @param pathStyle true, false, or null for automatic
     * @return the URL
     */
    public static URI actionUrl(String bucket, URI endpoint, String region, Boolean pathStyle) {
        String scheme;
        String host;
        int port;
        String basePath;
        if (endpoint != null) {
            scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
            host = endpoint.getHost();
            port = endpoint.getPort();
            basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        } else {
            scheme = "https";
            port = -1;
            basePath = "";
            if (region == null) {
                host = "s3.amazonaws.com";
            } else {
                host = "s3." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
            }
        }
        while (basePath.endsWith("/")) {
            basePath = basePath.substring(0, basePath.length() - 1);
        }
        boolean path = pathStyle != null ? pathStyle
                : !isDnsCompatible(bucket) || isIpOrLocalhost(host);
        String portPart = port < 0 ? "" : ":" + port;
        String url = path
                ? scheme + "://" + host + portPart + basePath + "/" + bucket
                : scheme + "://" + bucket + "." + host + portPart + basePath + "/";
        return URI.create(url);
    }

    private static boolean isDnsCompatible(String bucket) {
        if (bucket.length() < 3 || bucket.length() > 63) {
            return false;
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return bucket.charAt(0) != '-' && bucket.charAt(bucket.length() - 1) != '-';
    }

    private static boolean isIpOrLocalhost(String host) {
        if (host.equalsIgnoreCase("localhost") || host.startsWith("[")) {
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
}
