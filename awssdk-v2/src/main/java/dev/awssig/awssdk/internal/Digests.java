package dev.awssig.awssdk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * One pass over a body for what the header of a signed request needs before signing: its
 * SHA-256 (for {@code x-amz-content-sha256}) and a flexible checksum (for
 * {@code x-amz-checksum-*}, computed by the SDK's own implementation, so the value is the one the
 * SDK would send); either may be skipped.
 */
public final class Digests {
    private final MessageDigest sha256;
    private final SdkChecksum checksum;
    private long length;

    private Digests(boolean sha256, ChecksumAlgorithm checksum) {
        try {
            this.sha256 = sha256 ? MessageDigest.getInstance("SHA-256") : null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        this.checksum = checksum == null ? null : SdkChecksum.forAlgorithm(checksum);
    }

    /**
     * Digests a body read from its provider.
     *
     * @param body the body, or null for none
     * @param sha256 whether to compute the SHA-256
     * @param checksum the flexible checksum to compute, or null
     * @return the digests
     */
    public static Digests of(ContentStreamProvider body, boolean sha256, ChecksumAlgorithm checksum) {
        Digests d = new Digests(sha256, checksum);
        if (body != null) {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = body.newStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    d.update(buf, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the request body to sign it", e);
            }
        }
        return d;
    }

    /**
     * Digests a body published asynchronously (the publisher is subscribed once here; the SDK
     * subscribes again to send it).
     *
     * @param body the body
     * @param sha256 whether to compute the SHA-256
     * @param checksum the flexible checksum, or null
     * @return the digests, when the body has been read
     */
    public static CompletableFuture<Digests> of(Publisher<ByteBuffer> body, boolean sha256, ChecksumAlgorithm checksum) {
        Digests d = new Digests(sha256, checksum);
        CompletableFuture<Digests> done = new CompletableFuture<>();
        body.subscribe(new Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                ByteBuffer copy = b.duplicate();
                byte[] buf = new byte[copy.remaining()];
                copy.get(buf);
                d.update(buf, 0, buf.length);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(d);
            }
        });
        return done;
    }

    private void update(byte[] b, int off, int n) {
        if (sha256 != null) {
            sha256.update(b, off, n);
        }
        if (checksum != null) {
            checksum.update(b, off, n);
        }
        length += n;
    }

    /**
     * The SHA-256 in lower-case hex.
     *
     * @return 64 hex digits
     */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The flexible checksum, Base64 as in {@code x-amz-checksum-*}.
     *
     * @return the checksum
     */
    public String checksumBase64() {
        return Base64.getEncoder().encodeToString(checksum.getChecksumBytes());
    }

    /**
     * The number of bytes read.
     *
     * @return the body length
     */
    public long length() {
        return length;
    }
}
