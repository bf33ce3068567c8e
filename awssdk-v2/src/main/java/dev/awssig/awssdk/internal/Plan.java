package dev.awssig.awssdk.internal;

import dev.awssig.PayloadMode;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.BaseSignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * How the SDK's own SigV4 signer ({@code AwsV4HttpSigner}, SDK 2.57) would sign a request, read
 * from the same signer properties, so that awssig puts the same thing on the wire: whether the
 * body is signed, sent {@code aws-chunked}, with a trailing or a header checksum, or presigned.
 */
public final class Plan {
    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    /** The SDK's aws-chunked chunk size. */
    public static final int SDK_CHUNK_SIZE = 128 * 1024;

    /** The payload mode. */
    public final PayloadMode mode;
    /** The algorithm of an {@code x-amz-checksum-*} header to compute and sign, or null. */
    public final ChecksumAlgorithm headerChecksum;
    /** The algorithm of the aws-chunked trailer, or null. */
    public final ChecksumAlgorithm trailerChecksum;
    /** The expiry of a presigned request, or null for header signing. */
    public final Duration presignFor;
    /** Region, service and URI rules. */
    public final String region;
    /** The signing name of the service. */
    public final String service;
    /** Whether the path is encoded twice. */
    public final boolean doubleUrlEncode;
    /** Whether the path is normalised. */
    public final boolean normalizePath;

    private Plan(PayloadMode mode, ChecksumAlgorithm headerChecksum, ChecksumAlgorithm trailerChecksum,
                 Duration presignFor, String region, String service, boolean doubleUrlEncode, boolean normalizePath) {
        this.mode = mode;
        this.headerChecksum = headerChecksum;
        this.trailerChecksum = trailerChecksum;
        this.presignFor = presignFor;
        this.region = region;
        this.service = service;
        this.doubleUrlEncode = doubleUrlEncode;
        this.normalizePath = normalizePath;
    }

    /**
     * Reads the plan of a request.
     *
     * @param request the SDK's sign request
     * @param async whether this is the async path (which, like the SDK's, does not sign an aws-chunked
     *     body over plain HTTP)
     * @param override a payload mode that replaces the SDK's choice, or null
     * @return the plan
     * @throws UnsupportedOperationException for what awssig does not sign: event streams, query
     *     signing without an expiry, a trailer the request names itself
     */
    public static Plan of(BaseSignRequest<?, ? extends AwsCredentialsIdentity> request, boolean async,
                          PayloadMode override) {
        SdkHttpRequest http = request.request();
        String region = request.requireProperty(AwsV4HttpSigner.REGION_NAME);
        String service = request.requireProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME);
        boolean doubleEncode = request.requireProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, true);
        boolean normalize = request.requireProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, true);
        if (EVENT_STREAM.equals(http.firstMatchingHeader("Content-Type").orElse(""))) {
            throw new UnsupportedOperationException("awssig does not sign event streams; use the SDK's own signer"
                    + " for this operation");
        }
        AwsV4FamilyHttpSigner.AuthLocation location = request.requireProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION,
                AwsV4FamilyHttpSigner.AuthLocation.HEADER);
        Duration expiry = request.property(AwsV4FamilyHttpSigner.EXPIRATION_DURATION);
        if (location == AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING && expiry == null) {
            throw new UnsupportedOperationException("awssig signs the query string only for a presigned request"
                    + " (with an EXPIRATION_DURATION)");
        }
        if (location == AwsV4FamilyHttpSigner.AuthLocation.HEADER && expiry != null) {
            throw new UnsupportedOperationException(AwsV4FamilyHttpSigner.EXPIRATION_DURATION
                    + " is not supported for " + AwsV4FamilyHttpSigner.AuthLocation.HEADER + ".");
        }
        boolean https = "https".equals(http.protocol());
        boolean hasPayload = request.payload().isPresent();
        boolean payloadSigning = request.requireProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                || (!https && hasPayload);
        boolean chunked = request.requireProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false);
        if (async && !https && payloadSigning && chunked) {
            payloadSigning = false; // the SDK's async signer sends such bodies unsigned
        }
        if (http.firstMatchingHeader("x-amz-trailer").isPresent()) {
            throw new UnsupportedOperationException("awssig adds the aws-chunked trailer itself; the request already"
                    + " names one in x-amz-trailer");
        }
        ChecksumAlgorithm algorithm = request.property(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM);
        boolean flexible = algorithm != null && !http.firstMatchingHeader(checksumHeaderName(algorithm)).isPresent();
        PayloadMode mode;
        ChecksumAlgorithm header = null;
        ChecksumAlgorithm trailer = null;
        if (payloadSigning && chunked) {
            mode = flexible ? PayloadMode.STREAMING_SIGNED_TRAILER : PayloadMode.STREAMING_SIGNED;
            trailer = flexible ? algorithm : null;
        } else if (payloadSigning) {
            mode = PayloadMode.SIGNED;
            header = flexible ? algorithm : null;
        } else if (flexible && chunked) {
            mode = PayloadMode.STREAMING_UNSIGNED_TRAILER;
            trailer = algorithm;
        } else {
            mode = PayloadMode.UNSIGNED;
            header = flexible ? algorithm : null;
        }
        if (override != null && override != mode) {
            mode = override;
            trailer = override == PayloadMode.STREAMING_SIGNED_TRAILER || override == PayloadMode.STREAMING_UNSIGNED_TRAILER
                    ? (algorithm != null ? algorithm : trailer) : null;
            header = override.isStreaming() ? null : header;
        }
        if (mode.isStreaming() && !hasPayload) {
            mode = payloadSigning ? PayloadMode.SIGNED : PayloadMode.UNSIGNED;
            trailer = null;
        }
        return new Plan(mode, header, trailer, expiry, region, service, doubleEncode, normalize);
    }

    /**
     * The header of a flexible checksum, as the SDK names it.
     *
     * @param algorithm the algorithm
     * @return for example {@code x-amz-checksum-crc32}
     */
    public static String checksumHeaderName(ChecksumAlgorithm algorithm) {
        return "x-amz-checksum-" + algorithm.algorithmId().toLowerCase(Locale.ROOT);
    }
}
