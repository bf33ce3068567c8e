package dev.awssig.v4a.internal;

import dev.awssig.AuthError;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Ascii;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Hex;
import dev.awssig.internal.MalformedTextException;
import dev.awssig.internal.QueryAuthParams;
import dev.awssig.internal.Redaction;
import dev.awssig.internal.RequestBounds;
import dev.awssig.internal.Secrets;
import dev.awssig.internal.Timestamps;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.internal.CanonicalWriter;
import dev.awssig.v4a.RegionSet;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SigV4a verifier behind {@link dev.awssig.v4a.SigV4aVerifier}: decides as S3 does, with
 * S3's error codes, and answers every request without throwing. The request is first checked
 * against the configured {@link dev.awssig.VerificationLimits}; then the Authorization header or
 * query parameters are parsed, the secret looked up (an unknown access key id is answered before
 * any EC work), the canonical request rebuilt (SigV4's rules, O(n log n) in the headers and
 * query parameters) and the ECDSA signature checked with the public key derived from the secret
 * (derived once per credentials, from a bounded cache). Immutable and thread-safe.
 */
public final class SigV4aVerifyEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SigV4aVerifyEngine.class);
    private static final String[] NO_STRINGS = new String[0];
    private static final String QUERY_PARAMS_REQUIRED = "Query-string authentication version 4a requires the"
            + " X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders,"
            + " X-Amz-Region-Set and X-Amz-Expires parameters.";

    /** The query parameters of presigned authentication, as the verifier reads them. */
    private static final String[] AUTH_PARAMS = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
        "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Region-Set", "X-Amz-Security-Token",
        "X-Amz-Content-Sha256"};

    private final String region;
    private final String service;
    private final Settings settings;
    private final EcKeys keys;

    /**
     * An engine for a config (region and service optional: when set, the request's region set
     * must cover the region and its credential scope must name the service).
     *
     * @param config region, service, options and {@link dev.awssig.VerificationLimits}
     */
    public SigV4aVerifyEngine(SigningConfig config) {
        this.region = config.region().orElse(null);
        this.service = config.service().orElse(null);
        this.settings = new Settings(config);
        this.keys = EcKeys.shared();
    }

    /** A successful header check, with what the body decoder needs. */
    private static final class Accepted {
        final VerificationResult result;
        final EcKeys.KeyPair key;
        final String amzDate;
        final String scope;
        final String signature;
        final String contentSha;

        Accepted(VerificationResult result, EcKeys.KeyPair key, String amzDate, String scope, String signature,
                 String contentSha) {
            this.result = result;
            this.key = key;
            this.amzDate = amzDate;
            this.scope = scope;
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
        requireArguments(request, secrets, now);
        VerificationResult bounds = RequestBounds.check(request, settings.limits);
        if (bounds != null) {
            return bounds;
        }
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
        requireArguments(request, secrets, now);
        VerificationResult bounds = RequestBounds.check(request, settings.limits);
        if (bounds != null) {
            throw new VerificationException(bounds);
        }
        try {
            if (!request.headers().contains("authorization")) {
                throw reject(AuthError.INVALID_REQUEST,
                        "An aws-chunked upload must be signed with an Authorization header");
            }
            Accepted a = check(request, secrets, now, false);
            PayloadSigning mode = V4a.fromLiteral(a.contentSha);
            if (mode == null || !mode.isStreaming()) {
                throw reject(AuthError.INVALID_REQUEST, "x-amz-content-sha256 is not an aws-chunked streaming mode",
                        a.key.accessKeyId);
            }
            String decoded = single(request.headers(), "x-amz-decoded-content-length", AuthError.INVALID_ARGUMENT);
            // ASCII digits only: Long.parseLong would also read "+5" and other scripts' digits
            long decodedLength = decoded == null ? -1 : Checks.parseDecimal(decoded.trim());
            if (decodedLength < 0) {
                throw reject(AuthError.INVALID_REQUEST,
                        "x-amz-decoded-content-length is required and must be a non-negative number for aws-chunked",
                        a.key.accessKeyId);
            }
            ChecksumAlgorithm checksum = null;
            if (mode.hasTrailer()) {
                String trailer = single(request.headers(), "x-amz-trailer", AuthError.INVALID_ARGUMENT);
                checksum = ChecksumAlgorithm.fromHeaderName(trailer == null ? "" : trailer.trim());
                if (checksum == null) {
                    throw reject(AuthError.INVALID_REQUEST, "x-amz-trailer must name a supported checksum header"
                            + " (x-amz-checksum-crc32, -crc32c, -crc64nvme, -sha1, -sha256)", a.key.accessKeyId);
                }
            }
            long contentLength = -1;
            if (!request.headers().contains("transfer-encoding")) { // with Transfer-Encoding, HTTP ignores Content-Length
                String cl = single(request.headers(), "content-length", AuthError.INVALID_ARGUMENT);
                if (cl != null) {
                    // ASCII digits only, as x-amz-decoded-content-length
                    contentLength = Checks.parseDecimal(cl.trim());
                    if (contentLength < 0) {
                        throw reject(AuthError.INVALID_ARGUMENT, "Content-Length must be a non-negative decimal"
                                + " number", a.key.accessKeyId);
                    }
                }
            }
            ChunkSigner chain = mode.signsChunks() ? new ChunkSigner(a.amzDate, a.scope, a.signature) : null;
            return new ChunkedDecoder(encodedBody, mode, chain, mode.signsChunks() ? a.key.publicKey() : null,
                    a.key.accessKeyId, decodedLength, checksum, settings.maxChunkSize, settings.limits,
                    contentLength);
        } catch (Reject r) {
            throw new VerificationException(r.result);
        }
    }

    private static void requireArguments(SignableRequest request, SecretLookup secrets, Instant now) {
        if (request == null || secrets == null || now == null) {
            throw new IllegalArgumentException("request, secrets and now: are required");
        }
    }

    private Accepted check(SignableRequest request, SecretLookup secrets, Instant now, boolean checkBody)
            throws Reject {
        String query = request.rawQuery().orElse(null);
        String auth = single(request.headers(), "authorization", AuthError.AUTHORIZATION_HEADER_MALFORMED);
        single(request.headers(), "host", AuthError.INVALID_ARGUMENT); // two hosts: which one was meant?
        QueryAuthParams q;
        try {
            q = query == null ? null : QueryAuthParams.parse(query, AUTH_PARAMS);
        } catch (MalformedTextException e) {
            throw reject(AuthError.INVALID_URI, e.getMessage());
        }
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
        if (!a.startsWith(V4a.ALGORITHM + " ")) {
            int sp = a.indexOf(' ');
            throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed;"
                    + " unsupported algorithm '" + (sp < 0 ? "" : printable(a.substring(0, sp), 40))
                    + "', expecting '" + V4a.ALGORITHM + "'");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : a.substring(V4a.ALGORITHM.length() + 1).split(",", -1)) {
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
        Headers headers = request.headers();
        checkRegionSet(single(headers, V4a.REGION_SET_LOWER, AuthError.INVALID_ARGUMENT),
                AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; ", accessKeyId);
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
        Duration skew = Duration.between(date, now).abs();
        if (skew.compareTo(settings.maxSkew) > 0) {
            throw reject(AuthError.REQUEST_TIME_TOO_SKEWED, "The difference between the request time ("
                    + Timestamps.amzDate(date) + ") and the current time (" + Timestamps.amzDate(now)
                    + ") is too large.", accessKeyId);
        }
        checkAllSigned(headers, names, accessKeyId);

        String contentSha = contentSha(headers, accessKeyId);
        PayloadSigning literal = contentSha == null ? null : V4a.fromLiteral(contentSha);
        if (checkBody && literal != null && literal.isStreaming()) {
            throw reject(AuthError.INVALID_REQUEST, "This is an aws-chunked upload (x-amz-content-sha256: "
                    + contentSha + "): verify it with SigV4aVerifier.verifyStreaming, which checks every chunk of"
                    + " its body", accessKeyId);
        }
        boolean s3 = "s3".equals(scope[2]);
        String payloadHash;
        if (contentSha != null) {
            payloadHash = contentSha;
        } else if (s3) {
            throw reject(AuthError.INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256",
                    accessKeyId);
        } else {
            payloadHash = CanonicalWriter.payloadHash(request.payload(), PayloadSigning.SIGNED);
        }
        EcKeys.KeyPair key = keys.get(accessKeyId, secret);
        String credentialScope = scope[1] + '/' + scope[2] + "/aws4_request";
        VerificationResult result = compare(request, key, scope[2], names, signedHeaders, payloadHash, amzDateText,
                credentialScope, signature, null, null);
        if (checkBody) {
            result = checkBody(result, request, contentSha, accessKeyId);
        }
        if (!result.isValid() && !checkBody) {
            throw new Reject(result);
        }
        return new Accepted(result, key, amzDateText, credentialScope, signature, contentSha);
    }

    // ------------------------------------------------------------------ presigned

    private Accepted checkPresigned(SignableRequest request, QueryAuthParams q, SecretLookup secrets, Instant now)
            throws Reject {
        if (q.repeated() != null) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "The query has the " + q.repeated()
                    + " parameter more than once (in some spelling); it must have it once");
        }
        String algorithm = q.value(0);
        if (!V4a.ALGORITHM.equals(algorithm)) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    "X-Amz-Algorithm only supports \"" + V4a.ALGORITHM + "\"");
        }
        String credential = q.value(1);
        String amzDate = q.value(2);
        String expiresText = q.value(3);
        String signedHeaders = q.value(4);
        String signature = q.value(5);
        String regionSet = q.value(6);
        if (credential == null || amzDate == null || expiresText == null || signedHeaders == null
                || signature == null || regionSet == null) {
            throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, QUERY_PARAMS_REQUIRED);
        }
        String[] scope = parseCredential(credential, AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "Error parsing the X-Amz-Credential parameter; ");
        String accessKeyId = scope[0];
        String[] names = splitSignedHeaders(signedHeaders, AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                accessKeyId);
        checkRegionSet(regionSet, AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                "Error parsing the X-Amz-Region-Set parameter; ", accessKeyId);
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
        if (now.isBefore(date.minus(settings.maxSkew))) {
            throw reject(AuthError.ACCESS_DENIED, "Request is not valid yet", accessKeyId);
        }
        if (now.isAfter(date.plusSeconds(expires))) {
            throw reject(AuthError.ACCESS_DENIED, "Request has expired", accessKeyId);
        }
        checkAllSigned(request.headers(), names, accessKeyId);
        boolean s3 = "s3".equals(scope[2]);
        PayloadSigning mode = settings.payloadSigning;
        String contentSha = contentSha(request.headers(), accessKeyId);
        String queryContentSha = q.value(8);
        if (queryContentSha != null) {
            // signed as a query parameter (MinIO reads it there first): the payload hash, compared
            // with the body like the header; both, and different, is two answers to one question
            String v = queryContentSha.trim();
            if (V4a.fromLiteral(v) == null && !Hex.isHex(v, 64)) {
                throw reject(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "X-Amz-Content-Sha256 must be"
                        + " UNSIGNED-PAYLOAD or a valid sha256 value.", accessKeyId);
            }
            if (contentSha != null && !contentSha.equals(v)) {
                throw reject(AuthError.INVALID_ARGUMENT, "The X-Amz-Content-Sha256 query parameter and the"
                        + " x-amz-content-sha256 header differ", accessKeyId);
            }
            contentSha = v;
        }
        PayloadSigning literal = contentSha == null ? null : V4a.fromLiteral(contentSha);
        if (literal != null && literal.isStreaming()) {
            throw reject(AuthError.INVALID_REQUEST, "An aws-chunked upload must be signed with an Authorization"
                    + " header and verified with SigV4aVerifier.verifyStreaming", accessKeyId);
        }
        String payloadHash;
        if (contentSha != null) {
            // the request's own signed hash is the payload hash; a hash value is compared with the body below
            payloadHash = contentSha;
        } else if (mode == PayloadSigning.UNSIGNED || (mode == null && s3)) {
            payloadHash = PayloadSigning.UNSIGNED.literal();
        } else {
            payloadHash = CanonicalWriter.payloadHash(request.payload(), PayloadSigning.SIGNED);
        }
        EcKeys.KeyPair key = keys.get(accessKeyId, secret);
        String tokenSkip = settings.tokenPlacement == SessionTokenPlacement.AFTER_SIGNING ? "X-Amz-Security-Token"
                : null;
        String credentialScope = scope[1] + '/' + scope[2] + "/aws4_request";
        VerificationResult result = compare(request, key, scope[2], names, signedHeaders, payloadHash, amzDate,
                credentialScope, signature, "X-Amz-Signature", tokenSkip);
        return new Accepted(checkBody(result, request, contentSha, accessKeyId), key, amzDate, credentialScope,
                signature, contentSha);
    }

    // ------------------------------------------------------------------ shared

    private VerificationResult compare(SignableRequest request, EcKeys.KeyPair key, String scopeService,
                                       String[] names, String signedHeaders, String payloadHash, String amzDate,
                                       String credentialScope, String givenSignature, String skip1, String skip2) {
        boolean normalize = settings.normalize(scopeService);
        boolean doubleEncode = settings.doubleEncode(scopeService);
        Headers headers = request.headers();
        String canonicalRequest;
        String stringToSign;
        boolean ok;
        try (Scratch s = Scratch.open()) {
            int n = 0;
            for (String name : names) {
                List<String> values = headers.values(name);
                s.ensureHeaders(n + Math.max(1, values.size()));
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
            CanonicalWriter c = s.creq;
            c.append(request.method()).append('\n');
            c.appendUri(request.rawPath(), normalize, doubleEncode).append('\n');
            c.appendQuery(request.rawQuery().orElse(null), NO_STRINGS, NO_STRINGS, 0, skip1, skip2).append('\n');
            c.appendHeaders(s.names, s.values, n).append('\n');
            c.append(signedHeaders).append('\n');
            c.append(payloadHash);
            SigV4aSigningEngine.writeStringToSign(s, amzDate, credentialScope);
            byte[] der = Signatures.decodeHex(givenSignature);
            ok = der != null && s.verify(key.publicKey(), s.sts.bytes(), 0, s.sts.length(), der);
            canonicalRequest = s.creq.asString();
            stringToSign = s.sts.asString();
        }
        if (ok) {
            return VerificationResult.success(key.accessKeyId, canonicalRequest, stringToSign);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV4a signature mismatch for {}; canonical request:\n{}\nstring to sign:\n{}",
                    key.accessKeyId, Redaction.redactSigningText(canonicalRequest), stringToSign);
        }
        return VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH, "The request signature we calculated"
                + " does not match the signature you provided. Check your key and signing method.", key.accessKeyId,
                canonicalRequest, stringToSign);
    }

    /** {@code <id>/<date>/<service>/aws4_request}: returns id, date, service. */
    private String[] parseCredential(String credential, AuthError error, String prefix) throws Reject {
        String[] parts = credential.split("/", 6);
        if (parts.length != 4 || parts[0].isEmpty() || !"aws4_request".equals(parts[3])) {
            throw reject(error, prefix + "the Credential must be <access key id>/<date>/<service>/aws4_request"
                    + " (SigV4a has no region in the scope)");
        }
        String date = parts[1];
        if (date.length() != 8 || !isDigits(date)) {
            throw reject(error, prefix + "incorrect date format '" + printable(date, 20)
                    + "'. This date in the credential must be in the format \"yyyyMMdd\".", parts[0]);
        }
        if (parts[2].isEmpty()) {
            throw reject(error, prefix + "the service of the Credential must not be empty", parts[0]);
        }
        if (service != null && !service.equals(parts[2])) {
            throw reject(error, prefix + "incorrect service '" + printable(parts[2], 40) + "'. This endpoint belongs"
                    + " to '" + service + "'.", parts[0]);
        }
        return new String[] {parts[0], date, parts[2]};
    }

    /** The region set must be given and, when this verifier has a region, cover it. */
    private void checkRegionSet(String text, AuthError error, String prefix, String accessKeyId) throws Reject {
        if (text == null) {
            throw reject(error, prefix + "X-Amz-Region-Set is required for " + V4a.ALGORITHM, accessKeyId);
        }
        RegionSet set;
        try {
            set = RegionSet.parse(text);
        } catch (IllegalArgumentException e) {
            throw reject(error, prefix + "X-Amz-Region-Set '" + printable(text, 60) + "' is not a list of regions",
                    accessKeyId);
        }
        if (region != null && !set.covers(region)) {
            throw reject(error, prefix + "the region set '" + printable(text, 60) + "' does not include this"
                    + " endpoint's region '" + region + "'", accessKeyId);
        }
    }

    private static String lookup(SecretLookup secrets, String accessKeyId) throws Reject {
        String secret = Secrets.find(secrets, accessKeyId); // absent or blank: unknown
        if (secret == null) {
            throw reject(AuthError.INVALID_ACCESS_KEY_ID, "The AWS Access Key Id you provided does not exist in our"
                    + " records.", accessKeyId);
        }
        return secret;
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
        for (int i = 1; i < names.length; i++) {
            int c = names[i - 1].compareTo(names[i]);
            if (c >= 0) {
                // sorted, each once: servers disagree on what any other list means
                throw reject(error, c == 0 ? "SignedHeaders lists '" + printable(names[i], 40) + "' more than once"
                        : "SignedHeaders must list the header names in sorted order", accessKeyId);
            }
        }
        return names;
    }

    private void checkAllSigned(Headers headers, String[] names, String accessKeyId) throws Reject {
        java.util.Set<String> signed = new java.util.HashSet<>(java.util.Arrays.asList(names));
        List<String> missing = null;
        if (!signed.contains("host")) {
            missing = new ArrayList<>();
            missing.add("host");
        }
        for (Headers.Header h : headers.entries()) {
            String lower = Ascii.lower(h.name());
            if (!lower.startsWith("x-amz-") || signed.contains(lower)) {
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
                    + " (host and every x-amz-* header must be signed): " + printable(String.join(", ", missing), 200),
                    accessKeyId);
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

    /** {@code value} when {@code was} is null; a component given twice is malformed. */
    private static String once(String was, String value, String component) throws Reject {
        if (was != null) {
            throw reject(AuthError.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; it has "
                    + component + "= more than once");
        }
        return value;
    }

    /** The trimmed x-amz-content-sha256, or null: one value, a payload mode or 64 hex digits. */
    private static String contentSha(Headers headers, String accessKeyId) throws Reject {
        String v = single(headers, "x-amz-content-sha256", AuthError.INVALID_ARGUMENT);
        if (v == null) {
            return null;
        }
        v = v.trim();
        if (V4a.fromLiteral(v) == null && !Hex.isHex(v, 64)) {
            throw reject(AuthError.INVALID_ARGUMENT, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, "
                    + V4a.STREAMING_SIGNED + " or a valid sha256 value.", accessKeyId);
        }
        return v;
    }

    /** A valid signature over a hash of the body is not yet a valid body: the hash is compared with the body's. */
    private static VerificationResult checkBody(VerificationResult result, SignableRequest request, String contentSha,
                                                String accessKeyId) {
        if (!result.isValid() || contentSha == null || !Hex.isHex(contentSha, 64)) {
            return result;
        }
        Payload p = request.payload();
        if (p.kind() != Payload.Kind.BYTES && p.kind() != Payload.Kind.STREAM) {
            return result;
        }
        String actual;
        try {
            actual = CanonicalWriter.payloadHash(p, PayloadSigning.SIGNED);
        } catch (dev.awssig.SigningException e) {
            return VerificationResult.failure(AuthError.INCOMPLETE_BODY, "The request body could not be read",
                    accessKeyId, null, null);
        }
        if (!Ascii.equalsIgnoreCase(actual, contentSha)) {
            return VerificationResult.failure(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.", accessKeyId,
                    null, null);
        }
        return result;
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
        String p = Checks.printable(s);
        return p.length() > max ? p.substring(0, max) + "..." : p;
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "SigV4aVerifyEngine[region=" + region + ", service=" + service + "]";
    }
}
