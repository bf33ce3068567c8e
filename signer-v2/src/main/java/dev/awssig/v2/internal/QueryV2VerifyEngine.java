package dev.awssig.v2.internal;

import dev.awssig.AuthError;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Redaction;
import dev.awssig.internal.RequestBounds;
import dev.awssig.v2.V2Options;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@link dev.awssig.v2.QueryV2Verifier}: decides on query-API SigV2 requests as
 * that class documents. Immutable and thread-safe.
 */
public final class QueryV2VerifyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(QueryV2VerifyEngine.class);
    private static final String[] REQUIRED = {"AWSAccessKeyId", "Signature", "SignatureVersion", "SignatureMethod"};
    /** Parameters of which a request may carry one: the authentication parameters and the times. */
    private static final String[] SINGLE_PARAMETERS = {"AWSAccessKeyId", "Signature", "SignatureVersion",
        "SignatureMethod", "Timestamp", "Expires", "SecurityToken"};
    /** A second Host would be read by some parsers and not others (the host is signed). */
    private static final String[] SINGLE_HEADERS = {"Host"};
    private final Duration maxSkew;
    private final VerificationLimits limits;

    /**
     * An engine with the {@link V2Options#MAX_CLOCK_SKEW} and {@link VerificationLimits} of a config.
     *
     * @param config the config
     * @throws IllegalArgumentException if an option is not valid
     */
    public QueryV2VerifyEngine(SigningConfig config) {
        Settings settings = new Settings(config);
        this.maxSkew = settings.maxSkew;
        this.limits = settings.limits;
    }

    /**
     * Verifies a query-API request (see {@link dev.awssig.v2.QueryV2Verifier#verify}).
     *
     * @param request the request as received, not null
     * @param secrets finds the secret of an access key id, not null
     * @param now the server's time, not null
     * @return the outcome
     */
    public VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now) {
        VerificationResult refused = Received.precheck(request, limits, SINGLE_HEADERS);
        if (refused != null) {
            return refused;
        }
        String rawQuery = request.rawQuery().orElse(null);
        Params params;
        try {
            if ("POST".equals(request.method()) && request.payload().kind() == Payload.Kind.BYTES
                    && request.payload().contentLength().orElse(0) > 0) {
                if (rawQuery != null && !rawQuery.isEmpty()) {
                    // clients send a POST's parameters in the body only (boto, botocore, SDK v1) and
                    // sign no URL query; servers that read the URL's value first would act on an
                    // unsigned parameter
                    return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "A POST query-API request"
                            + " carries its parameters in the form body only; this one also has a URL query");
                }
                String body = Text.utf8(request.payload().bytes(), "form body");
                refused = RequestBounds.checkParameterCount(body, limits, "form body");
                if (refused != null) {
                    return refused;
                }
                params = Params.parse(body, "form body");
            } else {
                params = Params.parse(rawQuery);
            }
        } catch (MalformedTextException e) {
            return VerificationResult.failure(AuthError.INVALID_URI, e.getMessage());
        }
        if (params.indexOf("Signature") < 0 && params.indexOf("AWSAccessKeyId") < 0) {
            return VerificationResult.failure(AuthError.MISSING_SECURITY_HEADER,
                    "Request is missing Authentication Token (Signature and AWSAccessKeyId parameters)");
        }
        for (String p : SINGLE_PARAMETERS) {
            if (params.count(p) > 1) {
                // two parsers (first wins, last wins) would read two different values
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "The parameter " + p
                        + " must not be repeated");
            }
        }
        for (String p : REQUIRED) {
            String value = params.first(p);
            if (value == null || value.isEmpty()) {
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "The request must contain the parameter " + p);
            }
        }
        String accessKeyId = params.first("AWSAccessKeyId");
        if (!"2".equals(params.first("SignatureVersion"))) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "SignatureVersion must be 2, was '"
                    + Checks.printable(params.first("SignatureVersion")) + "'", accessKeyId, null, null);
        }
        String method = params.first("SignatureMethod");
        if (!V2Options.HMAC_SHA256.equals(method) && !V2Options.HMAC_SHA1.equals(method)) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "SignatureMethod must be HmacSHA256 or"
                    + " HmacSHA1, was '" + Checks.printable(method) + "'", accessKeyId, null, null);
        }
        String timestamp = params.first("Timestamp");
        String expires = params.first("Expires");
        if ((timestamp == null) == (expires == null)) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                    "The request must contain either a valid (registered) Timestamp or Expires parameter, not both"
                            + " nor neither", accessKeyId, null, null);
        }
        Instant t = HttpDates.parseIso8601(timestamp != null ? timestamp : expires);
        if (t == null) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT, (timestamp != null ? "Timestamp" : "Expires")
                    + " is not an ISO 8601 date-time: '" + Checks.printable(timestamp != null ? timestamp : expires)
                    + "'", accessKeyId, null, null);
        }
        Optional<String> secret = secrets.secretKey(accessKeyId);
        if (secret.isEmpty()) {
            return VerificationResult.failure(AuthError.INVALID_ACCESS_KEY_ID,
                    "The AWS Access Key Id you provided does not exist in our records.", accessKeyId, null, null);
        }
        if (timestamp != null) {
            if (Duration.between(t, now).abs().compareTo(maxSkew) > 0) {
                return VerificationResult.failure(AuthError.REQUEST_TIME_TOO_SKEWED,
                        "The difference between the request time and the current time is too large (request time "
                                + t + ", server time " + now + ")", accessKeyId, null, null);
            }
        } else if (now.isAfter(t)) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED,
                    "Request has expired (Expires " + t + ", server time " + now + ")", accessKeyId, null, null);
        }
        int n = params.size();
        String[] names = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = params.name(i);
            values[i] = params.value(i);
        }
        String canonical = QueryCanonicalizer.canonicalQuery(names, values, n, "Signature");
        String sts = QueryCanonicalizer.stringToSign(request.method(), QueryCanonicalizer.host(request),
                request.rawPath(), canonical);
        String expected = Macs.base64Hmac(method, secret.get(), sts);
        // a '+' left unencoded decodes to a space; Base64 has no spaces
        String given = params.first("Signature").replace(' ', '+');
        if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            return VerificationResult.success(accessKeyId, null, sts);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV2 query-API signature does not match for access key {}; server's string to sign:\n{}",
                    accessKeyId, Redaction.redactSigningText(sts));
        }
        return VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH,
                "The request signature we calculated does not match the signature you provided. Check your AWS"
                        + " Secret Access Key and signing method.", accessKeyId, null, sts);
    }

    /**
     * The options, for the public class's description.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "maxSkew=" + maxSkew + ", " + limits;
    }
}
