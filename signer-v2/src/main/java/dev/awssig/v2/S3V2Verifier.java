package dev.awssig.v2;

import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.Headers;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.internal.Crypto;
import dev.awssig.v2.internal.HttpDates;
import dev.awssig.v2.internal.Macs;
import dev.awssig.v2.internal.Params;
import dev.awssig.v2.internal.S3Canonicalizer;
import dev.awssig.internal.Redaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies S3 Signature Version 2 requests as S3 does: the {@code Authorization: AWS id:sig}
 * header, or query-string authentication ({@code AWSAccessKeyId}, {@code Expires},
 * {@code Signature}).
 *
 * <p>Outcomes, with S3's error codes: {@code MissingSecurityHeader} (no authentication at all),
 * {@code InvalidArgument} (a malformed {@code Authorization} header, another authorization
 * type, or both mechanisms at once), {@code InvalidAccessKeyId} (unknown key),
 * {@code AccessDenied} (no valid {@code Date}/{@code x-amz-date}, missing query parameters, or an
 * {@code Expires} in the past), {@code RequestTimeTooSkewed} (header auth dated more than
 * {@link V2Options#MAX_CLOCK_SKEW} from now), and {@code SignatureDoesNotMatch}, which carries
 * the server's string to sign. Signatures are compared in constant time.
 *
 * <p>The request must be given as received: raw path and query as on the wire, and the
 * {@code Host} header (or the URI's host) as the client sent it. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class S3V2Verifier implements Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(S3V2Verifier.class);
    private final S3Canonicalizer canonicalizer;
    private final Duration maxSkew;

    private S3V2Verifier(SigningConfig config) {
        this.canonicalizer = new S3Canonicalizer(config);
        Duration skew = config.option(V2Options.MAX_CLOCK_SKEW, V2Options.DEFAULT_MAX_CLOCK_SKEW);
        if (skew.isNegative()) {
            throw new IllegalArgumentException(V2Options.MAX_CLOCK_SKEW.name() + ": must not be negative, was " + skew);
        }
        this.maxSkew = skew;
    }

    /**
     * A verifier with the {@link V2Options} of a config (credentials and clock are not used:
     * the time is given to {@link #verify}).
     *
     * @param config the config
     * @return the verifier
     * @throws IllegalArgumentException if an option is not valid
     * @since 0.1.0
     */
    public static S3V2Verifier create(SigningConfig config) {
        return new S3V2Verifier(Objects.requireNonNull(config, "config"));
    }

    /**
     * A verifier with the default options.
     *
     * @return the verifier
     * @since 0.1.0
     */
    public static S3V2Verifier create() {
        return new S3V2Verifier(SigningConfig.builder().build());
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
     * Verifies a request signed with the S3 SigV2 header or presigned with S3 query-string
     * authentication.
     *
     * @param request the request as received
     * @param secrets finds the secret of an access key id
     * @param now the server's time
     * @return the outcome
     * @since 0.1.0
     */
    @Override
    public VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(now, "now");
        Params query = Params.parse(request.rawQuery().orElse(null));
        Optional<String> authorization = request.headers().firstValue("Authorization");
        boolean queryAuth = query.indexOf("Signature") >= 0 || query.indexOf("AWSAccessKeyId") >= 0;
        if (authorization.isPresent() && queryAuth) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query"
                            + " string parameter or the Authorization header should be specified");
        }
        if (authorization.isPresent()) {
            return verifyHeader(request, query, authorization.get(), secrets, now);
        }
        if (queryAuth) {
            return verifyQuery(request, query, secrets, now);
        }
        return VerificationResult.failure(AuthError.MISSING_SECURITY_HEADER,
                "Your request was missing a required header (Authorization) or query-string authentication");
    }

    private VerificationResult verifyHeader(SignableRequest request, Params query, String authorization,
                                            SecretLookup secrets, Instant now) {
        String auth = authorization.trim();
        if (!auth.startsWith("AWS ")) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                    "Unsupported Authorization Type (expected 'AWS AccessKeyId:Signature')");
        }
        String credential = auth.substring(4).trim();
        int colon = credential.indexOf(':');
        if (colon <= 0 || colon == credential.length() - 1 || credential.indexOf(':', colon + 1) >= 0) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                    "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
        }
        String accessKeyId = credential.substring(0, colon);
        String given = credential.substring(colon + 1);
        Optional<String> secret = secrets.secretKey(accessKeyId);
        if (secret.isEmpty()) {
            return VerificationResult.failure(AuthError.INVALID_ACCESS_KEY_ID,
                    "The AWS Access Key Id you provided does not exist in our records.", accessKeyId, null, null);
        }
        Headers headers = request.headers();
        String dateText = headers.firstValue("x-amz-date").orElse(null);
        if (dateText == null) {
            dateText = headers.firstValue("Date").orElse(null);
        }
        Instant date = HttpDates.parseHttpDate(dateText);
        if (date == null) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED,
                    "AWS authentication requires a valid Date or x-amz-date header", accessKeyId, null, null);
        }
        Duration skew = Duration.between(date, now).abs();
        if (skew.compareTo(maxSkew) > 0) {
            return VerificationResult.failure(AuthError.REQUEST_TIME_TOO_SKEWED,
                    "The difference between the request time and the current time is too large (request time "
                            + date + ", server time " + now + ")", accessKeyId, null, null);
        }
        String sts = canonicalizer.stringToSign(request.method(), headers, host(request), request.rawPath(), query,
                null);
        return compare(accessKeyId, secret.get(), sts, given);
    }

    private VerificationResult verifyQuery(SignableRequest request, Params query, SecretLookup secrets,
                                           Instant now) {
        String accessKeyId = query.first("AWSAccessKeyId");
        String given = query.first("Signature");
        String expiresText = query.first("Expires");
        if (accessKeyId == null || given == null || expiresText == null || accessKeyId.isEmpty()
                || given.isEmpty()) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED,
                    "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        if (query.count("AWSAccessKeyId") > 1 || query.count("Signature") > 1 || query.count("Expires") > 1) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                    "Query-string authentication parameters must not be repeated");
        }
        long expires = parseEpochSeconds(expiresText);
        if (expires < 0) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED,
                    "Invalid date (should be seconds since epoch): " + dev.awssig.internal.Checks.printable(expiresText));
        }
        Optional<String> secret = secrets.secretKey(accessKeyId);
        if (secret.isEmpty()) {
            return VerificationResult.failure(AuthError.INVALID_ACCESS_KEY_ID,
                    "The AWS Access Key Id you provided does not exist in our records.", accessKeyId, null, null);
        }
        if (now.getEpochSecond() > expires) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED, "Request has expired (Expires "
                    + Instant.ofEpochSecond(expires) + ", server time " + now + ")", accessKeyId, null, null);
        }
        String sts = canonicalizer.stringToSign(request.method(), request.headers(), host(request),
                request.rawPath(), query, expiresText);
        // a '+' left unencoded in the query decodes to a space; Base64 has no spaces
        return compare(accessKeyId, secret.get(), sts, given.replace(' ', '+'));
    }

    private static long parseEpochSeconds(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String host(SignableRequest request) {
        return request.headers().firstValue("Host").orElseGet(request::hostHeaderValue);
    }

    private static VerificationResult compare(String accessKeyId, String secret, String sts, String given) {
        String expected = Macs.base64Hmac(Crypto.HMAC_SHA1, secret, sts);
        if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            return VerificationResult.success(accessKeyId, null, sts);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV2 S3 signature does not match for access key {}; server's string to sign:\n{}",
                    accessKeyId, Redaction.redactSigningText(sts));
        }
        return VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH,
                "The request signature we calculated does not match the signature you provided. Check your key"
                        + " and signing method.", accessKeyId, null, sts);
    }

    @Override
    public String toString() {
        return "S3V2Verifier[maxSkew=" + maxSkew + "]";
    }
}
