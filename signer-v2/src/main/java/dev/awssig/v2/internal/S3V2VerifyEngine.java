package dev.awssig.v2.internal;

import dev.awssig.AuthError;
import dev.awssig.Headers;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.ApiAccess;
import dev.awssig.internal.Checks;
import dev.awssig.internal.MalformedTextException;
import dev.awssig.internal.Secrets;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.Redaction;
import dev.awssig.v2.V2Options;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@link dev.awssig.v2.S3V2Verifier}: decides on S3 SigV2 header and query-string
 * authentication as that class documents. Immutable and thread-safe.
 */
public final class S3V2VerifyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(S3V2VerifyEngine.class);
    /** Headers of which a request may carry one: a second would be read by some parsers and not others. */
    private static final String[] SINGLE_HEADERS = {"Authorization", "Host", "Date", "x-amz-date"};
    private static final String[] QUERY_AUTH_PARAMETERS = {"AWSAccessKeyId", "Signature", "Expires"};
    /** The trusted path into the request model, obtained once (see {@link ApiAccess}). */
    private static final ApiAccess.Bridge BRIDGE = ApiAccess.bridge();
    private final S3Canonicalizer canonicalizer;
    private final Duration maxSkew;
    private final VerificationLimits limits;

    /**
     * An engine with the {@link V2Options} and {@link VerificationLimits} of a config.
     *
     * @param config the config
     * @throws IllegalArgumentException if an option is not valid
     */
    public S3V2VerifyEngine(SigningConfig config) {
        Settings settings = new Settings(config);
        this.canonicalizer = new S3Canonicalizer(settings);
        this.maxSkew = settings.maxSkew;
        this.limits = settings.limits;
    }

    /**
     * Verifies a request (see {@link dev.awssig.v2.S3V2Verifier#verify}).
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
        Params query;
        try {
            query = Params.parse(request.rawQuery().orElse(null));
        } catch (MalformedTextException e) {
            return VerificationResult.failure(AuthError.INVALID_URI, e.getMessage());
        }
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
        for (int i = 0, n = query.size(); i < n; i++) {
            if (S3Canonicalizer.isAmz(query.name(i))) {
                // S3 signs x-amz-* query parameters only in query-string authentication; with the
                // header they would be unsigned, or a signed header moved into the query
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "The query parameter '"
                        + Checks.printable(query.name(i)) + "' is not allowed with the Authorization header:"
                        + " x-amz-* values of a header-signed request travel as headers (only a presigned URL"
                        + " carries them in its query)", accessKeyId, null, null);
            }
        }
        String secret = Secrets.find(secrets, accessKeyId);
        if (secret == null) {
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
        return compare(request, query, null, accessKeyId, secret, given, false);
    }

    private VerificationResult verifyQuery(SignableRequest request, Params query, SecretLookup secrets,
                                           Instant now) {
        for (String p : QUERY_AUTH_PARAMETERS) {
            if (query.count(p) > 1) {
                // two parsers (first wins, last wins) would read two different values
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                        "Query-string authentication parameters must not be repeated ('" + p + "' is)");
            }
        }
        String accessKeyId = query.first("AWSAccessKeyId");
        String given = query.first("Signature");
        String expiresText = query.first("Expires");
        if (accessKeyId == null || given == null || expiresText == null || accessKeyId.isEmpty()
                || given.isEmpty()) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED,
                    "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }
        String twice = amzInBothPlaces(request.headers(), query);
        if (twice != null) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "'" + Checks.printable(twice)
                    + "' is sent both as a header and as a query parameter; a presigned request carries each"
                    + " x-amz-* value in one place", accessKeyId, null, null);
        }
        long expires = parseEpochSeconds(expiresText);
        if (expires < 0) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED,
                    "Invalid date (should be seconds since epoch): " + Checks.printable(expiresText));
        }
        String secret = Secrets.find(secrets, accessKeyId);
        if (secret == null) {
            return VerificationResult.failure(AuthError.INVALID_ACCESS_KEY_ID,
                    "The AWS Access Key Id you provided does not exist in our records.", accessKeyId, null, null);
        }
        if (now.getEpochSecond() > expires) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED, "Request has expired (Expires "
                    + Instant.ofEpochSecond(expires) + ", server time " + now + ")", accessKeyId, null, null);
        }
        // a '+' left unencoded in the query decodes to a space; Base64 has no spaces
        return compare(request, query, expiresText, accessKeyId, secret, given, true);
    }

    /** The first x-amz-* name (lower-cased) that is both a header and a query parameter, or null. */
    private static String amzInBothPlaces(Headers headers, Params query) {
        Set<String> params = null;
        for (int i = 0, n = query.size(); i < n; i++) {
            if (S3Canonicalizer.isAmz(query.name(i))) {
                if (params == null) {
                    params = new HashSet<>();
                }
                params.add(Received.asciiLower(query.name(i)));
            }
        }
        if (params == null) {
            return null;
        }
        List<Headers.Header> entries = headers.entries();
        for (int i = 0, n = entries.size(); i < n; i++) {
            String name = Received.asciiLower(entries.get(i).name());
            if (params.contains(name)) {
                return name;
            }
        }
        return null;
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

    /**
     * Compares the signature; the string to sign is built in this thread's buffer and hashed from
     * it, and built again as a string only when someone reads it (a mismatch's answer, or
     * {@link VerificationResult#stringToSign()} of an accepted request).
     */
    private VerificationResult compare(SignableRequest request, Params query, String expiresText, String accessKeyId,
                                       String secret, String given, boolean spaceAsPlus) {
        Macs.Buffers buffers = Macs.buffers();
        boolean ok;
        try {
            StringBuilder text = buffers.text();
            canonicalizer.appendStringToSign(text, request.method(), request.headers(), host(request),
                    request.rawPath(), query, expiresText, null, null);
            ok = buffers.base64HmacMatches(Crypto.HMAC_SHA1, secret, text, given, spaceAsPlus);
        } finally {
            Macs.release(buffers);
        }
        if (ok) {
            return BRIDGE.verified(accessKeyId, canonical -> canonical ? null : stringToSign(request, query,
                    expiresText));
        }
        String sts = stringToSign(request, query, expiresText);
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV2 S3 signature does not match for access key {}; server's string to sign:\n{}",
                    accessKeyId, Redaction.redactSigningText(sts));
        }
        return VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH,
                "The request signature we calculated does not match the signature you provided. Check your key"
                        + " and signing method.", accessKeyId, null, sts);
    }

    private String stringToSign(SignableRequest request, Params query, String expiresText) {
        return canonicalizer.stringToSign(request.method(), request.headers(), host(request), request.rawPath(), query,
                expiresText);
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
