package dev.awssig.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@link Flow.Publisher} of byte buffers read as a blocking {@link InputStream}: it subscribes
 * when created and asks for one buffer at a time, only when the previous one is used up, so at
 * most one buffer is held however long the body. For the client adapters (http-jdk's body
 * publishers, the AWS SDK's reactive bodies through {@code FlowAdapters}) reading a request body
 * while it is hashed or aws-chunked; a publisher that delivers on the reading thread (as the JDK's
 * own publishers do) or on another thread both work. Internal: exported only to the sibling
 * modules of this project.
 *
 * @since 0.2.0
 */
public final class PublisherInputStream extends InputStream implements Flow.Subscriber<ByteBuffer> {
    private static final Object END = new Object();

    private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private ByteBuffer current;
    private boolean ended;
    private boolean closed;

    /**
     * Subscribes to a publisher.
     *
     * @param publisher the body publisher
     */
    public PublisherInputStream(Flow.Publisher<ByteBuffer> publisher) {
        publisher.subscribe(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(ByteBuffer item) {
        items.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        items.add(throwable);
    }

    @Override
    public void onComplete() {
        items.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (ended) {
                return -1;
            }
            Object item;
            try {
                item = items.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the request body");
            }
            if (item == END) {
                ended = true;
                return -1;
            }
            if (item instanceof Throwable) {
                ended = true;
                throw new IOException("the request body publisher failed: " + item, (Throwable) item);
            }
            current = (ByteBuffer) item;
            subscription.request(1);
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Flow.Subscription s = subscription;
            if (s != null && !ended) {
                s.cancel();
            }
        }
    }
}
