package dev.awssig.v4.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.Hex;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SignedHeadersPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SigV4 signer and presigner behind {@link dev.awssig.v4.SigV4Signer}. Immutable and
 * thread-safe; per-thread scratch state lives in {@link Scratch}.
 */
public final class SigV4SigningEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SigV4SigningEngine.class);
    private static final String[] NO_STRINGS = new String[0];

    private final CredentialsProvider credentials;
    private final String region;
    private final String service;
    private final Clock clock;
    private final Settings settings;
    private final boolean normalize;
    private final boolean doubleEncode;
    private final boolean isS3;
    private volatile SigningKey lastKey;

    /**
     * An engine for a config.
     *
     * @param config credentials, region, service, clock and options
     * @throws IllegalArgumentException if the credentials, region or service is missing or an
     *     option is out of range
     */
    public SigV4SigningEngine(SigningConfig config) {
        this.credentials = config.requireCredentialsProvider();
        this.region = config.region().orElseThrow(() ->
                new IllegalArgumentException("region: is required for SigV4 signing"));
        this.service = config.service().orElseThrow(() ->
                new IllegalArgumentException("service: is required for SigV4 signing"));
        this.clock = config.clock();
        this.settings = new Settings(config);
        this.normalize = settings.normalize(service);
        this.doubleEncode = settings.doubleEncode(service);
        this.isS3 = "s3".equals(service);
    }

    private SigningKey key(Credentials c, String dateStamp) {
        SigningKey k = lastKey;
        if (k != null && k.matches(c.accessKeyId(), c.secretAccessKey(), dateStamp, region, service)) {
            return k;
        }
        k = SigningKey.of(c.accessKeyId(), c.secretAccessKey(), dateStamp, region, service);
        lastKey = k;
        return k;
    }

    /**
     * Signs with an {@code Authorization} header.
     *
     * @param request the request
     * @return the signed request
     */
    public SignedRequest sign(SignableRequest request) {
        Credentials creds = credentials.resolveCredentials();
        Instant now = clock.instant();
        Dates d = Dates.of(now);
        SigningKey key = key(creds, d.dateStamp);
        Payload payload = request.payload();
        PayloadSigning mode = settings.payloadSigning != null ? settings.payloadSigning : PayloadSigning.SIGNED;
        String payloadHash;
        long decodedLength = -1;
        if (mode.isStreaming()) {
            if (payload.kind() != Payload.Kind.BYTES && payload.kind() != Payload.Kind.STREAM) {
                throw new IllegalArgumentException("payload: streaming mode " + mode
                        + " needs a bytes or stream payload of known length, was " + payload.kind());
            }
            decodedLength = payload.contentLength().getAsLong();
            payloadHash = mode.literal();
        } else {
            payloadHash = payloadHash(payload, mode);
        }
        String token = creds.sessionToken().orElse(null);

        Scratch s = Scratch.get();
        String signature = canonicalize(s, request, d, key, mode, payloadHash, decodedLength, token);
        int oc = s.oCount;
        String signedHeaders = s.lastSignedHeaders;
        List<String> signedHeaderList = s.lastSignedHeaderList;
        String canonicalRequest = null;
        String stringToSign = null;
        if (LOG.isDebugEnabled()) {
            canonicalRequest = s.creq.asString();
            stringToSign = s.sts.asString();
            LOG.debug("SigV4 canonical request:\n{}\nstring to sign:\n{}",
                    dev.awssig.internal.Redaction.redactSigningText(canonicalRequest), stringToSign);
        }

        SignableRequest.Builder out = request.toBuilder();
        String[] oName = s.oName;
        String[] oLower = s.oLower;
        String[] oValue = s.oValue;
        for (int i = 0; i < oc; i++) {
            if (s.oPresent[i]) {
                out.removeHeader(oLower[i]);
            }
            out.header(oName[i], oValue[i]);
        }
        if (s.hadAuthorization) {
            out.removeHeader("Authorization");
        }
        out.header("Authorization", key.authorizationPrefix + signedHeaders + ", Signature=" + signature);
        java.util.Arrays.fill(oValue, 0, oc, null);
        if (mode.isStreaming()) {
            final long decoded = decodedLength;
            final int chunkSize = settings.chunkSize;
            final PayloadSigning m = mode;
            final String amzDate = d.amzDate;
            final String seed = signature;
            final ChecksumAlgorithm checksum = settings.trailerChecksum;
            long encodedLength = ChunkedEncoder.encodedLength(decoded, chunkSize, mode, checksum);
            out.payload(Payload.ofStream(() -> new ChunkedEncoder(payload.openStream(), decoded, chunkSize, m,
                    checksum, key, amzDate, seed), encodedLength));
        }
        SignedRequest.Builder result = SignedRequest.builder()
                .request(out.build())
                .algorithm(SigV4Core.ALGORITHM)
                .signature(signature)
                .signedHeaders(signedHeaderList)
                .signingTime(now);
        if (canonicalRequest != null) {
            result.canonicalRequest(canonicalRequest).stringToSign(stringToSign);
        } else {
            // built only when read: the hot path does not pay for strings nobody asks for
            Explanation e = new Explanation(this, request, d, key, mode, payloadHash, decodedLength, token);
            result.canonicalRequestSupplier(e::canonicalRequest).stringToSignSupplier(e::stringToSign);
        }
        return result.build();
    }

    /** Recomputes the canonical request and string to sign of a signature when they are read. */
    private static final class Explanation {
        private final SigV4SigningEngine engine;
        private final SignableRequest request;
        private final Dates dates;
        private final SigningKey key;
        private final PayloadSigning mode;
        private final String payloadHash;
        private final long decodedLength;
        private final String token;
        private String canonicalRequest;
        private String stringToSign;

        Explanation(SigV4SigningEngine engine, SignableRequest request, Dates dates, SigningKey key,
                    PayloadSigning mode, String payloadHash, long decodedLength, String token) {
            this.engine = engine;
            this.request = request;
            this.dates = dates;
            this.key = key;
            this.mode = mode;
            this.payloadHash = payloadHash;
            this.decodedLength = decodedLength;
            this.token = token;
        }

        private synchronized void compute() {
            if (canonicalRequest == null) {
                Scratch s = Scratch.get();
                engine.canonicalize(s, request, dates, key, mode, payloadHash, decodedLength, token);
                java.util.Arrays.fill(s.oValue, 0, s.oCount, null);
                canonicalRequest = s.creq.asString();
                stringToSign = s.sts.asString();
            }
        }

        String canonicalRequest() {
            compute();
            return canonicalRequest;
        }

        synchronized String stringToSign() {
            compute();
            return stringToSign;
        }
    }

    /**
     * Sets the signer's own headers in the scratch arrays ({@code oName/oLower/oValue}, count in
     * {@code oCount}), collects and sorts the signed headers, writes the canonical request and
     * string to sign into the scratch buffers and returns the signature.
     */
    private String canonicalize(Scratch s, SignableRequest request, Dates d, SigningKey key, PayloadSigning mode,
                                String payloadHash, long decodedLength, String token) {
        boolean shaHeader = mode.isStreaming() || (settings.contentShaHeader != null ? settings.contentShaHeader : isS3);
        boolean tokenSigned = token != null && settings.tokenPlacement == SessionTokenPlacement.SIGNED;
        String[] oName = s.oName;
        String[] oLower = s.oLower;
        String[] oValue = s.oValue;
        boolean[] oSigned = s.oSigned;
        int oc = 0;
        Headers headers = request.headers();
        if (!headers.contains("host")) {
            oName[oc] = "Host";
            oLower[oc] = "host";
            oValue[oc] = request.hostHeaderValue();
            oSigned[oc++] = true;
        }
        oName[oc] = "X-Amz-Date";
        oLower[oc] = "x-amz-date";
        oValue[oc] = d.amzDate;
        oSigned[oc++] = true;
        if (shaHeader) {
            oName[oc] = "x-amz-content-sha256";
            oLower[oc] = "x-amz-content-sha256";
            oValue[oc] = payloadHash;
            oSigned[oc++] = true;
        }
        if (token != null) {
            oName[oc] = "X-Amz-Security-Token";
            oLower[oc] = "x-amz-security-token";
            oValue[oc] = token;
            oSigned[oc++] = tokenSigned;
        }
        if (mode.isStreaming()) {
            ChecksumAlgorithm checksum = settings.trailerChecksum;
            long encodedLength = ChunkedEncoder.encodedLength(decodedLength, settings.chunkSize, mode, checksum);
            String ce = headers.firstValue("content-encoding").orElse(null);
            oName[oc] = "Content-Encoding";
            oLower[oc] = "content-encoding";
            oValue[oc] = ce == null || ce.isBlank() ? "aws-chunked"
                    : hasAwsChunked(ce) ? ce.trim() : "aws-chunked," + ce.trim();
            oSigned[oc] = settings.policy.signs("content-encoding");
            oc++;
            oName[oc] = "Content-Length";
            oLower[oc] = "content-length";
            oValue[oc] = Long.toString(encodedLength);
            oSigned[oc] = settings.policy.signs("content-length");
            oc++;
            oName[oc] = "x-amz-decoded-content-length";
            oLower[oc] = "x-amz-decoded-content-length";
            oValue[oc] = Long.toString(decodedLength);
            oSigned[oc++] = true;
            if (mode.hasTrailer()) {
                oName[oc] = "x-amz-trailer";
                oLower[oc] = "x-amz-trailer";
                oValue[oc] = checksum.headerName();
                oSigned[oc++] = true;
            }
        }
        s.oCount = oc;
        java.util.Arrays.fill(s.oPresent, 0, oc, false);
        s.hadAuthorization = false;

        List<Headers.Header> entries = headers.entries();
        s.ensureHeaderCapacity(entries.size() + oc);
        int n = 0;
        SignedHeadersPolicy policy = settings.policy;
        for (int i = 0; i < entries.size(); i++) {
            Headers.Header h = entries.get(i);
            String lower = s.lower(h.name());
            int o = overrideIndex(lower, oLower, oc);
            if (o >= 0) {
                s.oPresent[o] = true;
                continue;
            }
            if (!policy.signs(lower)) {
                if (lower.equals("authorization")) {
                    s.hadAuthorization = true;
                }
                continue;
            }
            s.names[n] = lower;
            s.values[n++] = h.value();
        }
        for (int i = 0; i < oc; i++) {
            if (oSigned[i]) {
                s.names[n] = oLower[i];
                s.values[n++] = oValue[i];
            }
        }
        Canonical.sortHeaders(s.names, s.values, n);
        String signedHeaders = s.signedHeaders(s.names, n);
        String signature = SigV4Core.compute(s, request.method(), request.rawPath(), normalize, doubleEncode,
                request.rawQuery().orElse(null), NO_STRINGS, NO_STRINGS, 0, null, null, n, signedHeaders, payloadHash,
                d.amzDate, key);
        s.clearHeaders(n);
        return signature;
    }

    private static boolean hasAwsChunked(String contentEncoding) {
        for (String part : contentEncoding.split(",", -1)) {
            if (part.trim().equalsIgnoreCase("aws-chunked")) {
                return true;
            }
        }
        return false;
    }

    private static int overrideIndex(String lower, String[] oLower, int oc) {
        for (int i = 0; i < oc; i++) {
            if (oLower[i].equals(lower)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The payload hash of a non-streaming mode.
     *
     * @param payload the payload
     * @param mode the mode
     * @return 64 hex digits or {@code UNSIGNED-PAYLOAD}
     */
    static String payloadHash(Payload payload, PayloadSigning mode) {
        if (mode == PayloadSigning.UNSIGNED) {
            return mode.literal();
        }
        switch (payload.kind()) {
            case UNSIGNED:
                return PayloadSigning.UNSIGNED.literal();
            case PRECOMPUTED_SHA256:
                return payload.sha256Hex();
            case BYTES:
                if (payload.contentLength().getAsLong() == 0) {
                    return Crypto.EMPTY_SHA256_HEX;
                }
                MessageDigest md = Crypto.sha256();
                payload.updateDigest(md);
                return Hex.encode(md.digest());
            default:
                return hashStream(payload);
        }
    }

    private static String hashStream(Payload payload) {
        MessageDigest md = Crypto.newDigest("SHA-256");
        byte[] buf = new byte[8192];
        try (InputStream in = payload.openStream()) {
            int r;
            while ((r = in.read(buf)) >= 0) {
                md.update(buf, 0, r);
            }
        } catch (IOException e) {
            throw new SigningException("could not read the payload stream to hash it", e);
        }
        return Hex.encode(md.digest());
    }

    /**
     * Presigns: the authentication goes into the query string.
     *
     * @param request the request
     * @param expiresIn validity, 1 s to 7 days
     * @return the presigned URL
     */
    public PresignedUrl presign(SignableRequest request, Duration expiresIn) {
        if (expiresIn == null) {
            throw new IllegalArgumentException("expiresIn: is required (was null)");
        }
        long expires = expiresIn.getSeconds();
        if (expires < 1 || expires > SigV4Options.MAX_PRESIGN_SECONDS) {
            throw new IllegalArgumentException("expiresIn: must be 1 to " + SigV4Options.MAX_PRESIGN_SECONDS
                    + " seconds (7 days), was " + expiresIn);
        }
        String rawQuery = request.rawQuery().orElse(null);
        checkNotPresigned(rawQuery);
        Credentials creds = credentials.resolveCredentials();
        Instant now = clock.instant();
        Dates d = Dates.of(now);
        SigningKey key = key(creds, d.dateStamp);
        PayloadSigning mode = settings.payloadSigning != null ? settings.payloadSigning
                : (isS3 ? PayloadSigning.UNSIGNED : PayloadSigning.SIGNED);
        if (mode.isStreaming()) {
            throw new IllegalArgumentException(SigV4Options.PAYLOAD_SIGNING.name() + ": " + mode
                    + " cannot be used for a presigned URL");
        }
        String payloadHash = payloadHash(request.payload(), mode);
        String token = creds.sessionToken().orElse(null);
        boolean tokenSigned = token != null && settings.tokenPlacement == SessionTokenPlacement.SIGNED;

        Scratch s = Scratch.get();
        Headers headers = request.headers();
        List<Headers.Header> entries = headers.entries();
        s.ensureHeaderCapacity(entries.size() + 1);
        int n = 0;
        Headers.Builder sent = Headers.builder();
        if (!headers.contains("host")) {
            s.names[n] = "host";
            s.values[n++] = request.hostHeaderValue();
            sent.add("Host", request.hostHeaderValue());
        }
        for (int i = 0; i < entries.size(); i++) {
            Headers.Header h = entries.get(i);
            String lower = s.lower(h.name());
            if (!settings.policy.signs(lower)) {
                continue;
            }
            s.names[n] = lower;
            s.values[n++] = h.value();
            sent.add(h.name(), h.value());
        }
        Canonical.sortHeaders(s.names, s.values, n);
        String signedHeaders = s.signedHeaders(s.names, n);

        String credential = creds.accessKeyId() + '/' + key.scope;
        String[] qn = new String[6];
        String[] qv = new String[6];
        int qc = 0;
        qn[qc] = "X-Amz-Algorithm";
        qv[qc++] = SigV4Core.ALGORITHM;
        qn[qc] = "X-Amz-Credential";
        qv[qc++] = UriEncoding.encode(credential, false);
        qn[qc] = "X-Amz-Date";
        qv[qc++] = d.amzDate;
        qn[qc] = "X-Amz-SignedHeaders";
        qv[qc++] = UriEncoding.encode(signedHeaders, false);
        qn[qc] = "X-Amz-Expires";
        qv[qc++] = Long.toString(expires);
        String encodedToken = token == null ? null : UriEncoding.encode(token, false);
        if (tokenSigned) {
            qn[qc] = "X-Amz-Security-Token";
            qv[qc++] = encodedToken;
        }
        // the canonical query sorts a copy; keep qn/qv in the order they are appended to the URL
        String[] sn = Arrays.copyOf(qn, qc);
        String[] sv = Arrays.copyOf(qv, qc);
        String signature = SigV4Core.compute(s, request.method(), request.rawPath(), normalize, doubleEncode,
                rawQuery, sn, sv, qc, null, null, n, signedHeaders, payloadHash, d.amzDate, key);
        s.clearHeaders(n);
        String canonicalRequest = s.creq.asString();
        String stringToSign = s.sts.asString();
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV4 presign canonical request:\n{}\nstring to sign:\n{}",
                    dev.awssig.internal.Redaction.redactSigningText(canonicalRequest), stringToSign);
        }
        StringBuilder url = new StringBuilder(256);
        url.append(request.scheme()).append("://").append(request.host());
        if (request.port() != -1) {
            url.append(':').append(request.port());
        }
        url.append(request.rawPath()).append('?');
        if (rawQuery != null && !rawQuery.isEmpty()) {
            url.append(rawQuery).append('&');
        }
        for (int i = 0; i < qc; i++) {
            url.append(qn[i]).append('=').append(qv[i]).append('&');
        }
        if (token != null && !tokenSigned) {
            url.append("X-Amz-Security-Token=").append(encodedToken).append('&');
        }
        url.append("X-Amz-Signature=").append(signature);
        return PresignedUrl.builder()
                .url(url.toString())
                .method(request.method())
                .signedHeaders(sent.build())
                .expiration(now.plusSeconds(expires))
                .canonicalRequest(canonicalRequest)
                .stringToSign(stringToSign)
                .signature(signature)
                .build();
    }

    private static void checkNotPresigned(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf("X-Amz-") < 0 && rawQuery.indexOf("x-amz-") < 0) {
            return;
        }
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            int eq = rawQuery.indexOf('=', start);
            String name = UriEncoding.decode(rawQuery.substring(start, eq < 0 || eq > end ? end : eq), true);
            if (name.equalsIgnoreCase("X-Amz-Signature") || name.equalsIgnoreCase("X-Amz-Credential")
                    || name.equalsIgnoreCase("X-Amz-Algorithm")) {
                throw new IllegalArgumentException("request: the query already has a '" + name
                        + "' parameter; presign the request without its old authentication");
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "SigV4SigningEngine[region=" + region + ", service=" + service + "]";
    }
}
