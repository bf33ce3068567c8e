package dev.awssig.v2;

import dev.awssig.SigningOption;
import dev.awssig.internal.OptionNames;
import java.time.Duration;
import java.util.List;

/**
 * The {@link SigningOption options} of the Signature Version 2 signers and verifiers, set with
 * {@link dev.awssig.SigningConfig.Builder#option(SigningOption, Object)}. Options are identified
 * by name, so {@code SigningOption.of("sigv2.signatureMethod", String.class)} is the same key as
 * {@link #SIGNATURE_METHOD}.
 *
 * @since 0.1.0
 */
public final class V2Options {
    /**
     * {@code HmacSHA256} (the default) or {@code HmacSHA1}: the query API's {@code SignatureMethod}.
     *
     * @since 0.1.0
     */
    public static final SigningOption<String> SIGNATURE_METHOD =
            OptionNames.own("sigv2.signatureMethod", String.class, false);

    /**
     * Comma-separated endpoint domains of a non-AWS S3 service that supports virtual-hosted
     * buckets, for example {@code s3.example.com}: a Host {@code photos.s3.example.com} then names
     * bucket {@code photos}, and {@code s3.example.com} itself is path-style. Hosts under
     * {@code amazonaws.com} need no configuration.
     *
     * @since 0.1.0
     */
    public static final SigningOption<String> VIRTUAL_HOST_SUFFIXES =
            OptionNames.own("sigv2.virtualHostSuffixes", String.class, false);

    /**
     * Whether a host that is neither an AWS endpoint, nor under a
     * {@link #VIRTUAL_HOST_SUFFIXES configured suffix}, nor an IP address or single-label name,
     * is a CNAME whose whole name is the bucket (S3's rule; default {@code true}). Set to
     * {@code false} for a path-style-only service reached by a DNS name.
     *
     * @since 0.1.0
     */
    public static final SigningOption<Boolean> CNAME_BUCKETS =
            OptionNames.own("sigv2.cnameBuckets", Boolean.class, false);

    /**
     * Comma-separated query parameters to sign as sub-resources in addition to the default list
     * (for example {@code select,select-type,object-lock} for clients that sign those).
     *
     * @since 0.1.0
     */
    public static final SigningOption<String> EXTRA_SUB_RESOURCES =
            OptionNames.own("sigv2.extraSubResources", String.class, false);

    /**
     * Verifiers: the largest accepted difference between the request's {@code Date} /
     * {@code x-amz-date} (or the query API's {@code Timestamp}) and the server's time; default
     * 15 minutes, as S3.
     *
     * @since 0.1.0
     */
    public static final SigningOption<Duration> MAX_CLOCK_SKEW =
            OptionNames.own("sigv2.maxClockSkew", Duration.class, false);

    /**
     * The default {@link #MAX_CLOCK_SKEW}: 15 minutes.
     *
     * @since 0.1.0
     */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    /**
     * {@code HmacSHA256}.
     *
     * @since 0.1.0
     */
    public static final String HMAC_SHA256 = "HmacSHA256";

    /**
     * {@code HmacSHA1}.
     *
     * @since 0.1.0
     */
    public static final String HMAC_SHA1 = "HmacSHA1";

    /**
     * The query parameters S3 SigV2 signs as sub-resources by default, sorted (the list of the
     * AWS SDK for Java v1); {@link #EXTRA_SUB_RESOURCES} adds more.
     *
     * @since 0.1.0
     */
    public static final List<String> DEFAULT_SUB_RESOURCES = List.of(
            "accelerate", "acl", "analytics", "cors", "delete", "inventory", "lifecycle", "location", "logging",
            "metrics", "notification", "partNumber", "policy", "replication", "requestPayment",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "restore", "tagging",
            "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website");

    private V2Options() {
    }
}
