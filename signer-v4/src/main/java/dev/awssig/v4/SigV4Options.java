package dev.awssig.v4;

import dev.awssig.SigningOption;
import dev.awssig.internal.OptionNames;
import java.time.Duration;

/**
 * The {@link SigningOption options} of the SigV4 signer, presigner and verifier. Every option
 * has a default; set them on {@link dev.awssig.SigningConfig.Builder#option}.
 *
 * @since 0.1.0
 */
public final class SigV4Options {
    /**
     * How the body is signed. Default: {@link PayloadSigning#SIGNED} when signing headers; for
     * presigned URLs {@link PayloadSigning#UNSIGNED} on {@code s3} and {@link PayloadSigning#SIGNED}
     * elsewhere.
     */
    public static final SigningOption<PayloadSigning> PAYLOAD_SIGNING =
            OptionNames.own("sigv4.payloadSigning", PayloadSigning.class, false);

    /** Which headers are signed. Default: {@link SignedHeadersPolicy#defaults()}. */
    public static final SigningOption<SignedHeadersPolicy> SIGNED_HEADERS =
            OptionNames.own("sigv4.signedHeaders", SignedHeadersPolicy.class, false);

    /**
     * Whether the path is normalised (dot segments removed, repeated slashes collapsed) before
     * encoding. Default: false for service {@code s3}, true otherwise.
     */
    public static final SigningOption<Boolean> NORMALIZE_PATH =
            OptionNames.own("sigv4.normalizePath", Boolean.class, false);

    /**
     * Whether the (already encoded) path is encoded a second time. Default: false for service
     * {@code s3} (the path is decoded and encoded once), true otherwise.
     */
    public static final SigningOption<Boolean> DOUBLE_URL_ENCODE =
            OptionNames.own("sigv4.doubleUrlEncode", Boolean.class, false);

    /**
     * Whether the signer adds (and signs) {@code x-amz-content-sha256} in header mode.
     * Default: true for {@code s3} and for every streaming mode, false otherwise.
     */
    public static final SigningOption<Boolean> CONTENT_SHA256_HEADER =
            OptionNames.own("sigv4.contentSha256Header", Boolean.class, false);

    /** Where the session token goes. Default: {@link SessionTokenPlacement#SIGNED}. */
    public static final SigningOption<SessionTokenPlacement> SESSION_TOKEN_PLACEMENT =
            OptionNames.own("sigv4.sessionTokenPlacement", SessionTokenPlacement.class, false);

    /** The aws-chunked chunk size in bytes (1 .. 16 MiB). Default: 65536. */
    public static final SigningOption<Integer> CHUNK_SIZE =
            OptionNames.own("sigv4.chunkSize", Integer.class, false);

    /**
     * The trailing checksum of the two trailer modes. Default: {@link ChecksumAlgorithm#CRC32C}.
     */
    public static final SigningOption<ChecksumAlgorithm> TRAILER_CHECKSUM =
            OptionNames.own("sigv4.trailerChecksum", ChecksumAlgorithm.class, false);

    /** Verifier: the largest accepted distance between the request time and now. Default: 15 minutes. */
    public static final SigningOption<Duration> MAX_CLOCK_SKEW =
            OptionNames.own("sigv4.maxClockSkew", Duration.class, false);

    /** Verifier: the largest aws-chunked chunk accepted, in bytes. Default: 16 MiB. */
    public static final SigningOption<Integer> MAX_CHUNK_SIZE =
            OptionNames.own("sigv4.maxChunkSize", Integer.class, false);

    /** Default chunk size: 64 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;
    /** Largest chunk size: 16 MiB. */
    public static final int MAX_CHUNK_SIZE_LIMIT = 16 * 1024 * 1024;
    /** Longest validity of a presigned URL: 7 days, in seconds. */
    public static final long MAX_PRESIGN_SECONDS = 604800;

    private SigV4Options() {
    }
}
