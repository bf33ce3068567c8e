package dev.awssig.servlet.internal;

import dev.awssig.AuthError;
import dev.awssig.BodyVerificationException;
import dev.awssig.VerificationResult;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The body the application reads: a source (the container's stream, the aws-chunked decoder, a
 * POST file part) checked as it streams. A signed SHA-256 ({@code x-amz-content-sha256}) and a
 * {@code Content-MD5} are compared on the read that reaches the declared length, before its bytes
 * are returned, or else at the end of the source, before end-of-body is reported; a size range
 * (a POST policy's {@code content-length-range}) is enforced as bytes arrive. A failure is a
 * {@link BodyVerificationException} carrying S3's code, remembered for the filter, which answers
 * it when the application has not committed a response. Nothing is buffered beyond the caller's
 * array. Reads block; {@link #setReadListener} is served by calling the listener at once (every
 * read may then block), as a blocking source allows.
 */
public final class VerifiedBody extends ServletInputStream {
    private final InputStream source;
    private final long declaredLength;
    private MessageDigest sha256;
    private byte[] expectedSha256;
    private MessageDigest md5;
    private byte[] expectedMd5;
    private long min = -1;
    private long max = -1;
    private AuthError tooLarge = AuthError.ENTITY_TOO_LARGE;
    private long total;
    private boolean checked;
    private boolean finished;
    private volatile BodyVerificationException failure;

    /**
     * A body.
     *
     * @param source the bytes as they arrive
     * @param declaredLength the length the request declares (-1: unknown, the source's end is the end)
     */
    public VerifiedBody(InputStream source, long declaredLength) {
        this.source = source;
        this.declaredLength = declaredLength;
    }

    /**
     * Checks the body's SHA-256 against a signed {@code x-amz-content-sha256}.
     *
     * @param hex 64 hex digits
     * @return this
     */
    public VerifiedBody sha256(String hex) {
        this.expectedSha256 = HexFormat.of().parseHex(hex);
        this.sha256 = digest("SHA-256");
        return this;
    }

    /**
     * Checks the body's MD5 against a {@code Content-MD5} header.
     *
     * @param base64 the header value
     * @return this, or a failure when the value is not the Base64 of 16 bytes
     */
    public VerifiedBody md5(String base64) {
        byte[] m;
        try {
            m = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            m = null;
        }
        if (m == null || m.length != 16) {
            failure = new BodyVerificationException(VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                    "The Content-MD5 you specified is not valid."));
            return this;
        }
        this.expectedMd5 = m;
        this.md5 = digest("MD5");
        return this;
    }

    /**
     * Bounds the size (a policy's content-length-range).
     *
     * @param minBytes the least size, or -1
     * @param maxBytes the largest size, or -1
     * @return this
     */
    public VerifiedBody range(long minBytes, long maxBytes) {
        this.min = minBytes;
        this.max = maxBytes;
        return this;
    }

    /**
     * The failure the application was given, if any.
     *
     * @return the failure, or null
     */
    public BodyVerificationException failure() {
        return failure;
    }

    /**
     * How many verified bytes were handed on.
     *
     * @return the count
     */
    public long bytesRead() {
        return total;
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is missing from this JDK", e);
        }
    }

    private BodyVerificationException fail(AuthError error, String message) {
        BodyVerificationException e = new BodyVerificationException(VerificationResult.failure(error, message));
        failure = e;
        return e;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (finished) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = source.read(b, off, len);
        } catch (BodyVerificationException e) {
            failure = e;
            throw e;
        }
        if (n < 0) {
            if (declaredLength >= 0 && total < declaredLength) {
                throw fail(AuthError.INCOMPLETE_BODY, "You did not provide the number of bytes specified by the"
                        + " Content-Length HTTP header.");
            }
            if (min >= 0 && total < min) {
                throw fail(AuthError.ENTITY_TOO_SMALL, "Your proposed upload is smaller than the minimum allowed size");
            }
            check();
            finished = true;
            return -1;
        }
        if (declaredLength >= 0 && total + n > declaredLength) {
            throw fail(AuthError.INCOMPLETE_BODY, "The body is longer than its Content-Length");
        }
        if (max >= 0 && total + n > max) {
            throw fail(tooLarge, "Your proposed upload exceeds the maximum allowed size");
        }
        if (sha256 != null) {
            sha256.update(b, off, n);
        }
        if (md5 != null) {
            md5.update(b, off, n);
        }
        total += n;
        if (declaredLength >= 0 && total == declaredLength) {
            check(); // before the last bytes are handed on
        }
        return n;
    }

    private void check() throws BodyVerificationException {
        if (checked) {
            return;
        }
        checked = true;
        if (sha256 != null && !MessageDigest.isEqual(sha256.digest(), expectedSha256)) {
            throw fail(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        if (md5 != null && !MessageDigest.isEqual(md5.digest(), expectedMd5)) {
            throw fail(AuthError.BAD_DIGEST, "The Content-MD5 you specified did not match what we received.");
        }
    }

    @Override
    public boolean isFinished() {
        return finished || failure != null;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener readListener) {
        java.util.Objects.requireNonNull(readListener, "readListener");
        try {
            if (!isFinished()) {
                readListener.onDataAvailable();
            }
            if (failure != null) {
                readListener.onError(failure);
            } else if (isFinished()) {
                readListener.onAllDataRead();
            }
        } catch (IOException e) {
            readListener.onError(e);
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
