package dev.awssig.http.okhttp.internal;

import dev.awssig.Payload;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.Okio;
import okio.Pipe;
import okio.Source;

/**
 * OkHttp request bodies are written ({@link RequestBody#writeTo}); the signers read. A body of up
 * to 1 MiB is written into memory; a larger one is written by a daemon thread into a 64 KiB pipe
 * that the reader drains, so memory stays bounded whatever the length. A failure of the body is
 * passed on to the reader.
 */
public final class BodyStreams {
    private static final long IN_MEMORY = 1024 * 1024;
    private static final long PIPE_BUFFER = 64 * 1024;

    private BodyStreams() {
    }

    /**
     * Reads a request body.
     *
     * @param body the body
     * @param length its length
     * @return a stream of its bytes
     * @throws IOException if writing a small body fails
     */
    public static InputStream open(RequestBody body, long length) throws IOException {
        if (length <= IN_MEMORY) {
            Buffer buffer = new Buffer();
            body.writeTo(buffer);
            return buffer.inputStream();
        }
        Pipe pipe = new Pipe(PIPE_BUFFER);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            BufferedSink sink = Okio.buffer(pipe.sink());
            try {
                body.writeTo(sink);
                sink.close();
            } catch (Throwable e) {
                failure.set(e); // before the sink closes: the reader sees the failure, not a clean end
                try {
                    sink.close();
                } catch (IOException ignored) {
                    // the reader closed first; it has stopped reading
                }
            }
        }, "awssig-okhttp-body");
        writer.setDaemon(true);
        writer.start();
        return new FilterInputStream(Okio.buffer(pipe.source()).inputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                return b < 0 ? end() : b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                return n < 0 ? end() : n;
            }

            private int end() throws IOException {
                Throwable t = failure.get();
                if (t != null) {
                    throw t instanceof IOException ? (IOException) t
                            : new IOException("the request body failed while it was read: " + t, t);
                }
                return -1;
            }
        };
    }

    /**
     * A body whose bytes come from an opener, with a fixed length and content type.
     *
     * @param contentType the content type, or null
     * @param length the length
     * @param oneShot whether it can be written only once
     * @param opener opens the bytes
     * @return the body
     */
    public static RequestBody of(MediaType contentType, long length, boolean oneShot, Payload.StreamSupplier opener) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return contentType;
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public boolean isOneShot() {
                return oneShot;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (Source source = Okio.source(opener.open())) {
                    sink.writeAll(source);
                }
            }
        };
    }
}
