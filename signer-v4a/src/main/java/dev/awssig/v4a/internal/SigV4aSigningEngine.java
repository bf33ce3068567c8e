package dev.awssig.v4a.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.internal.ApiAccess;
import dev.awssig.internal.Hex;
import dev.awssig.internal.Redaction;
import dev.awssig.internal.Timestamps;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.internal.Canonical;
import dev.awssig.v4.internal.CanonicalWriter;
import dev.awssig.v4a.RegionSet;
import dev.awssig.v4a.SigV4aOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SigV4a signer and presigner behind {@link dev.awssig.v4a.SigV4aSigner}: SigV4's canonical
 * request (signer-v4's canonicalization) with {@code X-Amz-Region-Set} signed, the string to sign
 * {@code AWS4-ECDSA-P256-SHA256\n<date>\n<date>/<service>/aws4_request\n<sha256(canonical request)>},
 * signed with ECDSA P-256 under the key derived from the credentials, the DER signature in hex.
 * Immutable and thread-safe; per-thread state lives in {@link Scratch}.
 */
public final class SigV4aSigningEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SigV4aSigningEngine.class);
    /** The trusted path into the request model (see {@link ApiAccess}), obtained once. */
    private static final ApiAccess.Bridge BRIDGE = ApiAccess.bridge();
    private static final String[] NO_STRINGS = new String[0];

    private final CredentialsProvider credentials;
    private final String service;
    private final RegionSet regionSet;
    private final String encodedRegionSet;
    private final Clock clock;
    private final Settings settings;
    private final boolean normalize;
    private final boolean doubleEncode;
    private final boolean isS3;
    private final EcKeys keys;
    private volatile Scope lastScope;

    /**
     * An engine for a config.
     *
     * @param config credentials, service, region or {@link SigV4aOptions#REGION_SET}, clock and options
     * @throws IllegalArgumentException if the credentials, service or region set is missing or an
     *     option is out of range
     */
    public SigV4aSigningEngine(SigningConfig config) {
        this(config, EcKeys.shared());
    }

    SigV4aSigningEngine(SigningConfig config, EcKeys keys) {
        this.credentials = config.requireCredentialsProvider();
        this.service = config.service().orElseThrow(() ->
                new IllegalArgumentException("service: is required for SigV4a signing"));
        this.settings = new Settings(config);
        RegionSet rs = settings.regionSet;
        if (rs == null) {
            String region = config.region().orElseThrow(() -> new IllegalArgumentException("region: SigV4a signs"
                    + " for a region set; set " + SigV4aOptions.REGION_SET.name() + " or the config's region"));
            rs = RegionSet.parse(region);
        }
        this.regionSet = rs;
        this.encodedRegionSet = UriEncoding.encode(rs.value(), false);
        this.clock = config.clock();
        this.normalize = settings.normalize(service);
        this.doubleEncode = settings.doubleEncode(service);
        this.isS3 = "s3".equals(service);
        this.keys = keys;
    }

    /**
     * The key pair, scope and {@code Authorization} prefix of a signature: kept for the last
     * credentials and date, as a signer signs with the same ones again and again.
     */
    private static final class Scope {
        final EcKeys.KeyPair key;
        final String dateStamp;
        final String scope;
        final String authorizationPrefix;
        final String encodedCredential;

        Scope(EcKeys.KeyPair key, String dateStamp, String service) {
            this.key = key;
            this.dateStamp = dateStamp;
            this.scope = dateStamp + '/' + service + "/aws4_request";
            this.authorizationPrefix = V4a.ALGORITHM + " Credential=" + key.accessKeyId + '/' + scope
                    + ", SignedHeaders=";
            this.encodedCredential = UriEncoding.encode(key.accessKeyId + '/' + scope, false);
        }
    }

    private Scope scope(Credentials c, String dateStamp) {
        Scope s = lastScope;
        if (s != null && s.dateStamp.equals(dateStamp) && s.key.matches(c.accessKeyId(), c.secretAccessKey())) {
            return s;
        }
        s = new Scope(keys.get(c.accessKeyId(), c.secretAccessKey()), dateStamp, service);
        lastScope = s;
        return s;
    }

    // ------------------------------------------------------------------ header signing

    /**
     * Signs with an {@code Authorization} header.
     *
     * @param request the request
     * @return the signed request
     */
    public SignedRequest sign(SignableRequest request) {
        Credentials creds = credentials.resolveCredentials();
        Instant now = clock.instant();
        String amzDate = Timestamps.amzDate(now);
        Scope scope = scope(creds, amzDate.substring(0, 8));
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
            payloadHash = V4a.literal(mode);
        } else {
            payloadHash = CanonicalWriter.payloadHash(payload, mode);
        }
        String token = creds.sessionToken().orElse(null);
        boolean shaHeader = mode.isStreaming()
                || (settings.contentShaHeader != null ? settings.contentShaHeader : isS3);
        boolean tokenSigned = token != null && settings.tokenPlacement == SessionTokenPlacement.SIGNED;

        Headers headers = request.headers();
        Own own = new Own(10);
        if (!hasHost(headers.entries())) {
            own.add("Host", "host", request.hostHeaderValue(), true);
        }
        own.add("X-Amz-Date", "x-amz-date", amzDate, true);
        own.add(V4a.REGION_SET_HEADER, V4a.REGION_SET_LOWER, regionSet.value(), true);
        if (shaHeader) {
            own.add("x-amz-content-sha256", "x-amz-content-sha256", payloadHash, true);
        }
        if (token != null) {
            own.add("X-Amz-Security-Token", "x-amz-security-token", token, tokenSigned);
        }
        ChecksumAlgorithm checksum = settings.trailerChecksum;
        if (mode.isStreaming()) {
            long encodedLength = ChunkedEncoder.encodedLength(decodedLength, settings.chunkSize, mode, checksum);
            String ce = headers.firstValue("content-encoding").orElse(null);
            own.add("Content-Encoding", "content-encoding", ce == null || ce.isBlank() ? "aws-chunked"
                    : hasAwsChunked(ce) ? ce.trim() : "aws-chunked," + ce.trim(), settings.policy.signs("content-encoding"));
            own.add("Content-Length", "content-length", Long.toString(encodedLength),
                    settings.policy.signs("content-length"));
            own.add("x-amz-decoded-content-length", "x-amz-decoded-content-length", Long.toString(decodedLength), true);
            if (mode.hasTrailer()) {
                own.add("x-amz-trailer", "x-amz-trailer", checksum.headerName(), true);
            }
        }

        String canonicalRequest;
        String stringToSign;
        String authorization;
        String signature;
        List<String> signedHeaderList;
        Headers.Header[] out;
        try (Scratch s = Scratch.open()) {
            List<Headers.Header> entries = headers.entries();
            int n = collect(s, entries, own, false);
            String[] distinct = distinct(s.names, n);
            String signedHeaders = String.join(";", distinct);
            signedHeaderList = List.of(distinct);
            writeCanonicalRequest(s, request, null, null, 0, n, signedHeaders, payloadHash);
            signature = signStringToSign(s, amzDate, scope);
            canonicalRequest = s.creq.asString();
            stringToSign = s.sts.asString();
            authorization = scope.authorizationPrefix + signedHeaders + ", Signature=" + signature;
            out = new Headers.Header[entries.size() + own.count + 1];
            int k = 0;
            for (int i = 0; i < entries.size(); i++) {
                if (!s.drop[i]) {
                    out[k++] = entries.get(i);
                }
            }
            for (int i = 0; i < own.count; i++) {
                out[k++] = new Headers.Header(own.name[i], own.value[i]);
            }
            out[k++] = new Headers.Header("Authorization", authorization);
            if (k < out.length) {
                out = java.util.Arrays.copyOf(out, k);
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV4a canonical request:\n{}\nstring to sign:\n{}",
                    Redaction.redactSigningText(canonicalRequest), stringToSign);
        }
        Payload outPayload = payload;
        if (mode.isStreaming()) {
            final long decoded = decodedLength;
            final int chunkSize = settings.chunkSize;
            final PayloadSigning m = mode;
            final String seed = signature;
            long encodedLength = ChunkedEncoder.encodedLength(decoded, chunkSize, mode, checksum);
            outPayload = Payload.ofStream(() -> new ChunkedEncoder(payload.openStream(), decoded, chunkSize, m,
                    checksum, scope.key.privateKey, amzDate, scope.scope, seed), encodedLength);
        }
        ApiAccess.Bridge bridge = BRIDGE;
        SignableRequest signed = bridge.withHeaders(request, bridge.headers(out), outPayload);
        return SignedRequest.builder()
                .request(signed)
                .algorithm(V4a.ALGORITHM)
                .signature(signature)
                .signedHeaders(signedHeaderList)
                .signingTime(now)
                .canonicalRequest(canonicalRequest)
                .stringToSign(stringToSign)
                .build();
    }

    /** The headers the signer sets: display name, lower-case name, value, whether signed. */
    static final class Own {
        final String[] name;
        final String[] lower;
        final String[] value;
        final boolean[] signed;
        int count;

        Own(int capacity) {
            name = new String[capacity];
            lower = new String[capacity];
            value = new String[capacity];
            signed = new boolean[capacity];
        }

        void add(String n, String l, String v, boolean s) {
            name[count] = n;
            lower[count] = l;
            value[count] = v;
            signed[count] = s;
            count++;
        }

        int indexOf(String l) {
            for (int i = 0; i < count; i++) {
                if (lower[i].equals(l)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * Collects the signed headers in canonical order into {@code s.names/s.values} and marks the
     * request entries left out of the result in {@code s.drop}; returns how many are signed.
     * Header signing leaves out the entries the signer sets itself and an old
     * {@code Authorization}; a presign leaves out every entry the policy does not sign (the URL's
     * client sends exactly the signed headers).
     */
    private int collect(Scratch s, List<Headers.Header> entries, Own own, boolean forPresign) {
        int size = entries.size();
        s.ensureHeaders(size + own.count);
        String[] lowers = new String[size + own.count];
        int n = 0;
        for (int i = 0; i < size; i++) {
            Headers.Header h = entries.get(i);
            String lower = Canonical.lower(h.name());
            boolean leaveOut;
            if (!forPresign && own.indexOf(lower) >= 0) {
                leaveOut = true;
            } else if (!settings.policy.signs(lower)) {
                leaveOut = forPresign || lower.equals("authorization");
            } else {
                leaveOut = false;
                lowers[n] = lower;
                s.order[n++] = i;
            }
            s.drop[i] = leaveOut;
        }
        for (int k = 0; k < own.count; k++) {
            if (own.signed[k]) {
                lowers[n] = own.lower[k];
                s.order[n++] = ~k;
            }
        }
        CanonicalWriter.sortHeaders(lowers, s.order, n);
        for (int j = 0; j < n; j++) {
            int src = s.order[j];
            s.names[j] = lowers[j];
            s.values[j] = src >= 0 ? entries.get(src).value() : own.value[~src];
        }
        return n;
    }

    /** The distinct names of a sorted run. */
    static String[] distinct(String[] sorted, int n) {
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || !sorted[i].equals(sorted[i - 1])) {
                d++;
            }
        }
        String[] out = new String[d];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || !sorted[i].equals(sorted[i - 1])) {
                out[k++] = sorted[i];
            }
        }
        return out;
    }

    /** Writes the canonical request into {@code s.creq}. */
    private void writeCanonicalRequest(Scratch s, SignableRequest request, String[] extraNames, String[] extraValues,
                                       int extraCount, int headerCount, String signedHeaders, String payloadHash) {
        CanonicalWriter c = s.creq;
        c.append(request.method()).append('\n');
        c.appendUri(request.rawPath(), normalize, doubleEncode).append('\n');
        c.appendQuery(request.rawQuery().orElse(null), extraCount == 0 ? NO_STRINGS : extraNames,
                extraCount == 0 ? NO_STRINGS : extraValues, extraCount, null, null).append('\n');
        c.appendHeaders(s.names, s.values, headerCount).append('\n');
        c.append(signedHeaders).append('\n');
        c.append(payloadHash);
    }

    /**
     * Writes the string to sign of the canonical request in {@code s.creq} into {@code s.sts}:
     * {@code AWS4-ECDSA-P256-SHA256\n<date>\n<scope>\n<hex sha256(canonical request)>}.
     */
    static void writeStringToSign(Scratch s, String amzDate, String scope) {
        s.hashCanonicalRequest();
        CanonicalWriter t = s.sts;
        t.append(V4a.STS_PREFIX, 0, V4a.STS_PREFIX.length).append(amzDate).append('\n').append(scope).append('\n')
                .appendHex(s.hash, 32);
    }

    /** The string to sign of {@code s.creq}, signed: the hex DER signature. */
    private static String signStringToSign(Scratch s, String amzDate, Scope scope) {
        writeStringToSign(s, amzDate, scope.scope);
        return Hex.encode(s.signStringToSign(scope.key.privateKey));
    }

    /** {@code headers.contains("host")} without an iterator. */
    static boolean hasHost(List<Headers.Header> entries) {
        for (int i = 0, n = entries.size(); i < n; i++) {
            String name = entries.get(i).name();
            if (name.length() == 4 && name.equalsIgnoreCase("host")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAwsChunked(String contentEncoding) {
        for (String part : contentEncoding.split(",", -1)) {
            if (part.trim().equalsIgnoreCase("aws-chunked")) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ presigning

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
        String amzDate = Timestamps.amzDate(now);
        Scope scope = scope(creds, amzDate.substring(0, 8));
        PayloadSigning mode = settings.payloadSigning != null ? settings.payloadSigning
                : (isS3 ? PayloadSigning.UNSIGNED : PayloadSigning.SIGNED);
        if (mode.isStreaming()) {
            throw new IllegalArgumentException(SigV4Options.PAYLOAD_SIGNING.name() + ": " + mode
                    + " cannot be used for a presigned URL");
        }
        String payloadHash = CanonicalWriter.payloadHash(request.payload(), mode);
        String token = creds.sessionToken().orElse(null);
        String encodedToken = token == null ? null : UriEncoding.encode(token, false);
        boolean tokenSigned = token != null && settings.tokenPlacement == SessionTokenPlacement.SIGNED;

        Headers headers = request.headers();
        boolean addHost = !hasHost(headers.entries());
        Own own = new Own(1);
        if (addHost) {
            own.add("Host", "host", request.hostHeaderValue(), true);
        }
        String canonicalRequest;
        String stringToSign;
        String signature;
        String encodedSignedHeaders;
        Headers sent;
        try (Scratch s = Scratch.open()) {
            List<Headers.Header> entries = headers.entries();
            int n = collect(s, entries, own, true);
            String signedHeaders = String.join(";", distinct(s.names, n));
            encodedSignedHeaders = UriEncoding.encode(signedHeaders, false);
            // in canonical (sorted) order
            String[] qn = new String[7];
            String[] qv = new String[7];
            int qc = 0;
            qn[qc] = "X-Amz-Algorithm";
            qv[qc++] = V4a.ALGORITHM;
            qn[qc] = "X-Amz-Credential";
            qv[qc++] = scope.encodedCredential;
            qn[qc] = "X-Amz-Date";
            qv[qc++] = amzDate;
            qn[qc] = "X-Amz-Expires";
            qv[qc++] = Long.toString(expires);
            qn[qc] = "X-Amz-Region-Set";
            qv[qc++] = encodedRegionSet;
            if (tokenSigned) {
                qn[qc] = "X-Amz-Security-Token";
                qv[qc++] = encodedToken;
            }
            qn[qc] = "X-Amz-SignedHeaders";
            qv[qc++] = encodedSignedHeaders;
            writeCanonicalRequest(s, request, qn, qv, qc, n, signedHeaders, payloadHash);
            signature = signStringToSign(s, amzDate, scope);
            canonicalRequest = s.creq.asString();
            stringToSign = s.sts.asString();
            sent = sentHeaders(s, request, entries, headers, addHost);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV4a presign canonical request:\n{}\nstring to sign:\n{}",
                    Redaction.redactSigningText(canonicalRequest), stringToSign);
        }
        StringBuilder url = new StringBuilder(256 + signature.length());
        url.append(request.scheme()).append("://").append(request.host());
        if (request.port() != -1) {
            url.append(':').append(request.port());
        }
        url.append(request.rawPath()).append('?');
        if (rawQuery != null && !rawQuery.isEmpty()) {
            url.append(rawQuery).append('&');
        }
        // the conventional order (aws-c-auth's): algorithm, credential, date, signed headers,
        // expiry, token, region set, signature
        url.append("X-Amz-Algorithm=").append(V4a.ALGORITHM)
                .append("&X-Amz-Credential=").append(scope.encodedCredential)
                .append("&X-Amz-Date=").append(amzDate)
                .append("&X-Amz-SignedHeaders=").append(encodedSignedHeaders)
                .append("&X-Amz-Expires=").append(expires);
        if (encodedToken != null) {
            url.append("&X-Amz-Security-Token=").append(encodedToken);
        }
        url.append("&X-Amz-Region-Set=").append(encodedRegionSet)
                .append("&X-Amz-Signature=").append(signature);
        return PresignedUrl.builder()
                .url(url.toString())
                .method(request.method())
                .signedHeaders(sent)
                .expiration(now.plusSeconds(expires))
                .canonicalRequest(canonicalRequest)
                .stringToSign(stringToSign)
                .signature(signature)
                .build();
    }

    /** The headers a presigned URL must be sent with: the added Host, then the signed entries. */
    private static Headers sentHeaders(Scratch s, SignableRequest request, List<Headers.Header> entries,
                                       Headers headers, boolean addHost) {
        int size = entries.size();
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!s.drop[i]) {
                kept++;
            }
        }
        if (!addHost && kept == size) {
            return headers;
        }
        Headers.Header[] out = new Headers.Header[kept + (addHost ? 1 : 0)];
        int k = 0;
        if (addHost) {
            out[k++] = new Headers.Header("Host", request.hostHeaderValue());
        }
        for (int i = 0; i < size; i++) {
            if (!s.drop[i]) {
                out[k++] = entries.get(i);
            }
        }
        return BRIDGE.headers(out);
    }

    private static void checkNotPresigned(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf("X-Amz-") < 0 && rawQuery.indexOf("x-amz-") < 0) {
            return;
        }
        for (String part : rawQuery.split("&", -1)) {
            int eq = part.indexOf('=');
            String name = UriEncoding.decode(eq < 0 ? part : part.substring(0, eq), true);
            if (name.equalsIgnoreCase("X-Amz-Signature") || name.equalsIgnoreCase("X-Amz-Credential")
                    || name.equalsIgnoreCase("X-Amz-Algorithm") || name.equalsIgnoreCase("X-Amz-Region-Set")) {
                throw new IllegalArgumentException("request: the query already has a '" + name
                        + "' parameter; presign the request without its old authentication");
            }
        }
    }

    /**
     * The region set this engine signs for.
     *
     * @return the set
     */
    public RegionSet regionSet() {
        return regionSet;
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "SigV4aSigningEngine[regionSet=" + regionSet + ", service=" + service + "]";
    }
}
