package dev.awssig.servlet;

import dev.awssig.BodyVerificationException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The filter in an embedded Jetty 12 (ee10) on 127.0.0.1, in front of an application servlet that
 * reads the whole body and records what it saw: the attributes, the headers that describe the
 * body, its SHA-256, whether it reached end-of-body, and the failure a read threw.
 */
final class FilterServer implements AutoCloseable {
    /** What the application saw of one request. */
    static final class Seen {
        volatile AuthScheme scheme;
        volatile String accessKeyId;
        volatile List<?> signedHeaders;
        volatile PostUpload upload;
        volatile String contentLength;
        volatile String contentEncoding;
        volatile String contentType;
        volatile long bytes;
        volatile String sha256;
        volatile boolean sawEnd;
        volatile IOException failure;
    }

    final Server server;
    final int port;
    final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    /** Counted down when the application has read its first bytes of a body (null: none). */
    volatile CountDownLatch firstBytes;
    /** Awaited by the application after its first bytes (null: none). */
    volatile CountDownLatch resume;

    private FilterServer(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    static FilterServer start(VerifyingFilter filter) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // header values as the client sent them (Jetty's header cache would hand on its own
        // spelling of a known value, "text/plain; charset=utf-8" for "...=UTF-8": not what was signed)
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        FilterServer[] self = new FilterServer[1];
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                self[0].handle(req, res);
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        FilterServer s = new FilterServer(server, connector.getLocalPort());
        self[0] = s;
        return s;
    }

    private void handle(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Seen s = new Seen();
        seen.add(s);
        s.scheme = (AuthScheme) req.getAttribute(VerifyingFilter.SCHEME_ATTRIBUTE);
        s.accessKeyId = (String) req.getAttribute(VerifyingFilter.ACCESS_KEY_ID_ATTRIBUTE);
        s.signedHeaders = (List<?>) req.getAttribute(VerifyingFilter.SIGNED_HEADERS_ATTRIBUTE);
        s.upload = (PostUpload) req.getAttribute(VerifyingFilter.POST_UPLOAD_ATTRIBUTE);
        s.contentLength = req.getHeader("Content-Length");
        s.contentEncoding = req.getHeader("Content-Encoding");
        s.contentType = req.getContentType();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[8192];
        InputStream in = req.getInputStream();
        try {
            int n;
            boolean first = true;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
                s.bytes += n;
                if (first && n > 0) {
                    first = false;
                    CountDownLatch f = firstBytes;
                    CountDownLatch r = resume;
                    if (f != null) {
                        f.countDown();
                    }
                    if (r != null) {
                        try {
                            r.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }
            s.sawEnd = true;
        } catch (BodyVerificationException e) {
            s.failure = e;
            throw e; // the filter answers it
        }
        s.sha256 = HexFormat.of().formatHex(sha.digest());
        byte[] out = ("ok " + s.bytes + " " + s.sha256).getBytes(StandardCharsets.UTF_8);
        res.setStatus(200);
        res.setContentType("text/plain");
        res.setContentLength(out.length);
        res.getOutputStream().write(out);
    }

    Seen last() {
        Seen s = null;
        for (Seen x : seen) {
            s = x;
        }
        return s;
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            server.stop();
        } catch (Exception e) {
            throw new java.io.IOException(e);
        }
    }
}
