package dev.awssig.cli.internal;

import dev.awssig.AuthError;
import dev.awssig.VerificationResult;
import dev.awssig.servlet.AuthScheme;
import dev.awssig.servlet.VerifyingFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One line per request, written when the answer is sent: time, client address, who (the access
 * key id that signed, {@code -} for none), the scheme, method and path (no query: a presigned
 * URL's query holds a signature and maybe a session token), status, S3's code of a refusal,
 * bytes received and sent, milliseconds. Never a secret, token or signature:
 *
 * <pre>
 * 2026-12-02T06:23:00.123Z 127.0.0.1 AKIDALICE SIGV4_STREAMING_SIGNED_TRAILER PUT /photos/cat.jpg 200 - in=70123 out=0 ms=12 id=5E2F0C1A7B9D3E41
 * </pre>
 */
final class AccessLog implements Filter {
    private final Consumer<String> sink;
    private final Clock clock;

    AccessLog(Consumer<String> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        Instant at = clock.instant();
        HttpServletRequest req = (HttpServletRequest) request;
        CountingRequest in = new CountingRequest(req);
        CountingResponse out = new CountingResponse((HttpServletResponse) response);
        try {
            chain.doFilter(in, out);
        } finally {
            long ms = (System.nanoTime() - start) / 1_000_000;
            String who = (String) req.getAttribute(VerifyingFilter.ACCESS_KEY_ID_ATTRIBUTE);
            AuthScheme scheme = (AuthScheme) req.getAttribute(VerifyingFilter.SCHEME_ATTRIBUTE);
            VerificationResult refusal = (VerificationResult) req.getAttribute(VerifyingFilter.REFUSAL_ATTRIBUTE);
            String code = refusal == null ? "-" : refusal.error().map(AuthError::code).orElse("-");
            if (who == null && refusal != null) {
                who = refusal.accessKeyId().orElse(null);
            }
            sink.accept(at + " " + req.getRemoteAddr() + " " + printable(who == null ? "-" : who) + " "
                    + (scheme == null ? "-" : scheme.name()) + " " + req.getMethod() + " "
                    + printable(req.getRequestURI()) + " " + out.getStatus() + " " + code + " in=" + in.count
                    + " out=" + out.count + " ms=" + ms + " id=" + req.getAttribute(VerifyingFilter.REQUEST_ID_ATTRIBUTE));
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 512));
        for (int i = 0; i < s.length() && i < 512; i++) {
            char c = s.charAt(i);
            b.append(c <= ' ' || c == 0x7f ? '_' : c);
        }
        return b.toString();
    }

    /** Counts the bytes of the body as the verifying filter reads them from the container. */
    private static final class CountingRequest extends HttpServletRequestWrapper {
        long count;
        private ServletInputStream stream;

        CountingRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count++;
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        if (n > 0) {
                            count += n;
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener readListener) {
                        in.setReadListener(readListener);
                    }
                };
            }
            return stream;
        }
    }

    /** Counts the bytes of the answer's body. */
    private static final class CountingResponse extends HttpServletResponseWrapper {
        long count;
        private ServletOutputStream stream;
        private PrintWriter writer;

        CountingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream out = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        count++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        count += len;
                    }

                    @Override
                    public void flush() throws IOException {
                        out.flush();
                    }

                    @Override
                    public boolean isReady() {
                        return out.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener writeListener) {
                        out.setWriteListener(writeListener);
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new java.io.OutputStreamWriter(getOutputStream(),
                        getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
            }
            return writer;
        }
    }
}
