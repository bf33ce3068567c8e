package dev.awssig.cli.internal;

import dev.awssig.S3Location;

/** Turns {@code s3://BUCKET/KEY} (or a URL) into the URL to sign, with the library's {@link S3Location}. */
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
        return url(target, region, endpoint, pathStyle, field, "--region", "--endpoint", "--path-style");
    }

    /**
     * The URL for a target, with the names of the region, endpoint and path-style options (or
     * batch fields) for messages.
     */
    static String url(String target, String region, String endpoint, boolean pathStyle, String field,
                      String regionField, String endpointField, String pathStyleField) {
        if (target == null || target.isBlank()) {
            throw new UserException(field + ": is required (s3://BUCKET/KEY or an http(s):// URL)");
        }
        // not stripped: an S3 key may begin or end with spaces
        String t = target;
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            if (endpoint != null || pathStyle) {
                throw new UserException(endpointField + " and " + pathStyleField
                        + " apply to s3://BUCKET/KEY targets, not to a full URL");
            }
            return t;
        }
        if (!lower.startsWith("s3://")) {
            throw new UserException(field + ": must be s3://BUCKET/KEY or an http(s):// URL, was '" + t + "'");
        }
        S3Location location;
        try {
            location = S3Location.parse(t);
        } catch (IllegalArgumentException e) {
            throw new UserException(field + ": " + e.getMessage().replaceFirst("^(s3Uri|bucket): ", ""));
        }
        S3Location.Endpoint where;
        try {
            where = endpoint == null ? S3Location.Endpoint.region(region == null ? Setup.DEFAULT_REGION : region)
                    : S3Location.Endpoint.of(endpoint);
        } catch (IllegalArgumentException e) {
            throw new UserException((endpoint == null ? regionField : endpointField) + ": "
                    + e.getMessage().replaceFirst("^(region|endpoint): ", ""));
        }
        return location.url(where.withPathStyle(pathStyle));
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
}
