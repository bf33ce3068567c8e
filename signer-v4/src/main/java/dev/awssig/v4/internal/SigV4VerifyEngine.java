package dev.awssig.v4.internal;

import dev.awssig.AuthError;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.SigningException;
import dev.awssig.VerificationException;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.ApiAccess;
import dev.awssig.internal.Ascii;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Hex;
import dev.awssig.internal.MalformedTextException;
import dev.awssig.internal.QueryAuthParams;
import dev.awssig.internal.Redaction;
import dev.awssig.internal.Secrets;
import dev.awssig.internal.RequestBounds;
import dev.awssig.internal.Timestamps;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SigV4 verifier behind {@link dev.awssig.v4.SigV4Verifier}: decides as S3 does, with S3's
 * error codes. Immutable and thread-safe.
 */
public final class SigV4VerifyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SigV4VerifyEngine.class);
    private static final String QUERY_PARAMS_REQUIRED = "Query-string authentication version 4 requires the"
            + " X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders,"
            + " and X-Amz-Expires parameters.";

    /** The query parameters of presigned authentication, as the verifier reads them. */
    private static final String[] AUTH_PARAMS = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
        "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token", "X-Amz-Content-Sha256"};
    private static final int P_ALGORITHM = 0;
    private static final int P_CREDENTIAL = 1;
    private static final int P_DATE = 2;
    private static final int P_EXPIRES = 3;
    private static final int P_SIGNED_HEADERS = 4;
    private static final int P_SIGNATURE = 5;
    private static final int P_CONTENT_SHA = 7;
    private static final String ALGORITHM_SPACE = SigV4Core.ALGORITHM + " ";
    private static final String AWS4_REQUEST = "aws4_request";
    /** The trusted path into the request model, obtained once (see {@link ApiAccess}). */
    private static final ApiAccess.Bridge BRIDGE = ApiAccess.bridge();
    /** At most this many names are listed in a message about unsigned headers. */
    private static final int MAX_LISTED = 10;

    private final String region;
    private final String service;
    private final Settings settings;
    private final VerificationLimits limits;

    /**
     * An engine for a config (region and service optional: when set, the credential scope must
     * name them).
     *
     * @param config region, service, options and {@link VerificationLimits#OPTION}
     */
    public SigV4VerifyEngine(SigningConfig config) {
        this.region = config.region().orElse(null);
        this.service = config.service().orElse(null);
        this.settings = new Settings(config);
        this.limits = settings.limits;
    }

    /**
     * What the body decoder of an aws-chunked request needs from its accepted headers, filled in
     * by the check (only {@link #verifyStreaming} asks for it).
     */
    static final class Accepted {
        SigningKey key;
        String amzDate;
        String signature;
        String contentSha;

        void set(SigningKey k, String date, String seedSignature, String sha) {
            this.key = k;
            this.amzDate = date;
            this.signature = seedSignature;
            this.contentSha = sha;
        }
    }

    /** A failure travelling up as an exception inside this class. */
    private static final class Reject extends Exception {
        private static final long serialVersionUID = 1L;
        final transient VerificationResult result;

        Reject(VerificationResult result) {
            super(result.message(), null, false, false);
            this.result = result;
        }
    }

    private static Reject reject(AuthError error, String message) {
        return new Reject(VerificationResult.failure(error, message));
    }

    private static Reject reject(AuthError error, String message, String accessKeyId) {
        return new Reject(VerificationResult.failure(error, message, accessKeyId, null, null));
    }

    private static void requireArguments(SignableRequest request, SecretLookup secrets, Instant now) {
        if (request == null || secrets == null || now == null) {
            throw new IllegalArgumentException("request, secrets and now: are required");
        }
    }

    /**
     * Verifies a header-signed or presigned request. An aws-chunked request is answered
     * {@code InvalidRequest}: its body is checked by {@link #verifyStreaming}, chunk by chunk.
     *
     * @param request the request as received
     * @param secrets the secret lookup
     * @param now the server time
     * @return the outcome; never an exception for anything the request holds
     */
    public VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now) {
        requireArguments(request, secrets, now);
        VerificationResult bounds = RequestBounds.check(request, limits);
        if (bounds != null) {
            return bounds;
        }
        try {
            return check(request, secrets, now, null);
        } catch (Reject r) {
            return r.result;
        } catch (MalformedTextException e) {
            // RequestBounds refuses such text first; kept so that no request can make verify throw
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "The request is not well-formed Unicode");
        }
    }

    /**
     * Verifies the headers of an aws-chunked request and returns the decoding stream.
     *
     * @param request the request as received (its payload is ignored)
     * @param secrets the secret lookup
     * @param now the server time
     * @param encodedBody the aws-chunked body
     * @return the decoded data, checked chunk by chunk
     * @throws VerificationException if the request itself is rejected
     */
    public InputStream verifyStreaming(SignableRequest request, SecretLookup secrets, Instant now,
                                       InputStream encodedBody) {
        requireArguments(request, secrets, now);
        VerificationResult bounds = RequestBounds.check(request, limits);
        if (bounds != null) {
            throw new VerificationException(bounds);
        }
        try {
            Headers headers = request.headers();
            if (!headers.contains("authorization")) {
                throw reject(AuthError.INVALID_REQUEST,
                        "An aws-chunked upload must be signed with an Authorization header");
            }
            Accepted a = new Accepted();
            check(request, secrets, now, a);
            PayloadSigning mode = PayloadSigning.fromLiteral(a.contentSha);
            if (mode == null || !mode.isStreaming()) {
                throw reject(AuthError.INVALID_REQUEST, "x-amz-content-sha256 is not an aws-chunked streaming mode",
                        a.key.accessKeyId);
            }
            String decoded = single(headers, "x-amz-decoded-content-length", AuthError.INVALID_ARGUMENT);
            long decodedLength = decoded == null ? -1 : Checks.parseDecimal(decoded.trim());
            if (decodedLength < 0) {
                throw reject(AuthError.INVALID_REQUEST,
                        "x-amz-decoded-content-length is required and must be a non-negative number for aws-chunked",
                        a.key.accessKeyId);
            }
            ChecksumAlgorithm checksum = null;
            if (mode.hasTrailer()) {
                String trailer = single(headers, "x-amz-trailer", AuthError.INVALID_ARGUMENT);
                checksum = ChecksumAlgorithm.fromHeaderName(trailer == null ? null : trailer.trim());
                if (checksum == null) {
                    throw reject(AuthError.INVALID_REQUEST, "x-amz-trailer must name a supported checksum header"
                            + " (x-amz-checksum-crc32, -crc32c, -crc64nvme, -sha1, -sha256)", a.key.accessKeyId);
                }
            }
            long contentLength = -1;
            if (!headers.contains("transfer-encoding")) { // with Transfer-Encoding, HTTP ignores Content-Length
                String cl = single(headers, "content-length", AuthError.INVALID_ARGUMENT);
                if (cl != null) {
                    contentLength = Checks.parseDecimal(cl.trim());
                    if (contentLength < 0) {
                        throw reject(AuthError.INVALID_ARGUMENT, "Content-Length must be a non-negative decimal"
                                + " number", a.key.accessKeyId);
                    }
                }
            }
            return new ChunkedDecoder(encodedBody, mode, a.key, a.amzDate, a.signature, decodedLength, checksum,
                    settings.maxChunkSize, limits, contentLength);
        } catch (Reject r) {
            throw new VerificationException(r.result);
        } catch (MalformedTextException e) {
            throw new VerificationException(VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                    "The request is not well-formed Unicode"));
        }
    }

    /** The value of a header the verifier reads as one value, or null; repeated, it is ambiguous. */
    private static String single(Headers headers, String name, AuthError error) throws Reject {
        List<String> values = headers.values(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw reject(error, "The request has more than one " + name + " header; it must have one at most");
        }
        return values.get(0);
    }

    /**
     * The outcome of a request with a header or query signature. With {@code streaming} (an
     * aws-chunked request, whose body is checked as it is read) a rejection is thrown and what the
     * decoder needs goes into {@code streaming}; without, the body the request carries is checked
     * against the signed hash.
     */
    private VerificationResult check(SignableRequest request, SecretLookup secrets, Instant now, Accepted streaming)
            throws Reject {
        try (Scratch s = Scratch.open()) {
            // the received headers indexed once: sorted by name, and the few read by name found
            ReceivedHeaders rh = ReceivedHeaders.of(s, request.headers());
            String query = request.rawQuery().orElse(null);
            String auth = single(rh, ReceivedHeaders.AUTHORIZATION, AuthError.AUTHORIZATION_HEADER_MALFORMED);
            single(rh, ReceivedHeaders.HOST, AuthError.INVALID_ARGUMENT); // two hosts: which one was meant?
            QueryAuthParams q = query == null ? null : QueryAuthParams.parse(query, AUTH_PARAMS);
            boolean presigned = q != null && q.firstNamed();
            if (auth != null && presigned) {
                throw reject(AuthError.INVALID_ARGUMENT, "Only one auth mechanism allowed; only the X-Amz-Algorithm"
                        + " query parameter or the Authorization header may be specified");
            }
            if (presigned) {
                return checkPresigned(s, rh, request, q, secrets, now);
            }
            if (auth != null) {
                return checkHeader(s, rh, request, auth, secrets, now, streaming);
            }
            throw reject(AuthError.MISSING_SECURITY_HEADER, "The request has neither an Authorization header nor"
                    + " X-Amz-* query authentication");
        }
    }

    /**
     * The value of a header the verifier reads as one value ({@code ReceivedHeaders.READ_NAMES[k]}),
     * or null; repeated, it is ambiguous.
     */
    private static String single(ReceivedHeaders rh, int k, AuthError error) throws Reject {
        if (rh.count(k) > 1) {
            throw reject(error, "The request has more than one " + ReceivedHeaders.READ_NAMES[k]
                    + " header; it must have one at most");
        }
        return rh.value(k);
    }

    // ------------------------------------------------------------------ header

    private VerificationResult checkHeader(Scratch s, ReceivedHeaders rh, SignableRequest request,
                                           String authorization, SecretLookup secrets, Instant now,
                                           Accepted streaming) throws Reject {
        boolean checkBody = streaming == null;
        // parsed in place: positions into the header's text, no split, trim or substring
        int from = 0;
        int to = authorization.length();
        while (from < to && authorization.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && authorization.charAt(to - 1) <= ' ') {
            to--;
        }
        if (to - from < ALGORITHM_SPACE.length() || !authorization.startsWith(ALGORITHM_SPACE, from)) {
            String a = authorization.trim();
            int sp = a.indexOf(' ');
            throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed;"
                    + " unsupported algorithm '" + (sp < 0 ? "" : printable(a.substring(0, sp), 40))
                    + "', expecting 'AWS4-HMAC-SHA256'");
        }
        int credentialFrom = -1;
        int credentialTo = -1;
        int signedFrom = -1;
        int signedTo = -1;
        int signatureFrom = -1;
        int signatureTo = -1;
        int pos = from + ALGORITHM_SPACE.length();
        while (true) {
            int comma = authorization.indexOf(',', pos);
            int end = comma < 0 || comma > to ? to : comma;
            int ps = pos;
            int pe = end;
            while (ps < pe && authorization.charAt(ps) <= ' ') {
                ps++;
            }
            while (pe > ps && authorization.charAt(pe - 1) <= ' ') {
                pe--;
            }
            if (startsWith(authorization, ps, pe, "Credential=")) {
                once(credentialFrom, "Credential");
                credentialFrom = ps + 11;
                credentialTo = pe;
            } else if (startsWith(authorization, ps, pe, "SignedHeaders=")) {
                once(signedFrom, "SignedHeaders");
                signedFrom = ps + 14;
                signedTo = pe;
            } else if (startsWith(authorization, ps, pe, "Signature=")) {
                once(signatureFrom, "Signature");
                signatureFrom = ps + 10;
                signatureTo = pe;
            } else if (ps < pe) {
                throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed;"
                        + " unexpected component '" + printable(authorization.substring(ps, pe), 30) + "'");
            }
            if (end == to) {
                break;
            }
            pos = end + 1;
        }
        if (credentialFrom < 0 || signedFrom < 0 || signatureFrom < 0) {
            throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed;"
                    + " it must have Credential, SignedHeaders and Signature");
        }
        String[] scope = parseCredential(s, authorization, credentialFrom, credentialTo,
                AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; ");
        String accessKeyId = scope[0];
        String signedHeaders = s.text(Scratch.TEXT_SIGNED_HEADERS, authorization, signedFrom, signedTo);
        int signedCount = signedNames(s, signedHeaders, AuthError.AUTHORIZATION_HEADER_MALFORMED, accessKeyId);
        String amzDate = single(rh, ReceivedHeaders.X_AMZ_DATE, AuthError.INVALID_ARGUMENT);
        Instant date;
        String amzDateText;
        if (amzDate != null) {
            try {
                date = Timestamps.parseAmzDate(amzDate.trim(), "x-amz-date");
            } catch (IllegalArgumentException e) {
                throw reject(AuthError.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header",
                        accessKeyId);
            }
            amzDateText = amzDate.trim();
        } else {
            String httpDate = single(rh, ReceivedHeaders.DATE, AuthError.INVALID_ARGUMENT);
            if (httpDate == null) {
                throw reject(AuthError.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header",
                        accessKeyId);
            }
            try {
                // only instants of the years 0000..9999: what is parsed here can be formatted
                date = Timestamps.parseRfc1123(httpDate, "date");
            } catch (IllegalArgumentException e) {
                throw reject(AuthError.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header",
                        accessKeyId);
            }
            amzDateText = Timestamps.amzDate(date);
        }
        if (!amzDateText.startsWith(scope[1])) {
            throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed;"
                    + " Invalid credential date. Date is not the same as X-Amz-Date.", accessKeyId);
        }
        String secret = lookup(secrets, accessKeyId);
        checkSkew(date, now, accessKeyId);
        int filled = fillSigned(s, rh, request, signedHeaders, signedCount, accessKeyId);

        String contentSha = contentSha(rh, accessKeyId);
        PayloadSigning literal = contentSha == null ? null : PayloadSigning.fromLiteral(contentSha);
        if (checkBody && literal != null && literal.isStreaming()) {
            throw reject(AuthError.INVALID_REQUEST, "This is an aws-chunked upload (x-amz-content-sha256: "
                    + contentSha + "): verify it with SigV4Verifier.verifyStreaming, which checks every chunk of"
                    + " its body", accessKeyId);
        }
        boolean s3 = "s3".equals(scope[3]);
        String payloadHash;
        if (contentSha != null) {
            payloadHash = contentSha;
        } else if (s3) {
            throw reject(AuthError.INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256",
                    accessKeyId);
        } else {
            payloadHash = bodyHash(request.payload());
        }
        SigningKey key = SigningKey.of(accessKeyId, secret, scope[1], scope[2], scope[3]);
        VerificationResult result = compare(s, request, key, signedHeaders, filled, payloadHash, amzDateText,
                authorization, signatureFrom, signatureTo, null, null);
        if (checkBody) {
            result = checkBody(result, request, contentSha, accessKeyId);
        } else if (!result.isValid()) {
            throw new Reject(result);
        }
        if (streaming != null) {
            // the seed signature of an aws-chunked body (a verified request's signature is no secret
            // to the code that received it; it never goes into a message or log)
            streaming.set(key, amzDateText, authorization.substring(signatureFrom, signatureTo), contentSha);
        }
        return result;
    }

    /** Whether {@code t[from, to)} starts with {@code prefix}. */
    private static boolean startsWith(String t, int from, int to, String prefix) {
        return to - from >= prefix.length() && t.startsWith(prefix, from);
    }

    /** A component given twice ({@code was} is where it was found, -1 when not yet) is malformed. */
    private static void once(int was, String component) throws Reject {
        if (was >= 0) {
            throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; it has "
                    + component + "= more than once");
        }
    }

    /**
     * The trimmed x-amz-content-sha256, or null: one value, {@code UNSIGNED-PAYLOAD}, a streaming
     * mode or 64 hex digits.
     */
    private static String contentSha(ReceivedHeaders rh, String accessKeyId) throws Reject {
        String v = single(rh, ReceivedHeaders.X_AMZ_CONTENT_SHA256, AuthError.INVALID_ARGUMENT);
        if (v == null) {
            return null;
        }
        v = v.trim();
        if (PayloadSigning.fromLiteral(v) == null && !Hex.isHex(v, 64)) {
            throw reject(AuthError.INVALID_ARGUMENT, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD,"
                    + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD or a valid sha256 value.", accessKeyId);
        }
        return v;
    }

    /**
     * A valid signature over a hash of the body is not yet a valid body: the signed hash is
     * compared with the body's (when the request carries the body).
     */
    private static VerificationResult checkBody(VerificationResult result, SignableRequest request, String contentSha,
                                                String accessKeyId) {
        // contentSha was checked to be a literal or 64 hex digits: not a literal is a hash
        if (!result.isValid() || contentSha == null || PayloadSigning.fromLiteral(contentSha) != null) {
            return result;
        }
        String actual;
        try {
            actual = actualBodyHash(request.payload());
        } catch (SigningException e) {
            return VerificationResult.failure(AuthError.INCOMPLETE_BODY, "The request body could not be read",
                    accessKeyId, null, null);
        }
        // not secret, either of them: String.equals first (the usual lower-case hex), then any case
        if (actual != null && !actual.equals(contentSha) && !Ascii.equalsIgnoreCase(actual, contentSha)) {
            return VerificationResult.failure(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.", accessKeyId,
                    null, null);
        }
        return result;
    }

    // ------------------------------------------------------------------ presigned

    private VerificationResult checkPresigned(Scratch s, ReceivedHeaders rh, SignableRequest request, QueryAuthParams q,
                                    SecretLookup secrets, Instant now) throws Reject {
        if (q.repeated() != null) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "The query has the " + q.repeated()
                    + " parameter more than once (in some spelling); it must have it once");
        }
        // values written without escapes are read in place, or as this thread's last copy of them
        String credential = s.decoded(Scratch.TEXT_CREDENTIAL, q, P_CREDENTIAL);
        // not kept on the thread: the date of real requests changes every second, only a benchmark
        // that verifies one request again and again would find it there
        String amzDate = q.value(P_DATE);
        String signedHeaders = text(s, q, P_SIGNED_HEADERS, Scratch.TEXT_SIGNED_HEADERS);
        String query = q.query();
        String signatureSource = q.plainFrom(P_SIGNATURE) >= 0 ? query : q.value(P_SIGNATURE);
        if (!q.valueIs(P_ALGORITHM, SigV4Core.ALGORITHM)) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        if (credential == null || amzDate == null || (q.plainFrom(P_EXPIRES) < 0 && q.value(P_EXPIRES) == null)
                || signedHeaders == null || signatureSource == null) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, QUERY_PARAMS_REQUIRED);
        }
        int signatureFrom = signatureSource == query ? q.plainFrom(P_SIGNATURE) : 0;
        int signatureTo = signatureSource == query ? q.plainTo(P_SIGNATURE) : signatureSource.length();
        String[] scope = parseCredential(s, credential, 0, credential.length(),
                AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Error parsing the X-Amz-Credential parameter; ");
        String accessKeyId = scope[0];
        int signedCount = signedNames(s, signedHeaders, AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, accessKeyId);
        Instant date;
        try {
            date = Timestamps.parseAmzDate(amzDate, "X-Amz-Date");
        } catch (IllegalArgumentException e) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", accessKeyId);
        }
        // ASCII digits only: Long.parseLong would also read "+600" and other scripts' digits
        long expires = q.plainFrom(P_EXPIRES) >= 0
                ? Checks.parseDecimal(query, q.plainFrom(P_EXPIRES), q.plainTo(P_EXPIRES))
                : Checks.parseDecimal(q.value(P_EXPIRES));
        if (expires < 0) {
            String expiresText = q.value(P_EXPIRES);
            boolean negative = expiresText.startsWith("-") && Checks.parseDecimal(expiresText.substring(1)) >= 0;
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, negative
                    ? "X-Amz-Expires must be non-negative" : "X-Amz-Expires should be a number", accessKeyId);
        }
        if (expires > SigV4Options.MAX_PRESIGN_SECONDS) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Expires must be less than a week (in seconds) that is; 604800", accessKeyId);
        }
        if (!amzDate.startsWith(scope[1])) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Error parsing the X-Amz-Credential"
                    + " parameter; Invalid credential date. Date is not the same as X-Amz-Date.", accessKeyId);
        }
        String secret = lookup(secrets, accessKeyId);
        // compared as durations: date.minus(maxSkew) could leave the range of Instant
        if (exceeds(now, date, settings.maxSkew)) {
            throw reject(AuthError.ACCESS_DENIED, "Request is not valid yet", accessKeyId);
        }
        // date is within the years 0000-9999 (X-Amz-Date) and expires at most a week: no overflow
        if (now.getEpochSecond() > date.getEpochSecond() + expires
                || (now.getEpochSecond() == date.getEpochSecond() + expires && now.getNano() > date.getNano())) {
            throw reject(AuthError.ACCESS_DENIED, "Request has expired", accessKeyId);
        }
        int filled = fillSigned(s, rh, request, signedHeaders, signedCount, accessKeyId);
        String contentSha = contentSha(rh, accessKeyId);
        String queryContentSha = q.value(P_CONTENT_SHA);
        if (queryContentSha != null) {
            // signed as a query parameter (MinIO reads it there first): the payload hash, compared
            // with the body like the header; both, and different, is two answers to one question
            String v = queryContentSha.trim();
            if (PayloadSigning.fromLiteral(v) == null && !Hex.isHex(v, 64)) {
                throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "X-Amz-Content-Sha256 must be"
                        + " UNSIGNED-PAYLOAD or a valid sha256 value.", accessKeyId);
            }
            if (contentSha != null && !contentSha.equals(v)) {
                throw reject(AuthError.INVALID_ARGUMENT, "The X-Amz-Content-Sha256 query parameter and the"
                        + " x-amz-content-sha256 header differ", accessKeyId);
            }
            contentSha = v;
        }
        PayloadSigning literal = contentSha == null ? null : PayloadSigning.fromLiteral(contentSha);
        if (literal != null && literal.isStreaming()) {
            throw reject(AuthError.INVALID_REQUEST, "An aws-chunked upload must be signed with an Authorization"
                    + " header and verified with SigV4Verifier.verifyStreaming", accessKeyId);
        }
        boolean s3 = "s3".equals(scope[3]);
        PayloadSigning mode = settings.payloadSigning;
        String payloadHash;
        if (contentSha != null) {
            // the request's own signed x-amz-content-sha256 is the payload hash (as the presigner
            // signs it), and a hash value is compared with the body below
            payloadHash = contentSha;
        } else if (mode == PayloadSigning.UNSIGNED || (mode == null && s3)) {
            payloadHash = PayloadSigning.UNSIGNED.literal();
        } else {
            payloadHash = bodyHash(request.payload());
        }
        SigningKey key = SigningKey.of(accessKeyId, secret, scope[1], scope[2], scope[3]);
        String tokenSkip = settings.tokenPlacement == SessionTokenPlacement.AFTER_SIGNING ? "X-Amz-Security-Token"
                : null;
        VerificationResult result = compare(s, request, key, signedHeaders, filled, payloadHash, amzDate,
                signatureSource, signatureFrom, signatureTo, "X-Amz-Signature", tokenSkip);
        // a presigned request is never aws-chunked (verifyStreaming requires an Authorization header)
        return checkBody(result, request, contentSha, accessKeyId);
    }

    /**
     * A parameter's value: read in place when written without escapes (as this thread's last
     * copy of the same text, see {@link Scratch#text}), else decoded; null when absent.
     */
    private static String text(Scratch s, QueryAuthParams q, int k, int slot) {
        int from = q.plainFrom(k);
        return from >= 0 ? s.text(slot, q.query(), from, q.plainTo(k)) : q.value(k);
    }


    // ------------------------------------------------------------------ shared

    private VerificationResult compare(Scratch s, SignableRequest request, SigningKey key, String signedHeaders,
                                       int filled, String payloadHash, String amzDate, String signatureSource,
                                       int signatureFrom, int signatureTo, String skip1, String skip2) {
        computeHex(s, request, key, signedHeaders, filled, payloadHash, amzDate, skip1, skip2);
        if (signatureMatches(s, signatureSource, signatureFrom, signatureTo)) {
            // the texts are rebuilt when read: an accepted request seldom needs them
            return BRIDGE.verified(key.accessKeyId, new Explanation(this, request, key, signedHeaders, payloadHash,
                    amzDate, skip1, skip2));
        }
        String canonicalRequest = s.creq.asString();
        String stringToSign = s.sts.asString();
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV4 signature mismatch for {}; canonical request:\n{}\nstring to sign:\n{}",
                    key.accessKeyId, Redaction.redactSigningText(canonicalRequest), stringToSign);
        }
        return VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH, "The request signature we calculated"
                + " does not match the signature you provided. Check your key and signing method.", key.accessKeyId,
                canonicalRequest, stringToSign);
    }

    /**
     * The canonical request and string to sign into the scratch, the expected signature into
     * {@code s.sig}; the first {@code n} header entries of the scratch are the signed headers
     * ({@link #fillSignedHeaders}).
     */
    private void computeHex(Scratch s, SignableRequest request, SigningKey key, String signedHeaders, int n,
                            String payloadHash, String amzDate, String skip1, String skip2) {
        SigV4Core.computeHex(s, request.method(), request.rawPath(), settings.normalize(key.service),
                settings.doubleEncode(key.service), request.rawQuery().orElse(null), skip1, skip2, n, signedHeaders,
                payloadHash, amzDate, key);
    }

    /**
     * The texts of an accepted request, computed again when read (a class, not a lambda: a
     * capturing lambda of eight values was not always allocated inline on the hot path).
     */
    private static final class Explanation implements java.util.function.Function<Boolean, String> {
        private final SigV4VerifyEngine engine;
        private final SignableRequest request;
        private final SigningKey key;
        private final String signedHeaders;
        private final String payloadHash;
        private final String amzDate;
        private final String skip1;
        private final String skip2;

        Explanation(SigV4VerifyEngine engine, SignableRequest request, SigningKey key, String signedHeaders,
                    String payloadHash, String amzDate, String skip1, String skip2) {
            this.engine = engine;
            this.request = request;
            this.key = key;
            this.signedHeaders = signedHeaders;
            this.payloadHash = payloadHash;
            this.amzDate = amzDate;
            this.skip1 = skip1;
            this.skip2 = skip2;
        }

        @Override
        public String apply(Boolean canonical) {
            return engine.explain(request, key, signedHeaders, payloadHash, amzDate, skip1, skip2, canonical);
        }
    }

    /**
     * The canonical request ({@code canonical}) or string to sign of a request this engine
     * accepted, computed again from the same parts: the same text as when it was accepted.
     */
    private String explain(SignableRequest request, SigningKey key, String signedHeaders, String payloadHash,
                           String amzDate, String skip1, String skip2, boolean canonical) {
        try (Scratch s = Scratch.open()) {
            ReceivedHeaders rh = ReceivedHeaders.of(s, request.headers());
            int signedCount;
            try {
                signedCount = signedNames(s, signedHeaders, AuthError.AUTHORIZATION_HEADER_MALFORMED, key.accessKeyId);
            } catch (Reject e) {
                throw new IllegalStateException("the signed-headers list was accepted before", e);
            }
            int n = fillSignedHeaders(s, rh, request, signedHeaders, signedCount);
            if (n < 0) {
                throw new IllegalStateException("the signed headers were accepted before");
            }
            computeHex(s, request, key, signedHeaders, n, payloadHash, amzDate, skip1, skip2);
            return canonical ? s.creq.asString() : s.sts.asString();
        }
    }

    /**
     * Whether the signature {@code source[from, to)} (64 hex digits, either case) is the 32 bytes
     * of {@code s.sig}, in constant time: every digit is read and every byte compared, whatever
     * differs, and a character that is not a hex digit makes the answer false the same way.
     */
    private static boolean signatureMatches(Scratch s, String source, int from, int to) {
        if (to - from != 64) {
            return false;
        }
        byte[] g = s.given();
        int bad = 0;
        for (int i = 0; i < 32; i++) {
            int hi = Hex.digit(source.charAt(from + 2 * i));
            int lo = Hex.digit(source.charAt(from + 2 * i + 1));
            bad |= (hi | lo) >>> 31; // 1 when either is not a hex digit (Hex.digit gives -1)
            g[i] = (byte) ((hi << 4) | (lo & 0xf));
        }
        byte[] expected = s.sig;
        int diff = 0;
        for (int i = 0; i < 32; i++) {
            diff |= expected[i] ^ g[i];
        }
        return (diff | bad) == 0;
    }

    /**
     * {@link #fillSignedHeaders}, and the check that host and every x-amz-* header the request
     * has are signed, decided in the same walk; when one is not, {@link #checkAllSigned} names
     * them (in the order received) and rejects the request.
     *
     * @return how many header entries were filled
     */
    private int fillSigned(Scratch s, ReceivedHeaders rh, SignableRequest request, String list, int m,
                           String accessKeyId) throws Reject {
        int n = fillSignedHeaders(s, rh, request, list, m);
        if (n < 0) {
            checkAllSigned(s, request.headers(), list, m, accessKeyId);
            throw new IllegalStateException("an unsigned header was found, then not named");
        }
        return n;
    }

    /**
     * Fills the scratch's header arrays with the signed headers, in the order of the signed-headers
     * list (the values of one name in the order received; a signed name the request lacks has an
     * empty value, or the request's host for {@code host}). The received headers, sorted once,
     * and the signed names, sorted by rule, are walked together: O(n + m) comparisons for n
     * headers and m signed names, whatever the request holds. The names go in as received (one
     * instance per name, so that its values group): the canonical request lower-cases them as it
     * writes them. The received headers the walk passes over are the unsigned ones: when one of
     * them must be signed (x-amz-*), or host is not in the list, the answer is -1.
     *
     * @return how many header entries were filled, or -1 when a header that must be signed is not
     */
    private int fillSignedHeaders(Scratch s, ReceivedHeaders rh, SignableRequest request, String list, int m) {
        s.ensureHeaderCapacity(m + rh.size());
        String[] outNames = s.names;
        String[] outValues = s.values;
        int[] nameFrom = s.nameFrom;
        int[] nameTo = s.nameTo;
        int n = 0;
        int size = rh.size();
        int at = 0; // both lists are sorted: one walk through the received headers
        boolean hostSigned = false;
        boolean unsigned = false;
        try {
            for (int k = 0; k < m; k++) {
                int from = nameFrom[k];
                int to = nameTo[k];
                boolean host = to - from == 4 && list.startsWith("host", from);
                hostSigned |= host;
                int c = 1;
                while (at < size && (c = ReceivedHeaders.compareNames(rh.at(at).name(), list, from, to)) < 0) {
                    unsigned |= mustBeSigned(rh.at(at).name());
                    at++;
                }
                if (at == size || c != 0) {
                    outNames[n] = host ? "host" : list.substring(from, to);
                    outValues[n++] = host ? request.hostHeaderValue() : "";
                    continue;
                }
                String name = rh.at(at).name();
                do {
                    outNames[n] = name;
                    outValues[n++] = rh.at(at).value();
                    at++;
                } while (rh.nameAt(at, list, from, to));
            }
            for (; at < size; at++) {
                unsigned |= mustBeSigned(rh.at(at).name());
            }
        } finally {
            s.filledReceived(n);
        }
        return unsigned || !hostSigned ? -1 : n;
    }

    /** Whether a received header must be signed: x-amz-*, but the token when it is added after signing. */
    private boolean mustBeSigned(String name) {
        return isAmzName(name) && !(settings.tokenPlacement == SessionTokenPlacement.AFTER_SIGNING
                && ReceivedHeaders.compareNames(name, "x-amz-security-token") == 0);
    }

    /**
     * The signed-headers list's names as bounds into it ({@code s.nameFrom}, {@code s.nameTo}),
     * and how many: lower-case, none empty, each listed once and in sorted order. A name listed
     * twice is malformed, and so is a list out of order: every SDK sends it sorted, and servers
     * disagree on what an unsorted list means (MinIO sorts it again, s3proxy signs it as given),
     * so no reading of it is safe. O(m) for a list that is right; what is wrong is named by
     * {@link #splitSignedHeaders} and {@link #sortedUnique}, O(m log m).
     */
    private static int signedNames(Scratch s, String list, AuthError error, String accessKeyId) throws Reject {
        int len = list.length();
        s.ensureNameBounds(len / 2 + 1);
        int[] nameFrom = s.nameFrom;
        int[] nameTo = s.nameTo;
        int m = 0;
        int from = 0;
        boolean ok = len > 0;
        for (int i = 0; ok && i <= len; i++) {
            char c = i < len ? list.charAt(i) : ';';
            if (c == ';') {
                ok = i > from && (m == 0 || compareRanges(list, nameFrom[m - 1], nameTo[m - 1], from, i) < 0);
                nameFrom[m] = from;
                nameTo[m++] = i;
                from = i + 1;
            } else if (c >= 'A' && c <= 'Z') {
                ok = false;
            }
        }
        if (!ok) {
            // names what is wrong (and throws: a list that passes these is one the loop accepts)
            sortedUnique(splitSignedHeaders(list, error, accessKeyId), error, accessKeyId);
            throw reject(error, "SignedHeaders is malformed", accessKeyId);
        }
        return m;
    }

    /** {@code t[a, aEnd)} compared with {@code t[b, bEnd)} as {@link String#compareTo} would. */
    private static int compareRanges(String t, int a, int aEnd, int b, int bEnd) {
        int n = Math.min(aEnd - a, bEnd - b);
        for (int i = 0; i < n; i++) {
            int d = t.charAt(a + i) - t.charAt(b + i);
            if (d != 0) {
                return d;
            }
        }
        return (aEnd - a) - (bEnd - b);
    }

    /** Where the received name is among the signed names (bounds in {@code s}), or -1; binary search. */
    private static int signedIndex(Scratch s, String list, int m, String name) {
        int lo = 0;
        int hi = m - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = ReceivedHeaders.compareNames(name, list, s.nameFrom[mid], s.nameTo[mid]);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return -1;
    }

    /**
     * The access key id, date, region and service of a credential {@code t[from, to)}
     * ({@code <access key id>/<date>/<region>/<service>/aws4_request}), read in place; a
     * credential that is wrong is named by {@link #parseCredential(String, AuthError, String)}.
     */
    private String[] parseCredential(Scratch s, String t, int from, int to, AuthError error, String prefix)
            throws Reject {
        int s1 = indexOf(t, '/', from, to);
        int s2 = s1 < 0 ? -1 : indexOf(t, '/', s1 + 1, to);
        int s3 = s2 < 0 ? -1 : indexOf(t, '/', s2 + 1, to);
        int s4 = s3 < 0 ? -1 : indexOf(t, '/', s3 + 1, to);
        boolean ok = s4 >= 0 && indexOf(t, '/', s4 + 1, to) < 0 && s1 > from
                && to - s4 - 1 == AWS4_REQUEST.length() && t.startsWith(AWS4_REQUEST, s4 + 1)
                && s2 - s1 - 1 == 8 && isDigits(t, s1 + 1, s2)
                && s3 > s2 + 1 && s4 > s3 + 1
                && (region == null || (s3 - s2 - 1 == region.length() && t.startsWith(region, s2 + 1)))
                && (service == null || (s4 - s3 - 1 == service.length() && t.startsWith(service, s3 + 1)));
        if (!ok) {
            parseCredential(t.substring(from, to), error, prefix); // names what is wrong, and throws
            throw reject(error, prefix + "the Credential is malformed");
        }
        return new String[] {
            s.text(Scratch.TEXT_ACCESS_KEY, t, from, s1),
            s.text(Scratch.TEXT_DATE, t, s1 + 1, s2),
            region != null ? region : s.text(Scratch.TEXT_REGION, t, s2 + 1, s3),
            service != null ? service : s.text(Scratch.TEXT_SERVICE, t, s3 + 1, s4)};
    }

    private static int indexOf(String t, char c, int from, int to) {
        int i = t.indexOf(c, from);
        return i < to ? i : -1;
    }

    private static boolean isDigits(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private String[] parseCredential(String credential, AuthError error, String prefix) throws Reject {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || !"aws4_request".equals(parts[4])) {
            throw reject(error, prefix + "the Credential must be <access key id>/<date>/<region>/<service>/aws4_request");
        }
        String date = parts[1];
        if (date.length() != 8 || !isDigits(date)) {
            throw reject(error, prefix + "incorrect date format '" + printable(date, 20)
                    + "'. This date in the credential must be in the format \"yyyyMMdd\".", parts[0]);
        }
        if (region != null && !region.equals(parts[2])) {
            throw reject(error, prefix + "the region '" + printable(parts[2], 40) + "' is wrong; expecting '" + region
                    + "'", parts[0]);
        }
        if (parts[2].isEmpty() || parts[3].isEmpty()) {
            throw reject(error, prefix + "the region and service of the Credential must not be empty", parts[0]);
        }
        if (service != null && !service.equals(parts[3])) {
            throw reject(error, prefix + "incorrect service '" + printable(parts[3], 40) + "'. This endpoint belongs"
                    + " to '" + service + "'.", parts[0]);
        }
        return new String[] {parts[0], date, parts[2], parts[3]};
    }

    private static String lookup(SecretLookup secrets, String accessKeyId) throws Reject {
        String secret = Secrets.find(secrets, accessKeyId); // absent or blank: unknown
        if (secret == null) {
            throw reject(AuthError.INVALID_ACCESS_KEY_ID, "The AWS Access Key Id you provided does not exist in our"
                    + " records.", accessKeyId);
        }
        return secret;
    }

    private void checkSkew(Instant date, Instant now, String accessKeyId) throws Reject {
        if (exceeds(date, now, settings.maxSkew) || exceeds(now, date, settings.maxSkew)) {
            throw reject(AuthError.REQUEST_TIME_TOO_SKEWED, "The difference between the request time ("
                    + Timestamps.describe(date) + ") and the current time (" + Timestamps.describe(now)
                    + ") is too large.", accessKeyId);
        }
    }

    /**
     * Whether {@code to} is more than {@code max} after {@code from}: {@code Duration.between(from,
     * to).compareTo(max) > 0} without building the duration (whole seconds of two instants differ
     * by less than 2^56, so nothing overflows).
     */
    static boolean exceeds(Instant from, Instant to, Duration max) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        int nanos = to.getNano() - from.getNano();
        if (nanos < 0) {
            seconds--;
            nanos += 1_000_000_000;
        }
        return seconds > max.getSeconds() || (seconds == max.getSeconds() && nanos > max.getNano());
    }

    private static String[] splitSignedHeaders(String list, AuthError error, String accessKeyId) throws Reject {
        if (list.isEmpty()) {
            throw reject(error, "SignedHeaders must not be empty", accessKeyId);
        }
        String[] names = list.split(";", -1);
        for (String n : names) {
            if (n.isEmpty() || !n.equals(Ascii.lower(n))) {
                throw reject(error, "SignedHeaders must be lower-case header names separated by ';'", accessKeyId);
            }
        }
        return names;
    }

    /**
     * The signed names sorted, for binary search; a name listed twice is malformed, and so is a
     * list out of order: every SDK sends it sorted, and servers disagree on what an unsorted list
     * means (MinIO sorts it again, s3proxy signs it as given), so no reading of it is safe. O(m log m).
     */
    private static String[] sortedUnique(String[] names, AuthError error, String accessKeyId) throws Reject {
        String[] sorted = names.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i].equals(sorted[i - 1])) {
                throw reject(error, "SignedHeaders lists '" + printable(sorted[i], 40) + "' more than once",
                        accessKeyId);
            }
        }
        if (!Arrays.equals(sorted, names)) {
            throw reject(error, "SignedHeaders must list the header names in sorted order", accessKeyId);
        }
        return sorted;
    }

    /**
     * Host and every x-amz-* header must be signed: rejects the request naming those that are not,
     * in the order received (called when {@link #fillSignedHeaders} found one). The signed names
     * (bounds in {@code s}) are searched, not scanned: O(n log m).
     */
    private void checkAllSigned(Scratch s, Headers headers, String list, int m, String accessKeyId) throws Reject {
        Set<String> missing = null;
        if (signedIndex(s, list, m, "host") < 0) {
            missing = new LinkedHashSet<>();
            missing.add("host");
        }
        List<Headers.Header> entries = headers.entries();
        for (int i = 0, n = entries.size(); i < n; i++) {
            String name = entries.get(i).name();
            if (!mustBeSigned(name) || signedIndex(s, list, m, name) >= 0) {
                continue;
            }
            String lower = Ascii.lower(name);
            if (missing == null) {
                missing = new LinkedHashSet<>();
            }
            missing.add(lower);
        }
        if (missing != null) {
            StringBuilder listing = new StringBuilder();
            int listed = 0;
            for (String name : missing) {
                if (listed == MAX_LISTED) {
                    listing.append(", ... (").append(missing.size() - listed).append(" more)");
                    break;
                }
                listing.append(listed++ == 0 ? "" : ", ").append(name);
            }
            throw reject(AuthError.ACCESS_DENIED, "There were headers present in the request which were not signed"
                    + " (host and every x-amz-* header must be signed): " + listing, accessKeyId);
        }
    }

    /** Whether a header name starts with {@code x-amz-}, ASCII case-insensitively. */
    private static boolean isAmzName(String name) {
        if (name.length() < 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (Ascii.lower(name.charAt(i)) != "x-amz-".charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String bodyHash(Payload payload) {
        return SigV4SigningEngine.payloadHash(payload, PayloadSigning.SIGNED);
    }

    /** The hash of a body the request carries, or null when it carries none to hash. */
    private static String actualBodyHash(Payload payload) {
        if (payload.kind() == Payload.Kind.BYTES || payload.kind() == Payload.Kind.STREAM) {
            return bodyHash(payload);
        }
        return null;
    }

    private static boolean isDigits(String s) {
        return isDigits(s, 0, s.length());
    }

    private static String printable(String s, int max) {
        String p = dev.awssig.internal.Checks.printable(s);
        return p.length() > max ? p.substring(0, max) + "..." : p;
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "SigV4VerifyEngine[region=" + region + ", service=" + service + "]";
    }
}
