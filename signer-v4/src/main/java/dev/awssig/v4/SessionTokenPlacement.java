package dev.awssig.v4;

/**
 * Where the session token of temporary credentials goes.
 *
 * @since 0.1.0
 */
public enum SessionTokenPlacement {
    /** {@code X-Amz-Security-Token} is part of the signature (the default; S3 needs this). */
    SIGNED,
    /**
     * The token is added after signing and is not signed, as some services require
     * (the {@code post-sts-header-after} case of the AWS test suite).
     */
    AFTER_SIGNING
}
