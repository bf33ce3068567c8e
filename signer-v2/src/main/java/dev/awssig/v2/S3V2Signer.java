package dev.awssig.v2;

import dev.awssig.Algorithms;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.S3Location;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.internal.PresignExpiry;
import dev.awssig.v2.internal.HeaderFolding;
import dev.awssig.v2.internal.S3V2SigningEngine;
import java.time.Duration;
import java.util.Objects;

/**
 * S3 Signature Version 2: signs with the {@code Authorization: AWS AccessKeyId:Signature} header
 * and presigns URLs with {@code AWSAccessKeyId}, {@code Expires} and {@code Signature} query
 * parameters (query-string authentication).
 *
 * <p>The string to sign is {@code Verb \n Content-MD5 \n Content-Type \n Date \n
 * CanonicalizedAmzHeaders CanonicalizedResource}, HMAC-SHA1 with the secret key, Base64:
 * <ul>
 *   <li>{@code x-amz-*} headers are lower-cased, sorted, their values trimmed and the values of
 *       a repeated header joined with {@code ,}; a presigned URL's {@code x-amz-*} query
 *       parameters are signed as headers too (so an {@code x-amz-security-token} query parameter
 *       is signed with its decoded value), as S3 reads them in query-string authentication only:
 *       {@link #sign} refuses a request with an {@code x-amz-*} query parameter, and
 *       {@link #presign} one that has the same {@code x-amz-*} name as a header and a query
 *       parameter;</li>
 *   <li>an {@code x-amz-date} header empties the Date line; when the request has neither
 *       {@code Date} nor {@code x-amz-date}, the signer adds {@code Date} (RFC 1123, from the
 *       config clock); for a presigned URL the Date line is {@code Expires};</li>
 *   <li>the resource is the raw path, prefixed with {@code /bucket} when the Host names the
 *       bucket (virtual-hosted AWS endpoint, configured suffix, or CNAME; see
 *       {@link V2Options}), followed by the signed sub-resources sorted by name with their
 *       values decoded.</li>
 * </ul>
 *
 * <p>Session credentials add {@code x-amz-security-token} (a header when signing, a query
 * parameter when presigning) unless the request already carries one, header or query
 * parameter; one already present (a DevPay token, say) is signed as it is.
 *
 * <p>Request text must be well-formed: a query with a {@code %} not followed by two ASCII hex
 * digits, escapes that are not UTF-8, or a lone UTF-16 surrogate in the path, the query or a
 * signed header value is refused with an {@link IllegalArgumentException} naming the field (it
 * used to be signed as {@code ?}).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class S3V2Signer implements Signer, Presigner {
    private final S3V2SigningEngine engine;

    /** The config's region, for {@link #presign(S3Location, Duration)}; null when it names none. */
    private final String region;
    private final PresignExpiry expiry;
    private final PresignExpiry.Presign presignStep;

    private S3V2Signer(SigningConfig config) {
        this.engine = new S3V2SigningEngine(config);
        this.region = config.region().orElse(null);
        this.expiry = PresignExpiry.of(config);
        this.presignStep = engine::presign;
    }

    /**
     * A signer with a config's credentials provider, clock and {@link V2Options}; region and
     * service are not used by SigV2.
     *
     * @param config the config
     * @return the signer
     * @throws IllegalArgumentException if the config has no credentials provider or a bad option
     * @since 0.1.0
     */
    public static S3V2Signer create(SigningConfig config) {
        return new S3V2Signer(Objects.requireNonNull(config, "config"));
    }

    /**
     * {@link Algorithms#SIGV2_S3}.
     *
     * @return {@code AWS-S3-V2}
     * @since 0.1.0
     */
    @Override
    public String algorithm() {
        return Algorithms.SIGV2_S3;
    }

    /**
     * Signs with the {@code Authorization} header (replacing any), adding {@code Date} and
     * {@code x-amz-security-token} as described in the class documentation.
     *
     * @param request the request
     * @return the signed request, with the string to sign
     * @since 0.1.0
     */
    @Override
    public SignedRequest sign(SignableRequest request) {
        Objects.requireNonNull(request, "request");
        return engine.sign(request);
    }

    /**
     * Presigns a request with {@code AWSAccessKeyId}, {@code Expires} and {@code Signature}
     * query parameters (and the session token, as described in the class documentation).
     * Characters a URI cannot hold in the path or query (a space, non-ASCII) are percent-encoded
     * once, and signed as sent.
     *
     * @param request the request (the headers given are the ones the client will send)
     * @param expiresIn how long the URL stays valid
     * @return the presigned URL
     * @throws IllegalArgumentException if the expiry is not positive or the request already
     *     carries authentication
     * @since 0.1.0
     */
    @Override
    public PresignedUrl presign(SignableRequest request, Duration expiresIn) {
        Objects.requireNonNull(request, "request");
        return expiry.presign(request, expiresIn, presignStep);
    }

    /**
     * Presigns a {@code GET} of an S3 location on the S3 endpoint of the config's region
     * ({@code s3.amazonaws.com} when the config names no region or {@code us-east-1}); for
     * another method or endpoint use {@link #presign(String, S3Location, S3Location.Endpoint, Duration)}.
     *
     * @param location the bucket, key and optional version
     * @param expiresIn how long the URL stays valid
     * @return the presigned URL
     * @since 0.2.0
     */
    public PresignedUrl presign(S3Location location, Duration expiresIn) {
        return presign("GET", location, S3Location.Endpoint.region(region == null ? "us-east-1" : region), expiresIn);
    }

    /**
     * Unfolds a header value received with obs-fold line continuations (RFC 2616 section 4.2,
     * RFC 7230 section 3.2.4), as S3's canonicalization asks: each run of whitespace that contains
     * a line break becomes one space; leading and trailing whitespace is removed. {@link dev.awssig.Headers}
     * cannot hold CR or LF, so a folded value must be unfolded with this method before it is put
     * into a request.
     *
     * @param rawValue the value as read from the wire, possibly with CRLF + whitespace folds
     * @return the unfolded value (the same instance when there is nothing to change)
     * @since 0.1.0
     */
    public static String unfoldHeaderValue(String rawValue) {
        Objects.requireNonNull(rawValue, "rawValue");
        return HeaderFolding.unfold(rawValue);
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "S3V2Signer[" + engine + "]";
    }
}
