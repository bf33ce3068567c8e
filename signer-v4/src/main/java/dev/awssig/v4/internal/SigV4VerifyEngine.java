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
import java.security.MessageDigest;
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
    private static final String[] NO_STRINGS = new String[0];
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

    /** A successful header verification, with what the body decoder needs. */
    static final class Accepted {
        final VerificationResult result;
        final SigningKey key;
        final String amzDate;
        final String signature;
        final String contentSha;

        Accepted(VerificationResult result, SigningKey key, String amzDate, String signature, String contentSha) {
            this.result = result;
            this.key = key;
            this.amzDate = amzDate;
            this.signature = signature;
            this.contentSha = contentSha;
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
            return check(request, secrets, now, true).result;
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
            Accepted a = check(request, secrets, now, false);
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

    private Accepted check(SignableRequest request, SecretLookup secrets, Instant now, boolean checkBody)
            throws Reject {
        String query = request.rawQuery().orElse(null);
        String auth = single(request.headers(), "authorization", AuthError.AUTHORIZATION_HEADER_MALFORMED);
        single(request.headers(), "host", AuthError.INVALID_ARGUMENT); // two hosts: which one was meant?
        QueryAuthParams q = query == null ? null : QueryAuthParams.parse(query, AUTH_PARAMS);
        boolean presigned = q != null && q.firstNamed();
        if (auth != null && presigned) {
            throw reject(AuthError.INVALID_ARGUMENT, "Only one auth mechanism allowed; only the X-Amz-Algorithm query"
                    + " parameter or the Authorization header may be specified");
        }
        if (presigned) {
            return checkPresigned(request, q, secrets, now);
        }
        if (auth != null) {
            return checkHeader(request, auth, secrets, now, checkBody);
        }
        throw reject(AuthError.MISSING_SECURITY_HEADER, "The request has neither an Authorization header nor"
                + " X-Amz-* query authentication");
    }

    // ------------------------------------------------------------------ header

    private Accepted checkHeader(SignableRequest request, String authorization, SecretLookup secrets, Instant now,
                                 boolean checkBody) throws Reject {
        String a = authorization.trim();
        if (!a.startsWith(SigV4Core.ALGORITHM + " ")) {
            int sp = a.indexOf(' ');
            throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed;"
                    + " unsupported algorithm '" + (sp < 0 ? "" : printable(a.substring(0, sp), 40))
                    + "', expecting 'AWS4-HMAC-SHA256'");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : a.substring(SigV4Core.ALGORITHM.length() + 1).split(",", -1)) {
            String p = part.trim();
            if (p.startsWith("Credential=")) {
                credential = once(credential, p.substring(11), "Credential");
            } else if (p.startsWith("SignedHeaders=")) {
                signedHeaders = once(signedHeaders, p.substring(14), "SignedHeaders");
            } else if (p.startsWith("Signature=")) {
                signature = once(signature, p.substring(10), "Signature");
            } else if (!p.isEmpty()) {
                throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed;"
                        + " unexpected component '" + printable(p, 30) + "'");
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed;"
                    + " it must have Credential, SignedHeaders and Signature");
        }
        String[] scope = parseCredential(credential, AuthError.AUTHORIZATION_HEADER_MALFORMED,
                "The authorization header is malformed; ");
        String accessKeyId = scope[0];
        String[] names = splitSignedHeaders(signedHeaders, AuthError.AUTHORIZATION_HEADER_MALFORMED, accessKeyId);
        String[] sortedNames = sortedUnique(names, AuthError.AUTHORIZATION_HEADER_MALFORMED, accessKeyId);
        Headers headers = request.headers();
        String amzDate = single(headers, "x-amz-date", AuthError.INVALID_ARGUMENT);
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
            String httpDate = single(headers, "date", AuthError.INVALID_ARGUMENT);
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
        checkAllSigned(headers, sortedNames, accessKeyId);

        String contentSha = contentSha(headers, accessKeyId);
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
        VerificationResult result = compare(request, key, names, signedHeaders, payloadHash, amzDateText, signature,
                null, null);
        if (checkBody) {
            result = checkBody(result, request, contentSha, accessKeyId);
        } else if (!result.isValid()) {
            throw new Reject(result);
        }
        return new Accepted(result, key, amzDateText, signature, contentSha);
    }

    /** {@code value} when {@code was} is null; a component given twice is malformed. */
    private static String once(String was, String value, String component) throws Reject {
        if (was != null) {
            throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; it has "
                    + component + "= more than once");
        }
        return value;
    }

    /**
     * The trimmed x-amz-content-sha256, or null: one value, {@code UNSIGNED-PAYLOAD}, a streaming
     * mode or 64 hex digits.
     */
    private static String contentSha(Headers headers, String accessKeyId) throws Reject {
        String v = single(headers, "x-amz-content-sha256", AuthError.INVALID_ARGUMENT);
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
        if (!result.isValid() || contentSha == null || !Hex.isHex(contentSha, 64)) {
            return result;
        }
        String actual;
        try {
            actual = actualBodyHash(request.payload());
        } catch (SigningException e) {
            return VerificationResult.failure(AuthError.INCOMPLETE_BODY, "The request body could not be read",
                    accessKeyId, null, null);
        }
        if (actual != null && !Ascii.equalsIgnoreCase(actual, contentSha)) {
            return VerificationResult.failure(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.", accessKeyId,
                    null, null);
        }
        return result;
    }

    // ------------------------------------------------------------------ presigned

    private Accepted checkPresigned(SignableRequest request, QueryAuthParams q, SecretLookup secrets, Instant now)
            throws Reject {
        if (q.repeated() != null) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "The query has the " + q.repeated()
                    + " parameter more than once (in some spelling); it must have it once");
        }
        String algorithm = q.value(P_ALGORITHM);
        String credential = q.value(P_CREDENTIAL);
        String amzDate = q.value(P_DATE);
        String expiresText = q.value(P_EXPIRES);
        String signedHeaders = q.value(P_SIGNED_HEADERS);
        String signature = q.value(P_SIGNATURE);
        if (!SigV4Core.ALGORITHM.equals(algorithm)) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        if (credential == null || amzDate == null || expiresText == null || signedHeaders == null
                || signature == null) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, QUERY_PARAMS_REQUIRED);
        }
        String[] scope = parseCredential(credential, AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "Error parsing the X-Amz-Credential parameter; ");
        String accessKeyId = scope[0];
        String[] names = splitSignedHeaders(signedHeaders, AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                accessKeyId);
        String[] sortedNames = sortedUnique(names, AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, accessKeyId);
        Instant date;
        try {
            date = Timestamps.parseAmzDate(amzDate, "X-Amz-Date");
        } catch (IllegalArgumentException e) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", accessKeyId);
        }
        // ASCII digits only: Long.parseLong would also read "+600" and other scripts' digits
        long expires = Checks.parseDecimal(expiresText);
        if (expires < 0) {
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
        if (Duration.between(now, date).compareTo(settings.maxSkew) > 0) {
            throw reject(AuthError.ACCESS_DENIED, "Request is not valid yet", accessKeyId);
        }
        if (now.isAfter(date.plusSeconds(expires))) {
            throw reject(AuthError.ACCESS_DENIED, "Request has expired", accessKeyId);
        }
        Headers headers = request.headers();
        checkAllSigned(headers, sortedNames, accessKeyId);
        String contentSha = contentSha(headers, accessKeyId);
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
        VerificationResult result = compare(request, key, names, signedHeaders, payloadHash, amzDate, signature,
                "X-Amz-Signature", tokenSkip);
        return new Accepted(checkBody(result, request, contentSha, accessKeyId), key, amzDate, signature,
                contentSha);
    }

    // ------------------------------------------------------------------ shared

    private VerificationResult compare(SignableRequest request, SigningKey key, String[] names, String signedHeaders,
                                       String payloadHash, String amzDate, String givenSignature, String skip1,
                                       String skip2) {
        boolean normalize = settings.normalize(key.service);
        boolean doubleEncode = settings.doubleEncode(key.service);
        boolean ok;
        String canonicalRequest;
        String stringToSign;
        try (Scratch s = Scratch.open()) {
            int n = fillSignedHeaders(s, request, names);
            SigV4Core.computeHex(s, request.method(), request.rawPath(), normalize, doubleEncode,
                    request.rawQuery().orElse(null), NO_STRINGS, NO_STRINGS, 0, skip1, skip2, n, signedHeaders,
                    payloadHash, amzDate, key, false);
            ok = signatureMatches(s.sigHex, givenSignature);
            canonicalRequest = s.creq.asString();
            stringToSign = s.sts.asString();
        }
        if (ok) {
            return VerificationResult.success(key.accessKeyId, canonicalRequest, stringToSign);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV4 signature mismatch for {}; canonical request:\n{}\nstring to sign:\n{}",
                    key.accessKeyId, Redaction.redactSigningText(canonicalRequest), stringToSign);
        }
        return VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH, "The request signature we calculated"
                + " does not match the signature you provided. Check your key and signing method.", key.accessKeyId,
                canonicalRequest, stringToSign);
    }

    /** Whether 64 lower-case hex digits equal a given signature (hex in either case), in constant time. */
    private static boolean signatureMatches(byte[] expectedHex, String given) {
        if (given.length() != 64) {
            return false;
        }
        byte[] g = new byte[64];
        for (int i = 0; i < 64; i++) {
            char c = given.charAt(i);
            g[i] = (byte) (c >= 'A' && c <= 'F' ? c + 32 : c < 0x80 ? c : 0);
        }
        return MessageDigest.isEqual(expectedHex, g);
    }

    /**
     * Fills the scratch's header arrays with the signed headers, in the order of the signed-headers
     * list (the values of one name in the order received; a signed name the request lacks has an
     * empty value, or the request's host for {@code host}). The received entries are sorted by
     * name once and each signed name found by binary search: O((n + m) log n) for n headers and m
     * signed names, whatever the request holds.
     */
    private static int fillSignedHeaders(Scratch s, SignableRequest request, String[] names) {
        List<Headers.Header> entries = request.headers().entries();
        int h = entries.size();
        String[] lower = new String[h];
        for (int i = 0; i < h; i++) {
            lower[i] = Ascii.lower(entries.get(i).name());
        }
        int[] byName = Canonical.identity(h);
        Canonical.mergeSort(byName, h, (x, y) -> lower[x].compareTo(lower[y]));
        s.ensureHeaderCapacity(names.length + h);
        String[] outNames = s.names;
        String[] outValues = s.values;
        int n = 0;
        try {
            for (String name : names) {
                int at = firstAtLeast(byName, lower, h, name);
                if (at == h || !lower[byName[at]].equals(name)) {
                    outNames[n] = name;
                    outValues[n++] = name.equals("host") ? request.hostHeaderValue() : "";
                    continue;
                }
                for (; at < h && lower[byName[at]].equals(name); at++) {
                    outNames[n] = name;
                    outValues[n++] = entries.get(byName[at]).value();
                }
            }
        } finally {
            s.filledReceived(n);
        }
        return n;
    }

    /** The first position in {@code sorted} whose name is not less than {@code name}. */
    private static int firstAtLeast(int[] sorted, String[] lower, int h, String name) {
        int lo = 0;
        int hi = h;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (lower[sorted[mid]].compareTo(name) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
        Duration skew = Duration.between(date, now).abs();
        if (skew.compareTo(settings.maxSkew) > 0) {
            throw reject(AuthError.REQUEST_TIME_TOO_SKEWED, "The difference between the request time ("
                    + Timestamps.describe(date) + ") and the current time (" + Timestamps.describe(now)
                    + ") is too large.", accessKeyId);
        }
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
     * Host and every x-amz-* header must be signed. {@code sortedNames} is searched, not scanned:
     * O(n log m).
     */
    private void checkAllSigned(Headers headers, String[] sortedNames, String accessKeyId) throws Reject {
        Set<String> missing = null;
        if (Arrays.binarySearch(sortedNames, "host") < 0) {
            missing = new LinkedHashSet<>();
            missing.add("host");
        }
        List<Headers.Header> entries = headers.entries();
        for (int i = 0, n = entries.size(); i < n; i++) {
            String lower = Ascii.lower(entries.get(i).name());
            if (!lower.startsWith("x-amz-") || Arrays.binarySearch(sortedNames, lower) >= 0) {
                continue;
            }
            if (lower.equals("x-amz-security-token") && settings.tokenPlacement == SessionTokenPlacement.AFTER_SIGNING) {
                continue;
            }
            if (missing == null) {
                missing = new LinkedHashSet<>();
            }
            missing.add(lower);
        }
        if (missing != null) {
            StringBuilder list = new StringBuilder();
            int listed = 0;
            for (String name : missing) {
                if (listed == MAX_LISTED) {
                    list.append(", ... (").append(missing.size() - listed).append(" more)");
                    break;
                }
                list.append(listed++ == 0 ? "" : ", ").append(name);
            }
            throw reject(AuthError.ACCESS_DENIED, "There were headers present in the request which were not signed"
                    + " (host and every x-amz-* header must be signed): " + list, accessKeyId);
        }
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
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
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
