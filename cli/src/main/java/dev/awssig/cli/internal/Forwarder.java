package dev.awssig.cli.internal;

import dev.awssig.CredentialsProvider;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.servlet.AuthScheme;
import dev.awssig.servlet.PostUpload;
import dev.awssig.servlet.VerifyingFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's application: sends each verified request to the upstream, signed again with the
 * upstream's credentials (SigV4, {@code UNSIGNED-PAYLOAD} over the verified body, which streams
 * through as the client sends it), and streams the answer back. A presigned URL's authentication
 * parameters are dropped; an aws-chunked upload arrives here decoded (its chunks and trailer
 * checked by the filter) and goes on as a plain body of its decoded length; a browser POST upload
 * (its policy enforced by the filter) goes on as a PUT of the file, answered as S3 answers the
 * POST ({@code success_action_redirect}, {@code success_action_status}, else 204).
 */
final class Forwarder extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    /** Request headers that are the connection's, the signature's, or the body framing's: not forwarded. */
    private static final Set<String> DROPPED_REQUEST = Set.of("host", "authorization", "connection", "keep-alive",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "expect",
            "content-length", "date", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token",
            "x-amz-decoded-content-length", "x-amz-trailer", "x-amz-sdk-checksum-algorithm");
    /** Response headers that are the connection's or the gateway's own. */
    private static final Set<String> DROPPED_RESPONSE = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-authenticate", "content-length", "date", "server", "x-amz-request-id");
    /** Query parameters of presigned authentication (any case). */
    private static final Set<String> AUTH_PARAMETERS = Set.of("x-amz-algorithm", "x-amz-credential", "x-amz-date",
            "x-amz-expires", "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token", "awsaccesskeyid",
            "signature", "expires");
    /** The form fields of a POST upload that become headers of the PUT. */
    private static final Set<String> FORM_HEADERS = Set.of("cache-control", "content-type", "content-disposition",
            "content-encoding", "expires", "x-amz-storage-class", "x-amz-server-side-encryption",
            "x-amz-server-side-encryption-aws-kms-key-id", "x-amz-website-redirect-location");

    private final transient HttpClient client;
    private final URI upstream;
    private final transient Signer signer;
    private final transient CredentialsProvider credentials;

    Forwarder(HttpClient client, URI upstream, Signer signer, CredentialsProvider credentials) {
        this.client = client;
        this.upstream = upstream;
        this.signer = signer;
        this.credentials = credentials;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
        AuthScheme scheme = (AuthScheme) req.getAttribute(VerifyingFilter.SCHEME_ATTRIBUTE);
        PostUpload upload = (PostUpload) req.getAttribute(VerifyingFilter.POST_UPLOAD_ATTRIBUTE);
        if (upload != null) {
            forwardPost(req, res, upload);
            return;
        }
        String query = query(req.getQueryString(), scheme);
        String target = upstreamBase() + req.getRequestURI() + (query == null ? "" : "?" + query);
        long length = req.getContentLengthLong();
        boolean hasBody = length > 0 || (length < 0 && req.getHeader("Transfer-Encoding") != null)
                || (scheme != null && scheme.isStreaming() && length != 0);
        HttpRequest.BodyPublisher body = !hasBody ? HttpRequest.BodyPublishers.noBody()
                : length >= 0 ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> stream(req)), length)
                : HttpRequest.BodyPublishers.ofInputStream(() -> stream(req));
        HttpResponse<InputStream> answer = send(req.getMethod(), target, headers(req), body);
        relay(req, res, answer);
    }

    private String upstreamBase() {
        String s = upstream.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static InputStream stream(HttpServletRequest req) {
        try {
            return req.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The headers to forward, in order. */
    private static Headers headers(HttpServletRequest req) {
        Headers.Builder h = Headers.builder();
        for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            String lower = name.toLowerCase(Locale.ROOT);
            if (DROPPED_REQUEST.contains(lower) || lower.startsWith("proxy-")) {
                continue;
            }
            for (Enumeration<String> values = req.getHeaders(name); values.hasMoreElements();) {
                h.add(name, values.nextElement());
            }
        }
        return h.build();
    }

    /** The query without a presigned URL's authentication parameters. */
    static String query(String raw, AuthScheme scheme) {
        if (raw == null) {
            return null;
        }
        if (scheme != AuthScheme.SIGV4_PRESIGNED && scheme != AuthScheme.SIGV4A_PRESIGNED
                && scheme != AuthScheme.SIGV2_PRESIGNED) {
            return raw;
        }
        StringBuilder out = new StringBuilder();
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode((eq < 0 ? pair : pair.substring(0, eq)).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            if (AUTH_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))
                    || (scheme == AuthScheme.SIGV4A_PRESIGNED && name.equalsIgnoreCase("X-Amz-Region-Set"))) {
                continue;
            }
            out.append(out.length() == 0 ? "" : "&").append(pair);
        }
        return out.length() == 0 ? null : out.toString();
    }

    private HttpResponse<InputStream> send(String method, String target, Headers headers,
                                           HttpRequest.BodyPublisher body) throws IOException {
        SignableRequest.Builder toSign = SignableRequest.builder().method(method).uri(target).payload(Payload.unsigned());
        for (Headers.Header h : headers.entries()) {
            toSign.header(h.name(), h.value());
        }
        SignedRequest signed = signer.sign(toSign.build());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(signed.request().uri())).method(method, body)
                .expectContinue(false);
        for (Headers.Header h : signed.request().headers().entries()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (!lower.equals("host") && !lower.equals("content-length")) {
                b.header(h.name(), h.value());
            }
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the upstream", e);
        }
    }

    private static void relay(HttpServletRequest req, HttpServletResponse res, HttpResponse<InputStream> answer)
            throws IOException {
        res.setStatus(answer.statusCode());
        for (Map.Entry<String, List<String>> h : answer.headers().map().entrySet()) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (DROPPED_RESPONSE.contains(lower) || lower.startsWith(":")) {
                continue;
            }
            for (String v : h.getValue()) {
                res.addHeader(h.getKey(), v);
            }
        }
        long length = answer.headers().firstValueAsLong("content-length").orElse(-1);
        if (length >= 0) {
            res.setContentLengthLong(length);
        }
        try (InputStream in = answer.body()) {
            if ("HEAD".equals(req.getMethod())) {
                return;
            }
            OutputStream out = res.getOutputStream();
            in.transferTo(out);
        }
    }

    /** A browser POST upload as a PUT of its file; answered as S3 answers the POST. */
    private void forwardPost(HttpServletRequest req, HttpServletResponse res, PostUpload upload) throws IOException {
        // S3 wants the length of a PUT up front, and a form's file has none: it is spooled to a
        // temporary file (never to memory; bounded by the policy's content-length-range)
        Path spool = Files.createTempFile("awssig-gateway-", ".upload");
        try {
            long size;
            try (OutputStream out = Files.newOutputStream(spool)) {
                size = req.getInputStream().transferTo(out);
            }
            Headers.Builder h = Headers.builder();
            for (Map.Entry<String, String> f : upload.fields()) {
                String lower = f.getKey().toLowerCase(Locale.ROOT);
                if (FORM_HEADERS.contains(lower) || lower.startsWith("x-amz-meta-")) {
                    h.add(f.getKey(), f.getValue());
                } else if (lower.equals("acl")) {
                    h.add("x-amz-acl", f.getValue());
                }
            }
            if (upload.field("Content-Type").isEmpty()) {
                h.add("Content-Type", req.getContentType());
            }
            String key = upload.key();
            String target = upstreamBase() + "/" + encode(upload.bucket()) + "/" + encodePath(key);
            HttpResponse<InputStream> put = send("PUT", target, h.build(), HttpRequest.BodyPublishers.ofFile(spool));
            String etag = put.headers().firstValue("etag").orElse(null);
            if (put.statusCode() / 100 != 2) {
                relay(req, res, put);
                return;
            }
            put.body().close();
            String redirect = upload.field("success_action_redirect").orElse(null);
            String status = upload.field("success_action_status").orElse("204");
            if (etag != null) {
                res.setHeader("ETag", etag);
            }
            // where the object is, as the client reaches it: through the gateway
            String location = ("https".equalsIgnoreCase(req.getScheme()) ? "https" : "http") + "://"
                    + req.getHeader("Host") + "/" + encode(upload.bucket()) + "/" + encodePath(key);
            res.setHeader("Location", location);
            if (redirect != null && !redirect.isEmpty()) {
                res.setStatus(303);
                res.setHeader("Location", redirect + (redirect.contains("?") ? "&" : "?") + "bucket="
                        + encode(upload.bucket()) + "&key=" + encode(key) + (etag == null ? "" : "&etag=" + encode(etag)));
            } else if (status.equals("201")) {
                byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>"
                        + xml(location)
                        + "</Location><Bucket>" + xml(upload.bucket()) + "</Bucket><Key>"
                        + xml(key) + "</Key><ETag>" + xml(etag == null ? "" : etag)
                        + "</ETag></PostResponse>").getBytes(StandardCharsets.UTF_8);
                res.setStatus(201);
                res.setContentType("application/xml");
                res.setContentLength(xml.length);
                res.getOutputStream().write(xml);
            } else {
                res.setStatus(status.equals("200") ? 200 : 204);
                res.setContentLength(0);
            }
            LOG.debug("POST upload of {} bytes forwarded as a PUT", size);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String key) {
        return encode(key).replace("%2F", "/");
    }

    @Override
    public String toString() {
        return "Forwarder[" + upstream + ", credentials " + credentials + "]";
    }
}
