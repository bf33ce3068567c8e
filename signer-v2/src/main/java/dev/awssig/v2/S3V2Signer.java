package dev.awssig.v2;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v2.internal.HttpDates;
import dev.awssig.v2.internal.Macs;
import dev.awssig.v2.internal.Params;
import dev.awssig.v2.internal.S3Canonicalizer;
import dev.awssig.v2.internal.V2Logging;
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
 *       a repeated header joined with {@code ,}; {@code x-amz-*} query parameters are signed as
 *       headers too (so an {@code x-amz-security-token} query parameter is signed with its decoded
 *       value);</li>
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
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class S3V2Signer implements Signer, Presigner {
    private static final Logger LOG = LoggerFactory.getLogger(S3V2Signer.class);
    private static final String TOKEN = "x-amz-security-token";

    private final CredentialsProvider credentials;
    private final Clock clock;
    private final S3Canonicalizer canonicalizer;

    private S3V2Signer(SigningConfig config) {
        this.credentials = config.requireCredentialsProvider();
        this.clock = config.clock();
        this.canonicalizer = new S3Canonicalizer(config);
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
        Credentials c = credentials.resolveCredentials();
        Params query = Params.parse(request.rawQuery().orElse(null));
        if (query.indexOf("Signature") >= 0 && query.indexOf("AWSAccessKeyId") >= 0) {
            throw new IllegalArgumentException("request: already carries query-string authentication"
                    + " (AWSAccessKeyId/Signature parameters); sign it with one mechanism only");
        }
        Headers headers = request.headers();
        String date = null;
        String amzDate = null;
        boolean hasToken = query.indexOfIgnoreCase(TOKEN) >= 0;
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
        String sts = canonicalizer.stringToSign(request.method(), headers, host, request.rawPath(), query, null,
                addedDate, addedToken);
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV2 S3 string to sign:\n{}", V2Logging.redactS3StringToSign(sts));
        }
        String signature = Macs.base64Hmac(Crypto.HMAC_SHA1, c.secretAccessKey(), sts);
        String keyId = c.accessKeyId();
        String authorization = new StringBuilder(5 + keyId.length() + signature.length())
                .append("AWS ").append(keyId).append(':').append(signature).toString();
        SignableRequest.Builder b = request.toBuilder();
        if (addedDate != null) {
            b.header("Date", addedDate);
        }
        if (addedToken != null) {
            b.header(TOKEN, addedToken);
        }
        if (hasAuthorization) {
            b.removeHeader("Authorization");
        }
        SignableRequest signed = b.header("Authorization", authorization).build();
        return SignedRequest.builder()
                .request(signed)
                .algorithm(Algorithms.SIGV2_S3)
                .signature(signature)
                .stringToSign(sts)
                .signingTime(signingTime)
                .build();
    }

    /**
     * Presigns: appends {@code AWSAccessKeyId}, {@code Expires} (the config clock's epoch second
     * plus {@code expiresIn}, rounded up to a whole second) and {@code Signature} (URL-encoded)
     * to the query, and, for session credentials, {@code x-amz-security-token} (URL-encoded in the
     * URL, decoded in the string to sign) unless the query already has one.
     *
     * @param request the request: method, URI, and the headers the client will send
     *        ({@code Content-MD5}, {@code Content-Type} and {@code x-amz-*} are signed)
     * @param expiresIn how long the URL stays valid, positive
     * @return the presigned URL; {@link PresignedUrl#signedHeaders()} lists the headers the
     *         client must send with it
     * @throws IllegalArgumentException if {@code expiresIn} is not positive or the query already
     *         carries authentication parameters
     * @since 0.1.0
     */
    @Override
    public PresignedUrl presign(SignableRequest request, Duration expiresIn) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expiresIn, "expiresIn");
        if (expiresIn.isNegative() || expiresIn.isZero()) {
            throw new IllegalArgumentException("expiresIn: must be positive, was " + expiresIn);
        }
        String rawQuery = request.rawQuery().orElse(null);
        Params query = Params.parse(rawQuery);
        for (String p : new String[] {"AWSAccessKeyId", "Expires", "Signature"}) {
            if (query.indexOf(p) >= 0) {
                throw new IllegalArgumentException("request: query already has a '" + p
                        + "' parameter; presign a request without authentication parameters");
            }
        }
        Headers headers = request.headers();
        if (headers.contains("Authorization")) {
            throw new IllegalArgumentException("request: has an Authorization header; a presigned URL"
                    + " carries its authentication in the query only");
        }
        Credentials c = credentials.resolveCredentials();
        Instant now = clock.instant();
        long seconds = expiresIn.getSeconds() + (expiresIn.getNano() > 0 ? 1 : 0);
        long expires;
        try {
            expires = Math.addExact(now.getEpochSecond(), seconds);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expiresIn: too large (" + expiresIn + ")");
        }
        String expiresText = Long.toString(expires);
        StringBuilder q = new StringBuilder(rawQuery == null ? 160 : rawQuery.length() + 160);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            q.append(rawQuery).append('&');
        }
        String token = c.sessionToken().orElse(null);
        if (token != null && query.indexOfIgnoreCase(TOKEN) < 0 && !headers.contains(TOKEN)) {
            q.append(TOKEN).append('=');
            UriEncoding.appendEncoded(q, token, false);
            q.append('&');
            query = Params.parse(q.substring(0, q.length() - 1));
        }
        String host = headers.firstValue("Host").orElse(null);
        if (host == null) {
            host = request.hostHeaderValue();
        }
        String sts = canonicalizer.stringToSign(request.method(), headers, host, request.rawPath(), query,
                expiresText);
        if (LOG.isDebugEnabled()) {
            LOG.debug("SigV2 S3 query-string string to sign:\n{}", V2Logging.redactS3StringToSign(sts));
        }
        String signature = Macs.base64Hmac(Crypto.HMAC_SHA1, c.secretAccessKey(), sts);
        q.append("AWSAccessKeyId=");
        UriEncoding.appendEncoded(q, c.accessKeyId(), false);
        q.append("&Expires=").append(expiresText).append("&Signature=");
        UriEncoding.appendEncoded(q, signature, false);
        String url = url(request, q);
        return PresignedUrl.builder()
                .url(url)
                .method(request.method())
                .signedHeaders(signedHeaders(headers))
                .expiration(Instant.ofEpochSecond(expires))
                .stringToSign(sts)
                .signature(signature)
                .build();
    }

    /** {@code scheme://host[:port]rawPath?query}, as {@link SignableRequest#uri()} writes it. */
    private static String url(SignableRequest request, CharSequence query) {
        String host = request.host();
        String path = request.rawPath();
        StringBuilder sb = new StringBuilder(request.scheme().length() + host.length() + path.length()
                + query.length() + 16);
        sb.append(request.scheme()).append("://").append(host);
        if (request.port() != -1) {
            sb.append(':').append(request.port());
        }
        return sb.append(path).append('?').append(query).toString();
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

    @Override
    public String toString() {
        return "S3V2Signer[" + credentials.describe() + ", " + clock + "]";
    }
}
