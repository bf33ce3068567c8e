package dev.awssig.awssdk.internal;

import dev.awssig.Payload;
import dev.awssig.internal.PublisherInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The async SDK's bodies are publishers; awssig's aws-chunked encoder reads a stream. For an
 * aws-chunked async upload, {@link #read} turns the SDK's publisher into a blocking stream (one
 * buffer requested at a time) and {@link #publish} turns the encoded stream back into a publisher
 * whose reads run on an executor, never on the thread that requests: so the SDK's event loop is
 * never blocked, and memory stays at a buffer or two whatever the length.
 */
public final class ReactiveBodies {
    private static final int CHUNK = 64 * 1024;

    private ReactiveBodies() {
    }

    /**
     * A publisher read as a blocking stream (one buffer requested at a time).
     *
     * @param publisher the body
     * @return the stream; it subscribes when created
     */
    public static InputStream read(Publisher<ByteBuffer> publisher) {
        return new PublisherInputStream(FlowAdapters.toFlowPublisher(publisher));
    }

    /**
     * A stream published: each subscription opens the stream and reads it, on the executor, as
     * the subscriber asks for buffers.
     *
     * @param opener opens the stream (once per subscription)
     * @param executor where the reads run
     * @return the publisher
     */
    public static Publisher<ByteBuffer> publish(Payload.StreamSupplier opener, Executor executor) {
        return subscriber -> subscriber.onSubscribe(new Emitter(subscriber, opener, executor));
    }

    private static final class Emitter implements Subscription {
        private final Subscriber<? super ByteBuffer> subscriber;
        private final Payload.StreamSupplier opener;
        private final Executor executor;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean done;
        private InputStream in;

        Emitter(Subscriber<? super ByteBuffer> subscriber, Payload.StreamSupplier opener, Executor executor) {
            this.subscriber = subscriber;
            this.opener = opener;
            this.executor = executor;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("non-positive request: " + n)); // rule 3.9
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            schedule();
        }

        @Override
        public void cancel() {
            cancelled = true;
            schedule();
        }

        private void schedule() {
            if (work.getAndIncrement() == 0) {
                executor.execute(this::drain);
            }
        }

        private void drain() {
            int missed = 1;
            do {
                while (!done && !cancelled && demand.get() > 0) {
                    try {
                        if (in == null) {
                            in = opener.open();
                        }
                        byte[] buf = new byte[CHUNK];
                        int n = in.readNBytes(buf, 0, CHUNK);
                        if (n == 0) {
                            finish(null);
                            break;
                        }
                        demand.decrementAndGet();
                        subscriber.onNext(ByteBuffer.wrap(buf, 0, n));
                    } catch (IOException | RuntimeException e) {
                        finish(e);
                    }
                }
                if (cancelled) {
                    closeQuietly();
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }

        private void finish(Exception failure) {
            done = true;
            closeQuietly();
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        }

        private void closeQuietly() {
            InputStream s = in;
            in = null;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // the body is finished with either way
                }
            }
        }
    }
}
