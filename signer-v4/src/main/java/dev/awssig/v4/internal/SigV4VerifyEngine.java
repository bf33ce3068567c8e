package dev.awssig.v4.internal;

import dev.awssig.AuthError;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Hex;
import dev.awssig.internal.Timestamps;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    private final String region;
    private final String service;
    private final Settings settings;

    /**
     * An engine for a config (region and service optional: when set, the credential scope must
     * name them).
     *
     * @param config region, service and options
     */
    public SigV4VerifyEngine(SigningConfig config) {
        this.region = config.region().orElse(null);
        this.service = config.service().orElse(null);
        this.settings = new Settings(config);
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

    /**
     * Verifies a header-signed or presigned request.
     *
     * @param request the request as received
     * @param secrets the secret lookup
     * @param now the server time
     * @return the outcome
     */
    public VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now) {
        try {
            return check(request, secrets, now, true).result;
        } catch (Reject r) {
            return r.result;
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
        try {
            if (!request.headers().contains("authorization")) {
                throw reject(AuthError.INVALID_REQUEST,
                        "An aws-chunked upload must be signed with an Authorization header");
            }
            Accepted a = check(request, secrets, now, false);
            PayloadSigning mode = PayloadSigning.fromLiteral(a.contentSha);
            if (mode == null || !mode.isStreaming()) {
                throw reject(AuthError.INVALID_REQUEST, "x-amz-content-sha256 is not an aws-chunked streaming mode",
                        a.key.accessKeyId);
            }
            String decoded = request.headers().firstValue("x-amz-decoded-content-length").orElse(null);
            long decodedLength;
            try {
                decodedLength = decoded == null ? -1 : Long.parseLong(decoded.trim());
            } catch (NumberFormatException e) {
                decodedLength = -1;
            }
            if (decodedLength < 0) {
                throw reject(AuthError.INVALID_REQUEST,
                        "x-amz-decoded-content-length is required and must be a non-negative number for aws-chunked",
                        a.key.accessKeyId);
            }
            ChecksumAlgorithm checksum = null;
            if (mode.hasTrailer()) {
                String trailer = request.headers().firstValue("x-amz-trailer").orElse("").trim();
                checksum = ChecksumAlgorithm.fromHeaderName(trailer);
                if (checksum == null) {
                    throw reject(AuthError.INVALID_REQUEST, "x-amz-trailer must name a supported checksum header"
                            + " (x-amz-checksum-crc32, -crc32c, -sha1, -sha256)", a.key.accessKeyId);
                }
            }
            return new ChunkedDecoder(encodedBody, mode, a.key, a.amzDate, a.signature, decodedLength, checksum,
                    settings.maxChunkSize);
        } catch (Reject r) {
            throw new VerificationException(r.result);
        }
    }

    private Accepted check(SignableRequest request, SecretLookup secrets, Instant now, boolean checkBody)
            throws Reject {
        if (request == null || secrets == null || now == null) {
            throw new IllegalArgumentException("request, secrets and now: are required");
        }
        String query = request.rawQuery().orElse(null);
        Optional<String> auth = request.headers().firstValue("authorization");
        boolean presigned = query != null && hasParam(query, "X-Amz-Algorithm");
        if (auth.isPresent() && presigned) {
            throw reject(AuthError.INVALID_ARGUMENT, "Only one auth mechanism allowed; only the X-Amz-Algorithm query"
                    + " parameter or the Authorization header may be specified");
        }
        if (presigned) {
            return checkPresigned(request, query, secrets, now);
        }
        if (auth.isPresent()) {
            return checkHeader(request, auth.get(), secrets, now, checkBody);
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
                    + " unsupported algorithm '" + (sp < 0 ? "" : a.substring(0, Math.min(sp, 40)))
                    + "', expecting 'AWS4-HMAC-SHA256'");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : a.substring(SigV4Core.ALGORITHM.length() + 1).split(",", -1)) {
            String p = part.trim();
            if (p.startsWith("Credential=")) {
                credential = p.substring(11);
            } else if (p.startsWith("SignedHeaders=")) {
                signedHeaders = p.substring(14);
            } else if (p.startsWith("Signature=")) {
                signature = p.substring(10);
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
        Headers headers = request.headers();
        String amzDate = headers.firstValue("x-amz-date").orElse(null);
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
            String httpDate = headers.firstValue("date").orElse(null);
            if (httpDate == null) {
                throw reject(AuthError.ACCESS_DENIED, "AWS authentication requires a valid Date or x-amz-date header",
                        accessKeyId);
            }
            try {
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
        checkAllSigned(headers, names, accessKeyId);

        String contentSha = headers.firstValue("x-amz-content-sha256").map(String::trim).orElse(null);
        boolean s3 = "s3".equals(scope[3]);
        String payloadHash;
        if (contentSha != null) {
            if (PayloadSigning.fromLiteral(contentSha) == null && !Hex.isHex(contentSha, 64)) {
                throw reject(AuthError.INVALID_ARGUMENT, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD,"
                        + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD or a valid sha256 value.", accessKeyId);
            }
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
        if (result.isValid() && checkBody && contentSha != null && Hex.isHex(contentSha, 64)) {
            String actual = actualBodyHash(request.payload());
            if (actual != null && !actual.equalsIgnoreCase(contentSha)) {
                return new Accepted(VerificationResult.failure(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.", accessKeyId,
                        null, null), key, amzDateText, signature, contentSha);
            }
        }
        if (!result.isValid() && !checkBody) {
            throw new Reject(result);
        }
        return new Accepted(result, key, amzDateText, signature, contentSha);
    }

    // ------------------------------------------------------------------ presigned

    private Accepted checkPresigned(SignableRequest request, String query, SecretLookup secrets, Instant now)
            throws Reject {
        String algorithm = param(query, "X-Amz-Algorithm");
        String credential = param(query, "X-Amz-Credential");
        String amzDate = param(query, "X-Amz-Date");
        String expiresText = param(query, "X-Amz-Expires");
        String signedHeaders = param(query, "X-Amz-SignedHeaders");
        String signature = param(query, "X-Amz-Signature");
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
        Instant date;
        try {
            date = Timestamps.parseAmzDate(amzDate, "X-Amz-Date");
        } catch (IllegalArgumentException e) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", accessKeyId);
        }
        long expires;
        try {
            expires = Long.parseLong(expiresText);
        } catch (NumberFormatException e) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "X-Amz-Expires should be a number",
                    accessKeyId);
        }
        if (expires < 0) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "X-Amz-Expires must be non-negative",
                    accessKeyId);
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
        if (now.isBefore(date.minus(settings.maxSkew))) {
            throw reject(AuthError.ACCESS_DENIED, "Request is not valid yet", accessKeyId);
        }
        if (now.isAfter(date.plusSeconds(expires))) {
            throw reject(AuthError.ACCESS_DENIED, "Request has expired", accessKeyId);
        }
        checkAllSigned(request.headers(), names, accessKeyId);
        boolean s3 = "s3".equals(scope[3]);
        PayloadSigning mode = settings.payloadSigning;
        String contentSha = request.headers().firstValue("x-amz-content-sha256").map(String::trim).orElse(null);
        String payloadHash;
        if (mode == PayloadSigning.UNSIGNED || (mode == null && s3)) {
            payloadHash = s3 && contentSha != null ? contentSha : PayloadSigning.UNSIGNED.literal();
        } else {
            payloadHash = bodyHash(request.payload());
        }
        SigningKey key = SigningKey.of(accessKeyId, secret, scope[1], scope[2], scope[3]);
        String tokenSkip = settings.tokenPlacement == SessionTokenPlacement.AFTER_SIGNING ? "X-Amz-Security-Token"
                : null;
        VerificationResult result = compare(request, key, names, signedHeaders, payloadHash, amzDate, signature,
                "X-Amz-Signature", tokenSkip);
        return new Accepted(result, key, amzDate, signature, contentSha);
    }

    // ------------------------------------------------------------------ shared

    private VerificationResult compare(SignableRequest request, SigningKey key, String[] names, String signedHeaders,
                                       String payloadHash, String amzDate, String givenSignature, String skip1,
                                       String skip2) {
        boolean normalize = settings.normalize(key.service);
        boolean doubleEncode = settings.doubleEncode(key.service);
        Headers headers = request.headers();
        boolean ok;
        String canonicalRequest;
        String stringToSign;
        try (Scratch s = Scratch.open()) {
            int n = 0;
            try {
                for (String name : names) {
                    List<String> values = headers.values(name);
                    s.ensureHeaderCapacity(n + Math.max(1, values.size()));
                    if (values.isEmpty()) {
                        s.names[n] = name;
                        s.values[n++] = name.equals("host") ? request.hostHeaderValue() : "";
                    } else {
                        for (String v : values) {
                            s.names[n] = name;
                            s.values[n++] = v;
                        }
                    }
                }
            } finally {
                s.filledReceived(n);
            }
            SigV4Core.computeHex(s, request.method(), request.rawPath(), normalize, doubleEncode,
                    request.rawQuery().orElse(null), NO_STRINGS, NO_STRINGS, 0, skip1, skip2, n,
                    signedHeaders, payloadHash, amzDate, key, false);
            ok = MessageDigest.isEqual(s.sigHex,
                    givenSignature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            canonicalRequest = s.creq.asString();
            stringToSign = s.sts.asString();
        }
        if (ok) {
            return VerificationResult.success(key.accessKeyId, canonicalRequest, stringToSign);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV4 signature mismatch for {}; canonical request:\n{}\nstring to sign:\n{}",
                    key.accessKeyId, dev.awssig.internal.Redaction.redactSigningText(canonicalRequest), stringToSign);
        }
        return VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH, "The request signature we calculated"
                + " does not match the signature you provided. Check your key and signing method.", key.accessKeyId,
                canonicalRequest, stringToSign);
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
        Optional<String> secret = secrets.secretKey(accessKeyId);
        if (secret == null || secret.isEmpty()) {
            throw reject(AuthError.INVALID_ACCESS_KEY_ID, "The AWS Access Key Id you provided does not exist in our"
                    + " records.", accessKeyId);
        }
        return secret.get();
    }

    private void checkSkew(Instant date, Instant now, String accessKeyId) throws Reject {
        Duration skew = Duration.between(date, now).abs();
        if (skew.compareTo(settings.maxSkew) > 0) {
            throw reject(AuthError.REQUEST_TIME_TOO_SKEWED, "The difference between the request time ("
                    + Timestamps.amzDate(date) + ") and the current time (" + Timestamps.amzDate(now)
                    + ") is too large.", accessKeyId);
        }
    }

    private static String[] splitSignedHeaders(String list, AuthError error, String accessKeyId) throws Reject {
        if (list.isEmpty()) {
            throw reject(error, "SignedHeaders must not be empty", accessKeyId);
        }
        String[] names = list.split(";", -1);
        for (String n : names) {
            if (n.isEmpty() || !n.equals(Canonical.lower(n))) {
                throw reject(error, "SignedHeaders must be lower-case header names separated by ';'", accessKeyId);
            }
        }
        return names;
    }

    private void checkAllSigned(Headers headers, String[] names, String accessKeyId) throws Reject {
        List<String> missing = null;
        if (!contains(names, "host")) {
            missing = new ArrayList<>();
            missing.add("host");
        }
        for (Headers.Header h : headers.entries()) {
            String lower = Canonical.lower(h.name());
            if (!lower.startsWith("x-amz-") || contains(names, lower)) {
                continue;
            }
            if (lower.equals("x-amz-security-token") && settings.tokenPlacement == SessionTokenPlacement.AFTER_SIGNING) {
                continue;
            }
            if (missing == null) {
                missing = new ArrayList<>();
            }
            if (!missing.contains(lower)) {
                missing.add(lower);
            }
        }
        if (missing != null) {
            throw reject(AuthError.ACCESS_DENIED, "There were headers present in the request which were not signed"
                    + " (host and every x-amz-* header must be signed): " + String.join(", ", missing), accessKeyId);
        }
    }

    private static boolean contains(String[] names, String name) {
        for (String n : names) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static String bodyHash(Payload payload) {
        return SigV4SigningEngine.payloadHash(payload, PayloadSigning.SIGNED);
    }

    private static String actualBodyHash(Payload payload) {
        if (payload.kind() == Payload.Kind.BYTES || payload.kind() == Payload.Kind.STREAM) {
            return bodyHash(payload);
        }
        return null;
    }

    private static boolean hasParam(String query, String name) {
        return param(query, name) != null;
    }

    /** The decoded value of the first parameter with that decoded name, or null. */
    static String param(String query, String name) {
        int start = 0;
        int len = query.length();
        while (start <= len) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            int eq = query.indexOf('=', start);
            boolean hasValue = eq >= 0 && eq < end;
            String rawName = query.substring(start, hasValue ? eq : end);
            if (rawName.regionMatches(0, name, 0, Math.min(rawName.length(), 1)) || rawName.indexOf('%') >= 0) {
                if (name.equals(UriEncoding.decode(rawName, true))) {
                    return hasValue ? UriEncoding.decode(query.substring(eq + 1, end), true) : "";
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
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
