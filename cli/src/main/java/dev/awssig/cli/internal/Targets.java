package dev.awssig.cli.internal;

import dev.awssig.internal.UriEncoding;

/** Turns {@code s3://BUCKET/KEY} (or a URL) into the URL to sign. */
final class Targets {
    private Targets() {
    }

    /**
     * The URL for a target.
     *
     * @param target {@code s3://BUCKET/KEY} or an {@code http(s)://} URL
     * @param region the region for the S3 host name (s3:// targets without an endpoint)
     * @param endpoint an S3-compatible endpoint URL, or null for AWS
     * @param pathStyle whether to put the bucket in the path
     * @param field the option name for messages
     */
    static String url(String target, String region, String endpoint, boolean pathStyle, String field) {
        if (target == null || target.isBlank()) {
            throw new UserException(field + ": is required (s3://BUCKET/KEY or an http(s):// URL)");
        }
        // not stripped: an S3 key may begin or end with spaces
        String t = target;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            if (endpoint != null || pathStyle) {
                throw new UserException("--endpoint and --path-style apply to s3://BUCKET/KEY targets, not to a full URL");
            }
            return t;
        }
        if (!lower.startsWith("s3://")) {
            throw new UserException(field + ": must be s3://BUCKET/KEY or an http(s):// URL, was '" + t + "'");
        }
        String rest = t.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new UserException(field + ": the bucket is missing in '" + t + "' (expected s3://BUCKET/KEY)");
        }
        for (int i = 0; i < bucket.length(); i++) {
            char c = bucket.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_')) {
                throw new UserException(field + ": the bucket name '" + bucket + "' contains '" + c
                        + "'; bucket names use letters, digits, '-', '.' and '_'");
            }
        }
        String encodedKey = UriEncoding.encode(key, true);
        String scheme;
        String host;
        String basePath;
        if (endpoint == null) {
            scheme = "https";
            host = s3Host(region);
            basePath = "";
        } else {
            String e = endpoint.strip();
            String el = e.toLowerCase(java.util.Locale.ROOT);
            int sep = e.indexOf("://");
            if (!(el.startsWith("http://") || el.startsWith("https://")) || sep < 0) {
                throw new UserException("--endpoint: must be an http(s):// URL like http://127.0.0.1:9000, was '" + e + "'");
            }
            scheme = el.substring(0, sep);
            String authorityAndPath = e.substring(sep + 3);
            int p = authorityAndPath.indexOf('/');
            host = p < 0 ? authorityAndPath : authorityAndPath.substring(0, p);
            basePath = p < 0 ? "" : authorityAndPath.substring(p);
            if (basePath.indexOf('?') >= 0) {
                throw new UserException("--endpoint: must not have a query, was '" + e + "'");
            }
            while (basePath.endsWith("/")) {
                basePath = basePath.substring(0, basePath.length() - 1);
            }
            if (host.isEmpty()) {
                throw new UserException("--endpoint: the host is missing in '" + e + "'");
            }
        }
        boolean virtual = !pathStyle && HostNames.virtualHostable(bucket) && !isIpLiteralOrLocal(host);
        if (virtual) {
            return scheme + "://" + bucket + "." + host + basePath + "/" + encodedKey;
        }
        return scheme + "://" + host + basePath + "/" + bucket + "/" + encodedKey;
    }

    /** The host name (without port) of an --endpoint URL, or null. */
    static String endpointHost(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        String e = endpoint.strip();
        int sep = e.indexOf("://");
        String rest = sep < 0 ? e : e.substring(sep + 3);
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != ':') {
            end++;
        }
        return end == 0 ? null : rest.substring(0, end);
    }

    /** The S3 host of a region: the global name for us-east-1 (as in the AWS documentation). */
    static String s3Host(String region) {
        if (region == null || region.equals("us-east-1")) {
            return "s3.amazonaws.com";
        }
        return "s3." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
    }

    private static boolean isIpLiteralOrLocal(String hostAndPort) {
        String h = hostAndPort;
        if (h.startsWith("[")) {
            return true;
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
