package dev.awssig.v2.internal;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.internal.ApiAccess;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.MalformedTextException;
import dev.awssig.internal.Redaction;
import dev.awssig.internal.UriEncoding;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@link dev.awssig.v2.S3V2Signer}: S3 SigV2 header signing and query-string
 * presigning, as that class documents them. The public class checks its arguments and applies the
 * presign-outlives-credentials policy; this class does the work. Immutable and thread-safe (the
 * cached texts are racy single checks of immutable values).
 */
public final class S3V2SigningEngine {
    private static final Logger LOG = LoggerFactory.getLogger(S3V2SigningEngine.class);
    /** The trusted path into the request model (see {@link ApiAccess}), obtained once. */
    private static final ApiAccess.Bridge BRIDGE = ApiAccess.bridge();
    private static final String TOKEN = "x-amz-security-token";
    private final CredentialsProvider credentials;
    private final Clock clock;
    private final S3Canonicalizer canonicalizer;

    /** The last expiry and its decimal text; written only when the expiry changes. */
    private volatile ExpiresText lastExpires;
    /** The last Date header added; written only when the second changes. */
    private volatile Headers.Header lastDate;
    /** The last access key id and its percent-encoded form, {@code {id, encoded}} (not secret). */
    private volatile String[] lastAccessKeyId;

    /**
     * An engine for a config's credentials provider, clock and {@link dev.awssig.v2.V2Options}.
     *
     * @param config the config
     * @throws IllegalArgumentException if the config has no credentials provider or a bad option
     */
    public S3V2SigningEngine(SigningConfig config) {
        this.credentials = config.requireCredentialsProvider();
        this.clock = config.clock();
        this.canonicalizer = new S3Canonicalizer(new Settings(config));
    }

    /**
     * Signs with the {@code Authorization} header (see {@link dev.awssig.v2.S3V2Signer#sign}).
     *
     * @param request the request, not null
     * @return the signed request
     */
    public SignedRequest sign(SignableRequest request) {
        // what the server sees on the wire: a raw space or non-ASCII character is sent encoded
        request = UriEncoding.withLegalUri(request);
        Credentials c = credentials.resolveCredentials();
        Params query = Params.parse(request.rawQuery().orElse(null));
        if (query.indexOf("Signature") >= 0 && query.indexOf("AWSAccessKeyId") >= 0) {
            throw new IllegalArgumentException("request: already carries query-string authentication"
                    + " (AWSAccessKeyId/Signature parameters); sign it with one mechanism only");
        }
        for (int i = 0, n = query.size(); i < n; i++) {
            if (S3Canonicalizer.isAmz(query.name(i))) {
                throw new IllegalArgumentException("query parameter '" + Checks.printable(query.name(i))
                        + "': x-amz-* values of a header-signed request are sent as headers (S3 signs x-amz-*"
                        + " query parameters only in presigned URLs); set it as a header");
            }
        }
        Headers headers = request.headers();
        String date = null;
        String amzDate = null;
        boolean hasToken = false;
        String host = null;
        boolean hasAuthorization = false;
        List<Headers.Header> entries = headers.entries();
        for (int i = 0, n = entries.size(); i < n; i++) {
            Headers.Header h = entries.get(i);
            String name = h.name();
            if (name.equalsIgnoreCase("date")) {
                date = h.value();
            } else if (name.equalsIgnoreCase("x-amz-date")) {
                amzDate = h.value();
            } else if (name.equalsIgnoreCase(TOKEN)) {
                hasToken = true;
            } else if (host == null && name.equalsIgnoreCase("host")) {
                host = h.value();
            } else if (name.equalsIgnoreCase("authorization")) {
                hasAuthorization = true;
            }
        }
        Instant now = clock.instant();
        Instant signingTime = now;
        String addedDate = null;
        if (date == null && amzDate == null) {
            addedDate = HttpDates.rfc1123(now);
        } else {
            Instant given = HttpDates.parseHttpDate(amzDate != null ? amzDate : date);
            if (given != null) {
                signingTime = given;
            }
        }
        String token = c.sessionToken().orElse(null);
        String addedToken = token != null && !hasToken ? token : null;
        if (host == null) {
            host = request.hostHeaderValue();
        }
        Macs.Buffers buffers = Macs.buffers();
        StringBuilder text = buffers.text();
        canonicalizer.appendStringToSign(text, request.method(), headers, host, request.rawPath(), query, null,
                addedDate, addedToken);
        String sts = null;
        if (LOG.isDebugEnabled()) {
            sts = text.toString();
            LOG.debug("SigV2 S3 string to sign:\n{}", Redaction.redactSigningText(sts));
        }
        String signature;
        try {
            signature = buffers.base64HmacOf(Crypto.HMAC_SHA1, c.secretAccessKey(), text, null);
        } catch (MalformedTextException e) {
            throw notText(request, e);
        } finally {
            if (token != null || hasToken) {
                buffers.wipe(); // the token went through the thread's buffers
            } else {
                text.setLength(0);
            }
            Macs.release(buffers);
        }
        String authorization = "AWS " + c.accessKeyId() + ':' + signature;

        // the signed request on the trusted path: every entry below is already validated
        int size = entries.size();
        int count = size + 1 + (addedDate != null ? 1 : 0) + (addedToken != null ? 1 : 0);
        if (hasAuthorization) {
            for (int i = 0; i < size; i++) {
                if (entries.get(i).name().equalsIgnoreCase("authorization")) {
                    count--;
                }
            }
        }
        Headers.Header[] out = new Headers.Header[count];
        int k = 0;
        for (int i = 0; i < size; i++) {
            Headers.Header h = entries.get(i);
            if (!hasAuthorization || !h.name().equalsIgnoreCase("authorization")) {
                out[k++] = h;
            }
        }
        if (addedDate != null) {
            out[k++] = dateHeader(addedDate);
        }
        if (addedToken != null) {
            out[k++] = new Headers.Header(TOKEN, addedToken);
        }
        ApiAccess.Bridge bridge = BRIDGE;
        // "AWS " + an access key id (an HTTP token, checked by Credentials) + ':' + Base64
        out[k] = bridge.trustedHeader("Authorization", authorization);
        SignableRequest signed = bridge.withHeaders(request, bridge.headers(out), request.payload());
        SignedRequest.Builder result = SignedRequest.builder()
                .request(signed)
                .algorithm(Algorithms.SIGV2_S3)
                .signature(signature)
                .signingTime(signingTime);
        if (sts != null) {
            return result.stringToSign(sts).build();
        }
        // built again only when read: the hot path does not pay for a string nobody asks for
        String method = request.method();
        String rawPath = request.rawPath();
        String hostHeader = host;
        Params q = query;
        String dateAdded = addedDate;
        String tok = addedToken;
        S3Canonicalizer canon = canonicalizer;
        return result.stringToSignSupplier(() -> canon.stringToSign(method, headers, hostHeader, rawPath, q, null,
                dateAdded, tok)).build();
    }

    /** The access key id percent-encoded, reused while the credentials keep the same id. */
    private String encodedAccessKeyId(String id) {
        String[] last = lastAccessKeyId;
        if (last != null && (last[0] == id || last[0].equals(id))) {
            return last[1];
        }
        String encoded = UriEncoding.encode(id, false);
        lastAccessKeyId = new String[] {id, encoded};
        return encoded;
    }

    /** The Date header for a date text, reused while the text stays the same. */
    private Headers.Header dateHeader(String text) {
        Headers.Header h = lastDate;
        if (h == null || h.value() != text) {
            h = new Headers.Header("Date", text);
            lastDate = h;
        }
        return h;
    }

    /**
     * Presigns with query-string authentication (see {@link dev.awssig.v2.S3V2Signer#presign}),
     * with credentials the caller resolved: the step of {@link dev.awssig.internal.PresignExpiry}.
     *
     * @param request the request, not null
     * @param c the credentials
     * @param expiresIn how long the URL stays valid
     * @return the presigned URL
     */
    public PresignedUrl presign(SignableRequest request, Credentials c, Duration expiresIn) {
        Objects.requireNonNull(expiresIn, "expiresIn");
        request = UriEncoding.withLegalUri(request);
        if (expiresIn.isNegative() || expiresIn.isZero()) {
            throw new IllegalArgumentException("expiresIn: must be positive, was " + expiresIn);
        }
        String rawQuery = request.rawQuery().orElse(null);
        Params query = Params.parse(rawQuery);
        if (query.size() > 0) {
            for (String p : new String[] {"AWSAccessKeyId", "Expires", "Signature"}) {
                if (query.indexOf(p) >= 0) {
                    throw new IllegalArgumentException("request: query already has a '" + p
                            + "' parameter; presign a request without authentication parameters");
                }
            }
        }
        Headers headers = request.headers();
        String host = null;
        boolean headerToken = false;
        boolean amzParameters = false;
        for (int i = 0, n = query.size(); i < n && !amzParameters; i++) {
            amzParameters = S3Canonicalizer.isAmz(query.name(i));
        }
        List<Headers.Header> entries = headers.entries();
        for (int i = 0, n = entries.size(); i < n; i++) {
            String name = entries.get(i).name();
            if (amzParameters && S3Canonicalizer.isAmz(name)) {
                requireNotInQuery(query, name);
            }
            if (name.equalsIgnoreCase("Authorization")) {
                throw new IllegalArgumentException("request: has an Authorization header; a presigned URL"
                        + " carries its authentication in the query only");
            } else if (name.equalsIgnoreCase(TOKEN)) {
                headerToken = true;
            } else if (host == null && name.equalsIgnoreCase("host")) {
                host = entries.get(i).value();
            }
        }
        Instant now = clock.instant();
        long seconds = expiresIn.getSeconds() + (expiresIn.getNano() > 0 ? 1 : 0);
        long expires;
        try {
            expires = Math.addExact(now.getEpochSecond(), seconds);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expiresIn: too large (" + expiresIn + ")");
        }
        ExpiresText cached = lastExpires;
        if (cached == null || cached.expires != expires) {
            cached = new ExpiresText(expires);
            lastExpires = cached;
        }
        String expiresText = cached.text;
        String uriHost = request.host();
        String path = request.rawPath();
        Macs.Buffers buffers = Macs.buffers();
        StringBuilder url = buffers.url();
        url.append(request.scheme()).append("://").append(uriHost);
        if (request.port() != -1) {
            url.append(':').append(request.port());
        }
        url.append(path).append('?');
        if (rawQuery != null && !rawQuery.isEmpty()) {
            url.append(rawQuery).append('&');
        }
        String token = c.sessionToken().orElse(null);
        if (token != null && !headerToken && query.indexOfIgnoreCase(TOKEN) < 0) {
            url.append(TOKEN).append('=').append(UriEncoding.encode(token, false)).append('&');
            query = query.with(TOKEN, token);
        }
        if (host == null) {
            host = request.hostHeaderValue();
        }
        StringBuilder text = buffers.text();
        canonicalizer.appendStringToSign(text, request.method(), headers, host, path, query, expiresText, null, null);
        String sts = null;
        if (LOG.isDebugEnabled()) {
            sts = text.toString();
            LOG.debug("SigV2 S3 query-string string to sign:\n{}", Redaction.redactSigningText(sts));
        }
        url.append("AWSAccessKeyId=").append(encodedAccessKeyId(c.accessKeyId()))
                .append("&Expires=").append(expiresText).append("&Signature=");
        boolean tokenSigned = token != null || headerToken || query.indexOfIgnoreCase(TOKEN) >= 0;
        String signature;
        String urlText;
        try {
            signature = buffers.base64HmacOf(Crypto.HMAC_SHA1, c.secretAccessKey(), text, url);
            urlText = url.toString();
        } catch (MalformedTextException e) {
            throw notText(request, e);
        } finally {
            if (tokenSigned) {
                buffers.wipe(); // the token went through the thread's buffers
            } else {
                text.setLength(0);
                url.setLength(0);
            }
            Macs.release(buffers);
        }
        Headers sent = signedHeaders(headers);
        Instant expiration = Instant.ofEpochSecond(expires);
        if (sts != null) {
            return PresignedUrl.builder()
                    .url(urlText)
                    .method(request.method())
                    .signedHeaders(sent)
                    .expiration(expiration)
                    .stringToSign(sts)
                    .signature(signature)
                    .build();
        }
        // the string to sign is built again only when read
        String method = request.method();
        String hostHeader = host;
        Params q = query;
        S3Canonicalizer canon = canonicalizer;
        return BRIDGE.presignedUrl(urlText, method, sent, expiration, signature,
                ignored -> canon.stringToSign(method, headers, hostHeader, path, q, expiresText));
    }

    /** Refuses an x-amz-* header that the query also carries (a presigned request has each in one place). */
    private static void requireNotInQuery(Params query, String headerName) {
        for (int i = 0, n = query.size(); i < n; i++) {
            String p = query.name(i);
            if (p.length() == headerName.length() && Received.asciiLower(p).equals(Received.asciiLower(headerName))) {
                throw new IllegalArgumentException("header '" + headerName + "': the query also has it; a presigned"
                        + " request carries each x-amz-* value in one place (header or query parameter)");
            }
        }
    }

    /** The exception for a string to sign with a lone surrogate, naming the field it came from. */
    private static IllegalArgumentException notText(SignableRequest request, MalformedTextException e) {
        String where = Text.whereLoneSurrogate(request);
        return where == null ? e : new IllegalArgumentException(where + " is a lone UTF-16 surrogate (not valid"
                + " text; only well-formed Unicode can be signed)");
    }

    /** An expiry (epoch seconds) with its decimal text. Immutable. */
    private static final class ExpiresText {
        final long expires;
        final String text;

        ExpiresText(long expires) {
            this.expires = expires;
            this.text = Long.toString(expires);
        }
    }

    /** The headers a presigned URL's client must send: those that are part of the signature. */
    private static Headers signedHeaders(Headers headers) {
        int signed = 0;
        for (Headers.Header h : headers.entries()) {
            if (isSigned(h.name())) {
                signed++;
            }
        }
        if (signed == headers.size()) {
            return headers;
        }
        if (signed == 0) {
            return Headers.empty();
        }
        Headers.Builder b = Headers.builder();
        for (Headers.Header h : headers.entries()) {
            if (isSigned(h.name())) {
                b.add(h.name(), h.value());
            }
        }
        return b.build();
    }

    private static boolean isSigned(String n) {
        return n.equalsIgnoreCase("content-md5") || n.equalsIgnoreCase("content-type")
                || S3Canonicalizer.isAmz(n);
    }

    /**
     * The credentials provider and clock, for the public class's description (no secrets).
     *
     * @return the description
     */
    @Override
    public String toString() {
        return credentials.describe() + ", " + clock;
    }
}
