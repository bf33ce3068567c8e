package dev.awssig.servlet;

import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.BodyVerificationException;
import dev.awssig.Credentials;
import dev.awssig.CredentialsLookup;
import dev.awssig.SecretLookup;
import dev.awssig.SignerLookupException;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.StreamingVerifier;
import dev.awssig.VerificationException;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.servlet.internal.ErrorAnswer;
import dev.awssig.servlet.internal.Multipart;
import dev.awssig.servlet.internal.PostForms;
import dev.awssig.servlet.internal.Received;
import dev.awssig.servlet.internal.VerifiedBody;
import dev.awssig.servlet.internal.VerifiedRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta Servlet filter that lets through only requests authenticated as S3 authenticates
 * them, and answers the others as S3 does.
 *
 * <p>For each request it detects the scheme ({@link AuthScheme}): a SigV4 or SigV4a
 * {@code Authorization} header, a presigned URL (SigV4, SigV4a, SigV2), an {@code aws-chunked}
 * upload (signed chunks, signed chunks with a trailer, unsigned chunks with a trailer), a SigV2
 * header, a browser POST upload ({@code multipart/form-data} with a policy signed with SigV4 or
 * SigV2; needs {@code awssig-post-policy}), or none. It verifies the request with the verifier of
 * that algorithm found through {@link Signers} (so {@code awssig-signer-v4}, {@code -signer-v2},
 * {@code -signer-v4a} on the class path decide what is accepted), looking secrets up in the
 * application's {@link CredentialsLookup}: a key entry with a session token accepts only requests
 * that carry exactly that token ({@code InvalidToken} otherwise).
 *
 * <p>A rejected request is answered with S3's status and XML error ({@code Code}, {@code Message},
 * {@code RequestId}; for {@code SignatureDoesNotMatch} the {@code StringToSign} and
 * {@code CanonicalRequest} the server computed, with their bytes, as S3 returns them) and never
 * reaches the application. An accepted request reaches it wrapped: its body is the verified
 * payload, read as a stream and never buffered whole —
 * <ul>
 * <li>an aws-chunked body decoded, each chunk checked before its bytes are passed on, the final
 *   chunk and trailer before end-of-body; {@code x-amz-decoded-content-length} is its
 *   {@code Content-Length} and {@code aws-chunked} is gone from {@code Content-Encoding};</li>
 * <li>a body whose signed {@code x-amz-content-sha256} is a hash (and any body with a
 *   {@code Content-MD5}) digested as it streams: a mismatch fails the read that reaches the end,
 *   before those bytes and before end-of-body, with {@code XAmzContentSHA256Mismatch} /
 *   {@code BadDigest};</li>
 * <li>a POST upload's file part, after its fields were verified against the policy; the fields
 *   are in {@link #POST_UPLOAD_ATTRIBUTE}, the size range is enforced as the file streams.</li>
 * </ul>
 * A failure while the body is read is a {@link BodyVerificationException} (an
 * {@link IOException}) thrown to the application, which must then not commit what it stored;
 * when the application has not committed a response, the filter answers the failure itself
 * (and closes the connection). The request carries the attributes {@link #ACCESS_KEY_ID_ATTRIBUTE},
 * {@link #SCHEME_ATTRIBUTE}, {@link #SIGNED_HEADERS_ATTRIBUTE} and {@link #REQUEST_ID_ATTRIBUTE}; a
 * refused one {@link #REFUSAL_ATTRIBUTE}.
 *
 * <p>Anonymous requests are refused ({@code AccessDenied}) or let through marked
 * {@link AuthScheme#ANONYMOUS}, as {@link Builder#anonymous} says. Nothing secret is logged
 * (rejections at DEBUG: code and access key id). Immutable and thread-safe.
 *
 * <pre>{@code
 * VerifyingFilter filter = VerifyingFilter.builder()
 *         .secrets(SecretLookup.of(Map.of("AKIAEXAMPLE", secret)))
 *         .region("us-east-1")
 *         .build();
 * }</pre>
 *
 * @since 0.2.0
 */
public final class VerifyingFilter implements Filter {
    /** Request attribute: the access key id that signed the request ({@code String}). */
    public static final String ACCESS_KEY_ID_ATTRIBUTE = "dev.awssig.servlet.accessKeyId";
    /**
     * Request attribute: how it was authenticated ({@link AuthScheme}); on a refused request, the
     * scheme it was refused under.
     */
    public static final String SCHEME_ATTRIBUTE = "dev.awssig.servlet.scheme";
    /**
     * Request attribute: the headers the signature covers, lower-case ({@code List<String>}; for
     * a POST upload, empty: the policy covers the form's fields).
     */
    public static final String SIGNED_HEADERS_ATTRIBUTE = "dev.awssig.servlet.signedHeaders";
    /** Request attribute: a browser upload's fields and file name ({@link PostUpload}). */
    public static final String POST_UPLOAD_ATTRIBUTE = "dev.awssig.servlet.postUpload";
    /** Request attribute: the request id of this request, also sent as {@code x-amz-request-id}. */
    public static final String REQUEST_ID_ATTRIBUTE = "dev.awssig.servlet.requestId";
    /**
     * Request attribute, set when the filter refused the request (for an access log in front of
     * the filter): the failed {@link VerificationResult}, with S3's code and the access key id the
     * request named.
     */
    public static final String REFUSAL_ATTRIBUTE = "dev.awssig.servlet.refusal";

    private static final Logger LOG = LoggerFactory.getLogger(VerifyingFilter.class);
    private static final String NOT_SUPPORTED = "The authorization mechanism you have provided is not supported.";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final CredentialsLookup credentials;
    private final Clock clock;
    private final AnonymousRequests anonymous;
    private final VerificationLimits limits;
    private final String region;
    private final String service;
    private final Verifier v4;
    private final Verifier v4a;
    private final Verifier v2;
    private final PostForms post;

    private VerifyingFilter(Builder b) {
        this.credentials = b.credentials;
        this.clock = b.clock;
        this.anonymous = b.anonymous;
        this.limits = b.limits;
        this.region = b.region;
        this.service = b.service;
        Signers signers = b.signers != null ? b.signers : Signers.discover();
        SigningConfig.Builder c = SigningConfig.builder().service(service).option(VerificationLimits.OPTION, limits);
        if (region != null) {
            c.region(region);
        }
        SigningConfig config = c.build();
        this.v4 = verifier(signers, Algorithms.SIGV4, config);
        this.v4a = verifier(signers, Algorithms.SIGV4A, config);
        this.v2 = verifier(signers, Algorithms.SIGV2_S3, config);
        this.post = postPolicyPresent() ? new PostForms(region, service, limits) : null;
    }

    private static Verifier verifier(Signers signers, String algorithm, SigningConfig config) {
        try {
            return signers.verifier(algorithm, config);
        } catch (SignerLookupException absent) {
            LOG.debug("No verifier for {}: {}", algorithm, absent.getMessage());
            return null;
        }
    }

    private static boolean postPolicyPresent() {
        try {
            Class.forName("dev.awssig.post.PostPolicyEnforcer", false, VerifyingFilter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * A builder.
     *
     * @return a builder: no keys, any region, service {@code s3}, the system clock, anonymous
     *     requests refused, the default {@link VerificationLimits}, verifiers discovered
     * @since 0.2.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies the request and passes it on wrapped, or answers S3's error.
     *
     * @param request the request
     * @param response the response
     * @param chain the rest of the chain
     * @throws IOException from the chain, or when an answer cannot be written
     * @throws ServletException from the chain, or for a request that is not HTTP
     * @since 0.2.0
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(chain, "chain");
        if (!(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            throw new ServletException("VerifyingFilter verifies HTTP requests only");
        }
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String requestId = requestId();
        req.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        res.setHeader("x-amz-request-id", requestId);
        boolean head = "HEAD".equalsIgnoreCase(req.getMethod());
        Received received;
        try {
            received = Received.of(req);
        } catch (IllegalArgumentException e) {
            refuse(req, res, head, VerificationResult.failure(AuthError.INVALID_ARGUMENT, "The request cannot be read: "
                    + e.getMessage()), requestId, req.getContentLengthLong() != 0);
            return;
        }
        Instant now = clock.instant();
        VerifiedRequest verified;
        VerifiedBody body;
        try {
            Passed p = verify(req, received, now);
            verified = p.request;
            body = p.body;
        } catch (Refused r) {
            refuse(req, res, head, r.result, requestId, r.close);
            return;
        }
        try {
            chain.doFilter(verified, res);
        } catch (IOException | ServletException | RuntimeException e) {
            BodyVerificationException f = body.failure();
            if (f != null && !res.isCommitted()) {
                refuse(req, res, head, f.result(), requestId, true);
                return;
            }
            throw e;
        }
        BodyVerificationException f = body.failure();
        if (f != null && !res.isCommitted()) {
            refuse(req, res, head, f.result(), requestId, true);
        }
    }

    private void refuse(HttpServletRequest req, HttpServletResponse res, boolean head, VerificationResult r,
                        String requestId, boolean close) throws IOException {
        req.setAttribute(REFUSAL_ATTRIBUTE, r);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Refused {}: {} ({})", requestId, r.error().map(AuthError::code).orElse("?"),
                    r.accessKeyId().orElse("no access key id"));
        }
        ErrorAnswer.send(res, head, r, requestId, close);
    }

    private static String requestId() {
        long v = ThreadLocalRandom.current().nextLong();
        char[] c = new char[16];
        for (int i = 15; i >= 0; i--) {
            c[i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
        return new String(c);
    }

    /** A rejection inside the filter. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient VerificationResult result;
        final boolean close;

        Refused(VerificationResult result, boolean close) {
            super(null, null, false, false);
            this.result = result;
            this.close = close;
        }
    }

    private static Refused refused(AuthError error, String message, boolean close) {
        return new Refused(VerificationResult.failure(error, message), close);
    }

    /** An accepted request, wrapped, and its body. */
    private static final class Passed {
        final VerifiedRequest request;
        final VerifiedBody body;

        Passed(VerifiedRequest request, VerifiedBody body) {
            this.request = request;
            this.body = body;
        }
    }

    private Passed verify(HttpServletRequest req, Received received, Instant now) throws Refused, IOException {
        dev.awssig.Headers headers = received.request.headers();
        String rawQuery = received.request.rawQuery().orElse(null);
        boolean close = received.hasBody;
        String auth = headers.firstValue("authorization").orElse(null);
        String contentSha = headers.firstValue("x-amz-content-sha256").map(String::trim).orElse(null);
        AuthScheme scheme;
        Verifier verifier;
        if (auth != null) {
            String a = auth.trim();
            if (a.startsWith(Algorithms.SIGV4 + " ")) {
                scheme = streaming(contentSha, false);
                verifier = v4;
            } else if (a.startsWith(Algorithms.SIGV4A + " ")) {
                scheme = streaming(contentSha, true);
                verifier = v4a;
            } else if (a.startsWith("AWS ")) {
                scheme = AuthScheme.SIGV2_HEADER;
                verifier = v2;
            } else {
                throw refused(AuthError.INVALID_ARGUMENT, "Unsupported Authorization Type", close);
            }
        } else if (!Received.queryValues(rawQuery, "X-Amz-Algorithm", true).isEmpty()) {
            boolean ecdsa = Received.queryValues(rawQuery, "X-Amz-Algorithm", true).contains(Algorithms.SIGV4A);
            scheme = ecdsa ? AuthScheme.SIGV4A_PRESIGNED : AuthScheme.SIGV4_PRESIGNED;
            verifier = ecdsa ? v4a : v4;
        } else if (!Received.queryValues(rawQuery, "AWSAccessKeyId", false).isEmpty()
                || !Received.queryValues(rawQuery, "Signature", false).isEmpty()) {
            scheme = AuthScheme.SIGV2_PRESIGNED;
            verifier = v2;
        } else if ("POST".equals(req.getMethod()) && Multipart.boundary(req.getContentType()) != null) {
            return verifyPost(req, received, now);
        } else {
            if (anonymous == AnonymousRequests.REFUSE) {
                throw refused(AuthError.ACCESS_DENIED, "Access Denied", close);
            }
            return pass(req, received, AuthScheme.ANONYMOUS, null, List.of(), null);
        }
        req.setAttribute(SCHEME_ATTRIBUTE, scheme); // also on a refusal: the scheme it was refused under
        if (verifier == null) {
            throw refused(AuthError.INVALID_REQUEST, NOT_SUPPORTED + " (no verifier for it on this server)", close);
        }
        if (contentSha != null && contentSha.startsWith("STREAMING-") && !scheme.isStreaming()) {
            // an aws-chunked literal of the other algorithm: verify() would not read the body chunk by chunk
            throw refused(AuthError.INVALID_REQUEST, "x-amz-content-sha256 names an aws-chunked mode of another"
                    + " algorithm than the Authorization header's", close);
        }
        String token = sessionToken(headers, rawQuery, scheme);
        SecretLookup secrets = credentials.secretsFor(token);
        List<String> signed = signedHeaders(scheme, auth, rawQuery, headers);
        if (scheme.isStreaming()) {
            if (!(verifier instanceof StreamingVerifier)) {
                throw refused(AuthError.INVALID_REQUEST, NOT_SUPPORTED + " (aws-chunked)", close);
            }
            InputStream decoded;
            try {
                decoded = ((StreamingVerifier) verifier).verifyStreaming(received.request, secrets, now,
                        req.getInputStream());
            } catch (VerificationException e) {
                throw new Refused(tokenAware(e.result()), close);
            }
            long decodedLength;
            try {
                decodedLength = Long.parseLong(headers.firstValue("x-amz-decoded-content-length").orElse("").trim());
            } catch (NumberFormatException e) {
                throw refused(AuthError.INVALID_REQUEST, "x-amz-decoded-content-length must be a number", close);
            }
            VerifiedBody body = new VerifiedBody(decoded, decodedLength);
            String md5 = headers.firstValue("content-md5").orElse(null);
            if (md5 != null) {
                body.md5(md5);
                checkMd5(body, close);
            }
            VerifiedRequest wrapped = new VerifiedRequest(req, body, decodedLength);
            wrapped.override("content-encoding", withoutAwsChunked(headers.values("content-encoding")));
            String accessKeyId = credentialId(auth);
            attributes(wrapped, accessKeyId, scheme, signed, null);
            return new Passed(wrapped, body);
        }
        VerificationResult r = tokenAware(verifier.verify(received.withBody(), secrets, now));
        if (!r.isValid()) {
            throw new Refused(r, close);
        }
        String sha = null;
        if (contentSha != null && contentSha.length() == 64 && isHex(contentSha) && scheme != AuthScheme.SIGV2_HEADER
                && scheme != AuthScheme.SIGV2_PRESIGNED) {
            sha = contentSha;
        }
        return pass(req, received, scheme, r.accessKeyId().orElseThrow(), signed, sha);
    }

    private Passed pass(HttpServletRequest req, Received received, AuthScheme scheme, String accessKeyId,
                        List<String> signed, String sha256) throws Refused, IOException {
        InputStream source = received.hasBody ? req.getInputStream() : InputStream.nullInputStream();
        VerifiedBody body = new VerifiedBody(source, received.hasBody ? received.contentLength : 0);
        if (sha256 != null && received.hasBody) {
            body.sha256(sha256);
        }
        String md5 = received.request.headers().firstValue("content-md5").orElse(null);
        if (md5 != null && received.hasBody) {
            body.md5(md5);
            checkMd5(body, received.hasBody);
        }
        VerifiedRequest wrapped = new VerifiedRequest(req, body, received.hasBody ? received.contentLength : 0);
        attributes(wrapped, accessKeyId, scheme, signed, null);
        return new Passed(wrapped, body);
    }

    private static void checkMd5(VerifiedBody body, boolean close) throws Refused {
        if (body.failure() != null) {
            throw new Refused(body.failure().result(), close);
        }
    }

    private Passed verifyPost(HttpServletRequest req, Received received, Instant now) throws Refused, IOException {
        if (post == null) {
            throw refused(AuthError.INVALID_REQUEST, NOT_SUPPORTED + " (browser POST uploads: add awssig-post-policy)",
                    true);
        }
        Multipart form;
        try {
            form = Multipart.read(req.getInputStream(), Multipart.boundary(req.getContentType()),
                    limits.maxPostFieldsBytes() + 64L * 1024);
        } catch (BodyVerificationException e) {
            throw new Refused(e.result(), true);
        }
        if (!form.hasFile) {
            throw refused(AuthError.INVALID_ARGUMENT, "POST requires exactly one file upload per request.", true);
        }
        String bucket = bucketOf(received);
        String token = null;
        for (Map.Entry<String, String> e : form.fields) {
            if (e.getKey().equalsIgnoreCase("x-amz-security-token")) {
                token = e.getValue();
            }
        }
        PostForms.Outcome o = post.verify(bucket, form.fields, form.fileName, credentials.secretsFor(token), now);
        VerificationResult r = tokenAware(o.result);
        if (!r.isValid()) {
            throw new Refused(r, true);
        }
        boolean v4form = false;
        String base = baseName(form.fileName);
        List<Map.Entry<String, String>> fields = new ArrayList<>(form.fields.size());
        String contentType = null;
        for (Map.Entry<String, String> e : form.fields) {
            String v = base != null ? e.getValue().replace("${filename}", base) : e.getValue();
            fields.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), v));
            v4form |= e.getKey().equalsIgnoreCase("x-amz-signature");
            if (e.getKey().equalsIgnoreCase("content-type")) {
                contentType = v;
            }
        }
        PostUpload upload = PostUpload.of(bucket, fields, form.fileName, form.fileContentType);
        VerifiedBody body = new VerifiedBody(form.file(), -1).range(o.min, o.max);
        VerifiedRequest wrapped = new VerifiedRequest(req, body, -1);
        wrapped.override("content-length");
        wrapped.override("content-type", contentType != null ? contentType
                : form.fileContentType != null ? form.fileContentType : "binary/octet-stream");
        attributes(wrapped, r.accessKeyId().orElseThrow(), v4form ? AuthScheme.POST_POLICY_V4
                : AuthScheme.POST_POLICY_V2, List.of(), upload);
        return new Passed(wrapped, body);
    }

    private static void attributes(VerifiedRequest r, String accessKeyId, AuthScheme scheme, List<String> signed,
                                   PostUpload upload) {
        if (accessKeyId != null) {
            r.setAttribute(ACCESS_KEY_ID_ATTRIBUTE, accessKeyId);
        }
        r.setAttribute(SCHEME_ATTRIBUTE, scheme);
        r.setAttribute(SIGNED_HEADERS_ATTRIBUTE, signed);
        if (upload != null) {
            r.setAttribute(POST_UPLOAD_ATTRIBUTE, upload);
        }
    }

    /** An unknown key whose id has entries in the store: the token did not match one of them. */
    private VerificationResult tokenAware(VerificationResult r) {
        if (!r.isValid() && r.error().get() == AuthError.INVALID_ACCESS_KEY_ID && r.accessKeyId().isPresent()) {
            List<Credentials> entries = credentials.credentials(r.accessKeyId().get());
            if (entries != null && !entries.isEmpty()) {
                return VerificationResult.failure(AuthError.INVALID_TOKEN, "The provided token is malformed or"
                        + " otherwise invalid.", r.accessKeyId().get(), null, null);
            }
        }
        return r;
    }

    private static AuthScheme streaming(String contentSha, boolean ecdsa) {
        if (contentSha != null) {
            switch (contentSha) {
                case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD":
                    return ecdsa ? AuthScheme.SIGV4A_HEADER : AuthScheme.SIGV4_STREAMING_SIGNED;
                case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER":
                    return ecdsa ? AuthScheme.SIGV4A_HEADER : AuthScheme.SIGV4_STREAMING_SIGNED_TRAILER;
                case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD":
                    return ecdsa ? AuthScheme.SIGV4A_STREAMING_SIGNED : AuthScheme.SIGV4_HEADER;
                case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER":
                    return ecdsa ? AuthScheme.SIGV4A_STREAMING_SIGNED_TRAILER : AuthScheme.SIGV4_HEADER;
                case "STREAMING-UNSIGNED-PAYLOAD-TRAILER":
                    return ecdsa ? AuthScheme.SIGV4A_STREAMING_UNSIGNED_TRAILER
                            : AuthScheme.SIGV4_STREAMING_UNSIGNED_TRAILER;
                default:
                    break;
            }
        }
        return ecdsa ? AuthScheme.SIGV4A_HEADER : AuthScheme.SIGV4_HEADER;
    }

    /** The session token a request carries (header first, then the query), or null. */
    private static String sessionToken(dev.awssig.Headers headers, String rawQuery, AuthScheme scheme) throws Refused {
        List<String> h = headers.values("x-amz-security-token");
        if (h.size() > 1) {
            throw refused(AuthError.INVALID_ARGUMENT, "The request has more than one x-amz-security-token header",
                    false);
        }
        if (!h.isEmpty()) {
            return h.get(0).trim();
        }
        List<String> q = scheme == AuthScheme.SIGV2_PRESIGNED
                ? Received.queryValues(rawQuery, "x-amz-security-token", true)
                : Received.queryValues(rawQuery, "X-Amz-Security-Token", false);
        return q.isEmpty() ? null : q.get(0);
    }

    /** The access key id of a verified Authorization header. */
    private static String credentialId(String auth) {
        int c = auth.indexOf("Credential=");
        int slash = c < 0 ? -1 : auth.indexOf('/', c);
        return slash < 0 ? "" : auth.substring(c + 11, slash).trim();
    }

    private static List<String> signedHeaders(AuthScheme scheme, String auth, String rawQuery,
                                              dev.awssig.Headers headers) {
        String list = null;
        if (scheme == AuthScheme.SIGV2_HEADER || scheme == AuthScheme.SIGV2_PRESIGNED) {
            List<String> names = new ArrayList<>();
            for (String n : new String[] {"content-md5", "content-type", "date"}) {
                if (headers.contains(n)) {
                    names.add(n);
                }
            }
            for (String n : headers.lowerCaseNames()) {
                if (n.startsWith("x-amz-")) {
                    names.add(n);
                }
            }
            names.sort(null);
            return List.copyOf(names);
        } else if (auth != null) {
            int i = auth.indexOf("SignedHeaders=");
            if (i >= 0) {
                int end = auth.indexOf(',', i);
                list = (end < 0 ? auth.substring(i + 14) : auth.substring(i + 14, end)).trim();
            }
        } else {
            List<String> q = Received.queryValues(rawQuery, "X-Amz-SignedHeaders", false);
            list = q.isEmpty() ? null : q.get(0);
        }
        return list == null || list.isEmpty() ? List.of() : List.copyOf(Arrays.asList(list.split(";")));
    }

    private static String[] withoutAwsChunked(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String t : v.split(",")) {
                String token = t.trim();
                if (!token.isEmpty() && !token.equalsIgnoreCase("aws-chunked")) {
                    out.add(token);
                }
            }
        }
        return out.isEmpty() ? new String[0] : new String[] {String.join(",", out)};
    }

    /** The bucket of a POST: the first path segment, or the first label of the host (virtual-hosted). */
    private static String bucketOf(Received received) {
        String path = received.request.rawPath();
        int end = path.indexOf('/', 1);
        String first = end < 0 ? path.substring(1) : path.substring(1, end);
        if (!first.isEmpty()) {
            return java.net.URLDecoder.decode(first.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        }
        String host = received.request.hostHeaderValue();
        int dot = host.indexOf('.');
        return dot > 0 ? host.substring(0, dot) : host;
    }

    private static String baseName(String fileName) {
        if (fileName == null) {
            return null;
        }
        int cut = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return fileName.substring(cut + 1);
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the filter accepts; never keys.
     *
     * @return a description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        List<String> algorithms = new ArrayList<>();
        if (v4 != null) {
            algorithms.add(Algorithms.SIGV4);
        }
        if (v4a != null) {
            algorithms.add(Algorithms.SIGV4A);
        }
        if (v2 != null) {
            algorithms.add(Algorithms.SIGV2_S3);
        }
        if (post != null) {
            algorithms.add("POST policy");
        }
        return "VerifyingFilter[region=" + (region == null ? "any" : region) + ", service=" + service
                + ", schemes=" + algorithms + ", anonymous=" + anonymous.name().toLowerCase(Locale.ROOT) + "]";
    }

    /**
     * Builds a {@link VerifyingFilter}. Not thread-safe.
     *
     * @since 0.2.0
     */
    public static final class Builder {
        private CredentialsLookup credentials;
        private Clock clock = Clock.systemUTC();
        private AnonymousRequests anonymous = AnonymousRequests.REFUSE;
        private VerificationLimits limits = VerificationLimits.defaults();
        private String region;
        private String service = "s3";
        private Signers signers;

        private Builder() {
        }

        /**
         * The key store, with session tokens.
         *
         * @param credentials the application's keys
         * @return this builder
         * @since 0.2.0
         */
        public Builder credentials(CredentialsLookup credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * The key store, without session tokens (a request that carries one is refused with
         * {@code InvalidToken}).
         *
         * @param secrets the application's keys
         * @return this builder
         * @since 0.2.0
         */
        public Builder secrets(SecretLookup secrets) {
            Objects.requireNonNull(secrets, "secrets");
            this.credentials = CredentialsLookup.of(secrets);
            return this;
        }

        /**
         * The region requests must be signed for (default: any).
         *
         * @param region for example {@code us-east-1}
         * @return this builder
         * @since 0.2.0
         */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            if (region.isBlank()) {
                throw new IllegalArgumentException("region: must not be blank");
            }
            this.region = region;
            return this;
        }

        /**
         * The service requests must be signed for (default {@code s3}).
         *
         * @param service the signing name
         * @return this builder
         * @since 0.2.0
         */
        public Builder service(String service) {
            Objects.requireNonNull(service, "service");
            if (service.isBlank()) {
                throw new IllegalArgumentException("service: must not be blank");
            }
            this.service = service;
            return this;
        }

        /**
         * The server's clock (default: the system's, UTC).
         *
         * @param clock the clock
         * @return this builder
         * @since 0.2.0
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What to do with requests that carry no authentication (default {@link AnonymousRequests#REFUSE}).
         *
         * @param anonymous the choice
         * @return this builder
         * @since 0.2.0
         */
        public Builder anonymous(AnonymousRequests anonymous) {
            this.anonymous = Objects.requireNonNull(anonymous, "anonymous");
            return this;
        }

        /**
         * The verifiers' limits (default {@link VerificationLimits#defaults()}).
         *
         * @param limits the limits
         * @return this builder
         * @since 0.2.0
         */
        public Builder limits(VerificationLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Where the verifiers come from (default {@link Signers#discover()}).
         *
         * @param signers the registry
         * @return this builder
         * @since 0.2.0
         */
        public Builder signers(Signers signers) {
            this.signers = Objects.requireNonNull(signers, "signers");
            return this;
        }

        /**
         * Builds the filter.
         *
         * @return the immutable filter
         * @throws IllegalArgumentException if no key store was given
         * @since 0.2.0
         */
        public VerifyingFilter build() {
            if (credentials == null) {
                throw new IllegalArgumentException("credentials: a key store is required (credentials(...) or"
                        + " secrets(...))");
            }
            return new VerifyingFilter(this);
        }
    }
}
