package dev.awssig.http.apache5.internal;

import dev.awssig.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Async entity producers and blocking streams, both ways: {@link #read} pulls an
 * {@link AsyncEntityProducer}'s bytes by calling its {@code produce} (at most 64 KiB a call), so
 * a producer that writes when asked (bytes, files, streams) can be hashed or aws-chunked on the
 * calling thread; {@link #producer} turns a payload back into a producer for the transport.
 */
public final class ProducerStreams {
    private static final int MAX_PER_WRITE = 64 * 1024;
    private static final long PATIENCE_NANOS = 30_000_000_000L;

    private ProducerStreams() {
    }

    /**
     * The bytes of a producer as a stream. The producer's resources are released when the stream
     * ends or closes, so a repeatable producer can produce again for the transport.
     *
     * @param producer the producer
     * @return a stream of its bytes
     */
    public static InputStream read(AsyncEntityProducer producer) {
        return new InputStream() {
            private final ByteBuffer buffer = ByteBuffer.allocate(MAX_PER_WRITE);
            private boolean ended;
            private boolean released;
            private final DataStreamChannel channel = new DataStreamChannel() {
                @Override
                public void requestOutput() {
                    // produce is called in a loop by read(): nothing to schedule
                }

                @Override
                public int write(ByteBuffer src) {
                    int n = Math.min(src.remaining(), buffer.remaining());
                    ByteBuffer slice = src.duplicate();
                    slice.limit(slice.position() + n);
                    buffer.put(slice);
                    src.position(src.position() + n);
                    return n;
                }

                @Override
                public void endStream(List<? extends Header> trailers) {
                    ended = true;
                }

                @Override
                public void endStream() {
                    ended = true;
                }
            };

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                long deadline = 0;
                while (buffer.position() == 0) {
                    if (ended) {
                        close();
                        return -1;
                    }
                    producer.produce(channel);
                    if (buffer.position() == 0 && !ended) {
                        // a producer waiting for something else: wait a little, but not for ever
                        long now = System.nanoTime();
                        if (deadline == 0) {
                            deadline = now + PATIENCE_NANOS;
                        } else if (now > deadline) {
                            throw new IOException("the request entity producer produced nothing for 30 s");
                        }
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException("interrupted while reading the request entity");
                        }
                    }
                }
                buffer.flip();
                int n = Math.min(len, buffer.remaining());
                buffer.get(b, off, n);
                buffer.compact();
                return n;
            }

            @Override
            public void close() {
                if (!released) {
                    released = true;
                    producer.releaseResources();
                }
            }
        };
    }

    /**
     * A producer of a payload's bytes (for the aws-chunked body): reads the stream when the
     * transport asks, writing what the channel takes.
     *
     * @param payload the payload, of known length
     * @param contentType the content type, or null
     * @param repeatable whether it can be produced again
     * @return the producer
     */
    public static AsyncEntityProducer producer(Payload payload, String contentType, boolean repeatable) {
        long length = payload.contentLength().getAsLong();
        return new AsyncEntityProducer() {
            private InputStream in;
            private final byte[] chunk = new byte[16 * 1024];
            private ByteBuffer pending;

            @Override
            public boolean isRepeatable() {
                return repeatable;
            }

            @Override
            public void failed(Exception cause) {
                releaseResources();
            }

            @Override
            public long getContentLength() {
                return length;
            }

            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public String getContentEncoding() {
                return null;
            }

            @Override
            public boolean isChunked() {
                return false;
            }

            @Override
            public Set<String> getTrailerNames() {
                return null;
            }

            @Override
            public int available() {
                return Integer.MAX_VALUE;
            }

            @Override
            public void produce(DataStreamChannel channel) throws IOException {
                if (in == null) {
                    in = payload.openStream();
                }
                while (true) {
                    if (pending != null && pending.hasRemaining()) {
                        channel.write(pending);
                        if (pending.hasRemaining()) {
                            return; // the channel is full; it asks again
                        }
                    }
                    int n = in.read(chunk);
                    if (n < 0) {
                        channel.endStream();
                        releaseResources();
                        return;
                    }
                    pending = ByteBuffer.wrap(chunk, 0, n);
                }
            }

            @Override
            public void releaseResources() {
                InputStream s = in;
                in = null;
                pending = null;
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // nothing more to read from it
                    }
                }
            }
        };
    }
}
