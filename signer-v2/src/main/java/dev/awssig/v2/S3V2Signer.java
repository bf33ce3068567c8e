package dev.awssig.v2;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.S3Location;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.internal.ApiAccess;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.PresignExpiry;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v2.internal.HttpDates;
import dev.awssig.v2.internal.Macs;
import dev.awssig.internal.MalformedTextException;
import dev.awssig.v2.internal.Params;
import dev.awssig.v2.internal.Received;
import dev.awssig.v2.internal.S3Canonicalizer;
import dev.awssig.v2.internal.Text;
import dev.awssig.internal.Redaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 Signature Version 2: signs with the {@code Authorization: AWS AccessKeyId:Signature} header
 * and presigns URLs with {@code AWSAccessKeyId}, {@code Expires} and {@code Signature} query
 * parameters (query-string authentication).
 *
 * <p>The string to sign is {@code Verb \n Content-MD5 \n Content-Type \n Date \n
 * CanonicalizedAmzHeaders CanonicalizedResource}, HMAC-SHA1 with the secret key, Base64:
 * <ul>
 *   <li>{@code x-amz-*} headers are lower-cased, sorted, their values trimmed and the values of
 *       a repeated header joined with {@code ,}; a presigned URL's {@code x-amz-*} query
 *       parameters are signed as headers too (so an {@code x-amz-security-token} query parameter
 *       is signed with its decoded value), as S3 reads them in query-string authentication only:
 *       {@link #sign} refuses a request with an {@code x-amz-*} query parameter, and
 *       {@link #presign} one that has the same {@code x-amz-*} name as a header and a query
 *       parameter;</li>
 *   <li>an {@code x-amz-date} header empties the Date line; when the request has neither
 *       {@code Date} nor {@code x-amz-date}, the signer adds {@code Date} (RFC 1123, from the
 *       config clock); for a presigned URL the Date line is {@code Expires};</li>
 *   <li>the resource is the raw path, prefixed with {@code /bucket} when the Host names the
 *       bucket (virtual-hosted AWS endpoint, configured suffix, or CNAME; see
 *       {@link V2Options}), followed by the signed sub-resources sorted by name with their
 *       values decoded.</li>
 * </ul>
 *
 * <p>Session credentials add {@code x-amz-security-token} (a header when signing, a query
 * parameter when presigning) unless the request already carries one, header or query
 * parameter; one already present (a DevPay token, say) is signed as it is.
 *
 * <p>Request text must be well-formed: a query with a {@code %} not followed by two ASCII hex
 * digits, escapes that are not UTF-8, or a lone UTF-16 surrogate in the path, the query or a
 * signed header value is refused with an {@link IllegalArgumentException} naming the field (it
 * used to be signed as {@code ?}).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class S3V2Signer implements Signer, Presigner {
    private static final Logger LOG = LoggerFactory.getLogger(S3V2Signer.class);
    private static final String TOKEN = "x-amz-security-token";

    private final CredentialsProvider credentials;
    private final Clock clock;
    /** The config's region, for {@link #presign(S3Location, Duration)}; null when it names none. */
    private final String region;
    private final S3Canonicalizer canonicalizer;
    private final PresignExpiry expiry;
    private final PresignExpiry.Presign presignStep = this::presign;
    /** The last expiry and its decimal text; written only when the expiry changes. */
    private volatile ExpiresText lastExpires;
    /** The last Date header added; written only when the second changes. */
    private volatile Headers.Header lastDate;
    /** The last access key id and its percent-encoded form, {@code {id, encoded}} (not secret). */
    private volatile String[] lastAccessKeyId;

    private S3V2Signer(SigningConfig config) {
        this.credentials = config.requireCredentialsProvider();
        this.clock = config.clock();
        this.region = config.region().orElse(null);
        this.canonicalizer = new S3Canonicalizer(config);
        this.expiry = PresignExpiry.of(config);
    }

    /**
     * A signer with a config's credentials provider, clock and {@link V2Options}; region and
     * service are not used by SigV2.
     *
     * @param config the config
     * @return the signer
     * @throws IllegalArgumentException if the config has no credentials provider or a bad option
     * @since 0.1.0
     */
    public static S3V2Signer create(SigningConfig config) {
        return new S3V2Signer(Objects.requireNonNull(config, "config"));
    }

    /**
     * {@link Algorithms#SIGV2_S3}.
     *
     * @return {@code AWS-S3-V2}
     * @since 0.1.0
     */
    @Override
    public String algorithm() {
        return Algorithms.SIGV2_S3;
    }

    /**
     * Signs with the {@code Authorization} header (replacing any), adding {@code Date} and
     * {@code x-amz-security-token} as described in the class documentation.
     *
     * @param request the request
     * @return the signed request, with the string to sign
     * @since 0.1.0
     */
    @Override
    public SignedRequest sign(SignableRequest request) {
        Objects.requireNonNull(request, "request");
        // what the server sees on the wire: a raw space or non-ASCII character is sent encoded
        request = UriEncoding.withLegalUri(request);
        Credentials c = credentials.resolveCredentials();
        Params query = Params.parse(request.rawQuery().orElse(null));
        if (query.indexOf("Signature") >= 0 && query.indexOf("AWSAccessKeyId") >= 0) {
            throw new IllegalArgumentException("request: already carries query-string authentication"
                    + " (AWSAccessKeyId/Signature parameters); sign it with one mechanism only");
        }
        for (int i = 0, n = query.size(); i < n; i++) {
            if (isAmz(query.name(i))) {
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
        ApiAccess.Bridge bridge = ApiAccess.bridge();
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
     * Presigns a request with {@code AWSAccessKeyId}, {@code Expires} and {@code Signature}
     * query parameters (and the session token, as described in the class documentation).
     * Characters a URI cannot hold in the path or query (a space, non-ASCII) are percent-encoded
     * once, and signed as sent.
     *
     * @param request the request (the headers given are the ones the client will send)
     * @param expiresIn how long the URL stays valid
     * @return the presigned URL
     * @throws IllegalArgumentException if the expiry is not positive or the request already
     *     carries authentication
     * @since 0.1.0
     */
    @Override
    public PresignedUrl presign(SignableRequest request, Duration expiresIn) {
        Objects.requireNonNull(request, "request");
        return expiry.presign(request, expiresIn, presignStep);
    }

    private PresignedUrl presign(SignableRequest request, Credentials c, Duration expiresIn) {
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
            amzParameters = isAmz(query.name(i));
        }
        List<Headers.Header> entries = headers.entries();
        for (int i = 0, n = entries.size(); i < n; i++) {
            String name = entries.get(i).name();
            if (amzParameters && isAmz(name)) {
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
        return ApiAccess.bridge().presignedUrl(urlText, method, sent, expiration, signature,
                ignored -> canon.stringToSign(method, headers, hostHeader, path, q, expiresText));
    }

    private static boolean isAmz(String name) {
        return name.length() > 6 && name.regionMatches(true, 0, "x-amz-", 0, 6);
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

    /**
     * Presigns a {@code GET} of an S3 location on the S3 endpoint of the config's region
     * ({@code s3.amazonaws.com} when the config names no region or {@code us-east-1}); for
     * another method or endpoint use {@link #presign(String, S3Location, S3Location.Endpoint, Duration)}.
     *
     * @param location the bucket, key and optional version
     * @param expiresIn how long the URL stays valid
     * @return the presigned URL
     * @since 0.2.0
     */
    public PresignedUrl presign(S3Location location, Duration expiresIn) {
        return presign("GET", location, S3Location.Endpoint.region(region == null ? "us-east-1" : region), expiresIn);
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
                || (n.length() > 6 && n.regionMatches(true, 0, "x-amz-", 0, 6));
    }

    /**
     * Unfolds a header value received with obs-fold line continuations (RFC 2616 section 4.2,
     * RFC 7230 section 3.2.4), as S3's canonicalization asks: each run of whitespace that contains
     * a line break becomes one space; leading and trailing whitespace is removed. {@link Headers}
     * cannot hold CR or LF, so a folded value must be unfolded with this method before it is put
     * into a request.
     *
     * @param rawValue the value as read from the wire, possibly with CRLF + whitespace folds
     * @return the unfolded value (the same instance when there is nothing to change)
     * @since 0.1.0
     */
    public static String unfoldHeaderValue(String rawValue) {
        Objects.requireNonNull(rawValue, "rawValue");
        int n = rawValue.length();
        boolean fold = false;
        for (int i = 0; i < n && !fold; i++) {
            char c = rawValue.charAt(i);
            fold = c == '\r' || c == '\n';
        }
        if (!fold) {
            return trimOws(rawValue);
        }
        StringBuilder sb = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = rawValue.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                int j = i;
                boolean lineBreak = false;
                while (j < n) {
                    char d = rawValue.charAt(j);
                    if (d == '\r' || d == '\n') {
                        lineBreak = true;
                    } else if (d != ' ' && d != '\t') {
                        break;
                    }
                    j++;
                }
                if (lineBreak) {
                    sb.append(' ');
                } else {
                    sb.append(rawValue, i, j);
                }
                i = j;
            } else {
                sb.append(c);
                i++;
            }
        }
        return trimOws(sb.toString());
    }

    private static String trimOws(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return a == 0 && b == s.length() ? s : s.substring(a, b);
    }

    @Override
    public String toString() {
        return "S3V2Signer[" + credentials.describe() + ", " + clock + "]";
    }
}
