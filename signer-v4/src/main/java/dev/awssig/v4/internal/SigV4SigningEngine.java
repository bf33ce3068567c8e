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
import dev.awssig.internal.ApiAccess;
import dev.awssig.internal.Ascii;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.Hex;
import dev.awssig.internal.MalformedTextException;
import dev.awssig.internal.QueryAuthParams;
import dev.awssig.internal.Redaction;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SigV4 signer and presigner behind {@link dev.awssig.v4.SigV4Signer}. Immutable and
 * thread-safe; per-thread scratch state lives in {@link Scratch}.
 */
public final class SigV4SigningEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SigV4SigningEngine.class);
    /** The trusted path into the request model (see {@link ApiAccess}), obtained once. */
    private static final ApiAccess.Bridge BRIDGE = ApiAccess.bridge();
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

    /**
     * Whether the path is encoded twice (the other services' rule): otherwise (S3) it is decoded
     * before it is encoded, so a path or query with characters a URI cannot hold signs the same
     * once they are percent-encoded.
     *
     * @return true when the path is encoded twice
     */
    public boolean encodesPathTwice() {
        return doubleEncode;
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

        String canonicalRequest = null;
        String stringToSign = null;
        List<String> signedHeaderList;
        String authorization;
        SignableRequest signed;
        try (Scratch s = Scratch.open()) {
            canonicalize(s, request, d, key, mode, payloadHash, decodedLength, token);
            String signedHeaders = s.lastSignedHeaders;
            signedHeaderList = s.lastSignedHeaderList;
            if (LOG.isDebugEnabled()) {
                canonicalRequest = s.creq.asString();
                stringToSign = s.sts.asString();
                LOG.debug("SigV4 canonical request:\n{}\nstring to sign:\n{}",
                        Redaction.redactSigningText(canonicalRequest), stringToSign);
            }
            authorization = authorization(s, key, signedHeaders);
            Payload outPayload = payload;
            if (mode.isStreaming()) {
                final long decoded = decodedLength;
                final int chunkSize = settings.chunkSize;
                final PayloadSigning m = mode;
                final String amzDate = d.amzDate;
                final String seed = authorization.substring(authorization.length() - 64);
                final ChecksumAlgorithm checksum = settings.trailerChecksum;
                long encodedLength = ChunkedEncoder.encodedLength(decoded, chunkSize, mode, checksum);
                outPayload = Payload.ofStream(() -> new ChunkedEncoder(payload.openStream(), decoded, chunkSize, m,
                        checksum, key, amzDate, seed), encodedLength);
            }
            signed = withHeaders(s, request, s.oCount, authorization, key.prefixIsHeaderSafe, outPayload);
        }
        int signatureFrom = authorization.length() - 64;
        if (canonicalRequest != null) {
            return SignedRequest.builder()
                    .request(signed)
                    .algorithm(SigV4Core.ALGORITHM)
                    .signature(authorization.substring(signatureFrom))
                    .signedHeaders(signedHeaderList)
                    .signingTime(now)
                    .canonicalRequest(canonicalRequest)
                    .stringToSign(stringToSign)
                    .build();
        }
        // built only when read: the hot path does not pay for strings nobody asks for (the
        // signature is the end of the Authorization value, the texts are recomputed)
        return BRIDGE.signedRequest(signed, SigV4Core.ALGORITHM, authorization, signatureFrom,
                signedHeaderList, now, new Explanation(this, request, d, key, mode, payloadHash, decodedLength, token));
    }

    private static final byte[] SIGNATURE_EQUALS = ascii(", Signature=");

    /**
     * {@code <key's prefix><signed headers>, Signature=<hex>}, written as bytes into a reused buffer
     * (one allocation: the string) when the prefix is ASCII; the signed-header names are
     * lower-case header names, which are tokens and so ASCII.
     */
    private static String authorization(Scratch s, SigningKey key, String signedHeaders) {
        byte[] prefix = key.authorizationPrefixAscii;
        if (prefix == null) {
            return key.authorizationPrefix + signedHeaders + ", Signature="
                    + new String(s.sigHex, 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        ByteBuf a = s.auth;
        a.reset();
        a.append(prefix);
        s.appendCached(a, 0, signedHeaders);
        a.append(SIGNATURE_EQUALS).append(s.sigHex, 0, 64);
        return new String(a.buf, 0, a.len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The request with the signer's headers: the original entries without those the signer
     * replaces (and without an old {@code Authorization}), then the signer's own headers in order,
     * then {@code Authorization}; built on the trusted path, as every entry is already validated.
     */
    private static SignableRequest withHeaders(Scratch s, SignableRequest request, int oc, String authorization,
                                               boolean trustedAuthorization, Payload payload) {
        List<Headers.Header> entries = request.headers().entries();
        int size = entries.size();
        boolean[] drop = s.drop;
        Headers.Header[] out = new Headers.Header[size - s.dropCount + oc + 1];
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (!drop[i]) {
                out[k++] = entries.get(i);
            }
        }
        String[] oName = s.oName;
        String[] oValue = s.oValue;
        for (int i = 0; i < oc; i++) {
            out[k++] = s.header(oName[i], oValue[i]);
        }
        ApiAccess.Bridge bridge = BRIDGE;
        // the value is the key's checked prefix, lower-case header names joined by ';' and hex
        out[k] = trustedAuthorization ? bridge.trustedHeader("Authorization", authorization)
                : new Headers.Header("Authorization", authorization);
        return bridge.withHeaders(request, bridge.headers(out), payload);
    }

    /** Recomputes the canonical request and string to sign of a signature when they are read. */
    private static final class Explanation implements java.util.function.Function<Boolean, String> {
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
                try (Scratch s = Scratch.open()) {
                    engine.canonicalize(s, request, dates, key, mode, payloadHash, decodedLength, token);
                    canonicalRequest = s.creq.asString();
                    stringToSign = s.sts.asString();
                }
            }
        }

        /** The canonical request ({@code true}) or the string to sign ({@code false}). */
        @Override
        public synchronized String apply(Boolean wantCanonicalRequest) {
            compute();
            return wantCanonicalRequest ? canonicalRequest : stringToSign;
        }
    }

    /**
     * Sets the signer's own headers in the scratch arrays ({@code oName/oLower/oValue}, count in
     * {@code oCount}), collects and sorts the signed headers, writes the canonical request and
     * string to sign into the scratch buffers and leaves the hex signature in {@code s.sigHex}.
     */
    private void canonicalize(Scratch s, SignableRequest request, Dates d, SigningKey key, PayloadSigning mode,
                                String payloadHash, long decodedLength, String token) {
        Headers headers = request.headers();
        int has = scanHeaders(headers.entries());
        // x-amz-content-sha256 is the signer's: a caller's value is replaced by the payload hash
        // that is signed (as the AWS SDKs do), so signer and verifier read the same hash
        boolean shaHeader = mode.isStreaming() || (has & HAS_CONTENT_SHA) != 0
                || (settings.contentShaHeader != null ? settings.contentShaHeader : isS3);
        boolean tokenSigned = token != null && settings.tokenPlacement == SessionTokenPlacement.SIGNED;
        String[] oName = s.oName;
        String[] oLower = s.oLower;
        String[] oValue = s.oValue;
        boolean[] oSigned = s.oSigned;
        int oc = 0;
        if ((has & HAS_HOST) == 0) {
            Scratch.set(oName, oc, "Host");
            Scratch.set(oLower, oc, "host");
            Scratch.set(oValue, oc, request.hostHeaderValue());
            oSigned[oc++] = true;
        }
        Scratch.set(oName, oc, "X-Amz-Date");
        Scratch.set(oLower, oc, "x-amz-date");
        Scratch.set(oValue, oc, d.amzDate);
        oSigned[oc++] = true;
        if (shaHeader) {
            Scratch.set(oName, oc, "x-amz-content-sha256");
            Scratch.set(oLower, oc, "x-amz-content-sha256");
            Scratch.set(oValue, oc, payloadHash);
            oSigned[oc++] = true;
        }
        if (token != null) {
            Scratch.set(oName, oc, "X-Amz-Security-Token");
            Scratch.set(oLower, oc, "x-amz-security-token");
            Scratch.set(oValue, oc, token);
            oSigned[oc++] = tokenSigned;
        }
        if (mode.isStreaming()) {
            ChecksumAlgorithm checksum = settings.trailerChecksum;
            long encodedLength = ChunkedEncoder.encodedLength(decodedLength, settings.chunkSize, mode, checksum);
            String ce = headers.firstValue("content-encoding").orElse(null);
            Scratch.set(oName, oc, "Content-Encoding");
            Scratch.set(oLower, oc, "content-encoding");
            Scratch.set(oValue, oc, ce == null || ce.isBlank() ? "aws-chunked"
                    : hasAwsChunked(ce) ? ce.trim() : "aws-chunked," + ce.trim());
            oSigned[oc] = settings.policy.signs("content-encoding");
            oc++;
            Scratch.set(oName, oc, "Content-Length");
            Scratch.set(oLower, oc, "content-length");
            Scratch.set(oValue, oc, Long.toString(encodedLength));
            oSigned[oc] = settings.policy.signs("content-length");
            oc++;
            Scratch.set(oName, oc, "x-amz-decoded-content-length");
            Scratch.set(oLower, oc, "x-amz-decoded-content-length");
            Scratch.set(oValue, oc, Long.toString(decodedLength));
            oSigned[oc++] = true;
            if (mode.hasTrailer()) {
                Scratch.set(oName, oc, "x-amz-trailer");
                Scratch.set(oLower, oc, "x-amz-trailer");
                Scratch.set(oValue, oc, checksum.headerName());
                oSigned[oc++] = true;
            }
        }
        s.oCount = oc;

        List<Headers.Header> entries = headers.entries();
        s.ensureHeaderCapacity(entries.size() + oc);
        // entries the signer replaces or an old Authorization are dropped; the rest as the policy says
        int n = s.signPlan.apply(s, entries, settings.policy, oLower, oValue, oSigned, oc, false);
        String signedHeaders = s.lastSignedHeaders;
        OwnCanonical.computeHex(s, request.method(), request.rawPath(), normalize, doubleEncode,
                request.rawQuery().orElse(null), NO_STRINGS, NO_STRINGS, 0, n, signedHeaders, payloadHash,
                d.amzDate, key);
    }

    private static final int HAS_HOST = 1;
    private static final int HAS_CONTENT_SHA = 2;

    /** Whether the request has a Host and an x-amz-content-sha256 header, in one pass without an iterator. */
    private static int scanHeaders(List<Headers.Header> entries) {
        int has = 0;
        for (int i = 0, n = entries.size(); i < n; i++) {
            String name = entries.get(i).name();
            if (name.length() == 4 && name.equalsIgnoreCase("host")) {
                has |= HAS_HOST;
            } else if (name.length() == 20 && name.equalsIgnoreCase("x-amz-content-sha256")) {
                has |= HAS_CONTENT_SHA;
            }
        }
        return has;
    }

    private static boolean hasHost(List<Headers.Header> entries) {
        return (scanHeaders(entries) & HAS_HOST) != 0;
    }

    private static boolean hasAwsChunked(String contentEncoding) {
        for (String part : contentEncoding.split(",", -1)) {
            if (part.trim().equalsIgnoreCase("aws-chunked")) {
                return true;
            }
        }
        return false;
    }

    /** The presigner's own header: Host, when the request has none. */
    private static final String[] PRESIGN_HOST = {"host"};
    private static final boolean[] PRESIGN_HOST_SIGNED = {true};

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
        Headers headers = request.headers();
        String callerSha = CanonicalWriter.presignedContentSha(headers, rawQuery);
        String payloadHash = callerSha != null ? callerSha : payloadHash(request.payload(), mode);
        String token = creds.sessionToken().orElse(null);
        boolean tokenSigned = token != null && settings.tokenPlacement == SessionTokenPlacement.SIGNED;
        boolean addHost = !hasHost(headers.entries());

        String canonicalRequest = null;
        String stringToSign = null;
        String urlText;
        Headers sent;
        try (Scratch s = Scratch.open()) {
            presignCanonical(s, request, addHost, d, key, payloadHash, token, tokenSigned, expires);
            if (LOG.isDebugEnabled()) {
                canonicalRequest = s.creq.asString();
                stringToSign = s.sts.asString();
                LOG.debug("SigV4 presign canonical request:\n{}\nstring to sign:\n{}",
                        Redaction.redactSigningText(canonicalRequest), stringToSign);
            }
            // qv holds the parameters in canonical (sorted) order; the URL keeps the conventional order
            String encodedToken = token == null ? null : UriEncoding.encode(token, false);
            urlText = presignedUrl(s, request, rawQuery, s.qv, s.qc, encodedToken);
            sent = sentHeaders(s, request, headers, addHost);
        }
        int signatureTo = urlText.length(); // the URL ends with the 64 hex digits of the signature
        Instant expiration = now.plusSeconds(expires);
        if (canonicalRequest != null) {
            return PresignedUrl.builder()
                    .url(urlText)
                    .method(request.method())
                    .signedHeaders(sent)
                    .expiration(expiration)
                    .canonicalRequest(canonicalRequest)
                    .stringToSign(stringToSign)
                    .signature(urlText.substring(signatureTo - 64))
                    .build();
        }
        return BRIDGE.presignedUrl(urlText, request.method(), sent, expiration, signatureTo - 64,
                signatureTo, new PresignExplanation(this, request, addHost, d, key, payloadHash, token, tokenSigned, expires));
    }

    /**
     * The URL: the request's, then the parameters in the conventional order (algorithm,
     * credential, date, signed headers, expiry, token, signature); written into a reused byte
     * buffer when it is all ASCII (one allocation: the string).
     */
    private static String presignedUrl(Scratch s, SignableRequest request, String rawQuery, String[] qv, int qc,
                                       String encodedToken) {
        ByteBuf url = s.url;
        String path = request.rawPath();
        if (!isAscii(path) || (rawQuery != null && !isAscii(rawQuery))) {
            StringBuilder sb = new StringBuilder(256);
            sb.append(request.scheme()).append("://").append(request.host());
            if (request.port() != -1) {
                sb.append(':').append(request.port());
            }
            sb.append(path).append('?');
            if (rawQuery != null && !rawQuery.isEmpty()) {
                sb.append(rawQuery).append('&');
            }
            sb.append("X-Amz-Algorithm=").append(qv[0]).append("&X-Amz-Credential=").append(qv[1])
                    .append("&X-Amz-Date=").append(qv[2]).append("&X-Amz-SignedHeaders=").append(qv[qc - 1])
                    .append("&X-Amz-Expires=").append(qv[3]);
            if (encodedToken != null) {
                sb.append("&X-Amz-Security-Token=").append(encodedToken);
            }
            sb.append("&X-Amz-Signature=");
            for (int i = 0; i < 64; i++) {
                sb.append((char) s.sigHex[i]);
            }
            return sb.toString();
        }
        url.reset();
        url.append(request.scheme()).append("://").append(request.host());
        if (request.port() != -1) {
            url.append(':').append(Integer.toString(request.port()));
        }
        url.append(path).append('?');
        if (rawQuery != null && !rawQuery.isEmpty()) {
            url.append(rawQuery).append('&');
        }
        // the values are the instances the canonical query used: copied from the same cached bytes
        url.append(Q_ALGORITHM);
        s.appendCached(url, Scratch.QUERY_SLOTS + 1, qv[0]);
        url.append(Q_CREDENTIAL);
        s.appendCached(url, Scratch.QUERY_SLOTS + 3, qv[1]);
        url.append(Q_DATE);
        s.appendCached(url, Scratch.QUERY_SLOTS + 5, qv[2]);
        url.append(Q_SIGNED_HEADERS);
        s.appendCached(url, Scratch.QUERY_SLOTS + 2 * (qc - 1) + 1, qv[qc - 1]);
        url.append(Q_EXPIRES);
        s.appendCached(url, Scratch.QUERY_SLOTS + 7, qv[3]);
        if (encodedToken != null) {
            url.append(Q_TOKEN).append(encodedToken);
        }
        url.append(Q_SIGNATURE).append(s.sigHex, 0, 64);
        String text = new String(url.buf, 0, url.len, java.nio.charset.StandardCharsets.ISO_8859_1);
        url.reset();
        return text;
    }

    private static boolean isAscii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static final byte[] Q_ALGORITHM = ascii("X-Amz-Algorithm=");
    private static final byte[] Q_CREDENTIAL = ascii("&X-Amz-Credential=");
    private static final byte[] Q_DATE = ascii("&X-Amz-Date=");
    private static final byte[] Q_SIGNED_HEADERS = ascii("&X-Amz-SignedHeaders=");
    private static final byte[] Q_EXPIRES = ascii("&X-Amz-Expires=");
    private static final byte[] Q_TOKEN = ascii("&X-Amz-Security-Token=");
    private static final byte[] Q_SIGNATURE = ascii("&X-Amz-Signature=");

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Collects the signed headers of a presign, writes its canonical request and string to sign
     * into the scratch buffers and leaves the hex signature in {@code s.sigHex}. Leaves the added query parameters in
     * {@code s.qn/s.qv} (canonical order, count {@code s.qc}) and marks the request entries that
     * are not signed in {@code s.drop} (count {@code s.dropCount}).
     */
    private void presignCanonical(Scratch s, SignableRequest request, boolean addHost, Dates d, SigningKey key,
                                    String payloadHash, String token, boolean tokenSigned, long expires) {
        Headers headers = request.headers();
        List<Headers.Header> entries = headers.entries();
        s.ensureHeaderCapacity(entries.size() + 1);
        // every entry the policy does not sign is dropped: the URL's client sends exactly the signed ones
        String[] oValue = s.oValue;
        int oc = 0;
        if (addHost) {
            Scratch.set(oValue, oc++, request.hostHeaderValue());
        }
        int n = s.presignPlan.apply(s, entries, settings.policy, PRESIGN_HOST, oValue, PRESIGN_HOST_SIGNED, oc, true);
        String signedHeaders = s.lastSignedHeaders;

        // in canonical (sorted) order
        String[] qn = s.qn;
        String[] qv = s.qv;
        int qc = 0;
        Scratch.set(qn, qc, "X-Amz-Algorithm");
        Scratch.set(qv, qc++, SigV4Core.ALGORITHM);
        Scratch.set(qn, qc, "X-Amz-Credential");
        Scratch.set(qv, qc++, key.encodedCredential);
        Scratch.set(qn, qc, "X-Amz-Date");
        Scratch.set(qv, qc++, d.amzDate);
        Scratch.set(qn, qc, "X-Amz-Expires");
        Scratch.set(qv, qc++, s.expiresText(expires));
        if (tokenSigned) {
            Scratch.set(qn, qc, "X-Amz-Security-Token");
            Scratch.set(qv, qc++, UriEncoding.encode(token, false));
        }
        Scratch.set(qn, qc, "X-Amz-SignedHeaders");
        Scratch.set(qv, qc++, s.encodedSignedHeaders());
        s.qc = qc;
        OwnCanonical.computeHex(s, request.method(), request.rawPath(), normalize, doubleEncode,
                request.rawQuery().orElse(null), qn, qv, qc, n, signedHeaders, payloadHash, d.amzDate, key);
    }

    /** The headers a presigned URL must be sent with: the added Host, then the signed entries. */
    private static Headers sentHeaders(Scratch s, SignableRequest request, Headers headers, boolean addHost) {
        List<Headers.Header> entries = headers.entries();
        int size = entries.size();
        boolean[] drop = s.drop;
        if (!addHost && s.dropCount == 0) {
            return headers;
        }
        if (addHost && size == 0) {
            // the usual presign: a request without headers to the same host as the last one on this
            // thread gets the same immutable Host-only headers
            Headers.Header host = s.header("Host", request.hostHeaderValue());
            if (host != s.lastHostOnlyHeader) {
                s.lastHostOnlyHeaders = BRIDGE.headers(new Headers.Header[] {host});
                s.lastHostOnlyHeader = host;
            }
            return s.lastHostOnlyHeaders;
        }
        Headers.Header[] out = new Headers.Header[size - s.dropCount + (addHost ? 1 : 0)];
        int k = 0;
        if (addHost) {
            out[k++] = s.header("Host", request.hostHeaderValue());
        }
        for (int i = 0; i < size; i++) {
            if (!drop[i]) {
                out[k++] = entries.get(i);
            }
        }
        return BRIDGE.headers(out);
    }

    /** Recomputes the canonical request and string to sign of a presigned URL when they are read. */
    private static final class PresignExplanation implements java.util.function.Function<Boolean, String> {
        private final SigV4SigningEngine engine;
        private final SignableRequest request;
        private final boolean addHost;
        private final Dates dates;
        private final SigningKey key;
        private final String payloadHash;
        private final String token;
        private final boolean tokenSigned;
        private final long expires;
        private String canonicalRequest;
        private String stringToSign;

        PresignExplanation(SigV4SigningEngine engine, SignableRequest request, boolean addHost, Dates dates,
                           SigningKey key, String payloadHash, String token, boolean tokenSigned, long expires) {
            this.engine = engine;
            this.request = request;
            this.addHost = addHost;
            this.dates = dates;
            this.key = key;
            this.payloadHash = payloadHash;
            this.token = token;
            this.tokenSigned = tokenSigned;
            this.expires = expires;
        }

        @Override
        public synchronized String apply(Boolean wantCanonicalRequest) {
            if (canonicalRequest == null) {
                try (Scratch s = Scratch.open()) {
                    engine.presignCanonical(s, request, addHost, dates, key, payloadHash, token, tokenSigned, expires);
                    canonicalRequest = s.creq.asString();
                    stringToSign = s.sts.asString();
                }
            }
            return wantCanonicalRequest ? canonicalRequest : stringToSign;
        }
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
            String name;
            try {
                name = UriEncoding.decode(rawQuery.substring(start, eq < 0 || eq > end ? end : eq), true);
            } catch (MalformedTextException e) {
                throw e.in("query");
            }
            if (Ascii.equalsIgnoreCase(name, "X-Amz-Signature")
                    || Ascii.equalsIgnoreCase(name, "X-Amz-Credential")
                    || Ascii.equalsIgnoreCase(name, "X-Amz-Algorithm")) {
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
