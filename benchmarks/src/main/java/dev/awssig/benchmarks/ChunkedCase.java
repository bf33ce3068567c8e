package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.benchmarks.floor.ChunkedReference;
import dev.awssig.benchmarks.floor.SigV4Floor;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SigV4Verifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * An aws-chunked upload ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}) of {@code payloadBytes} in
 * chunks of {@code chunkSize}, for the signing and verifying benchmarks: the signer and verifier,
 * the encoded body (checked byte for byte against {@link ChunkedReference}), and the SHA-256-only
 * floor over the same chunks. Not thread-safe: one per benchmark thread.
 */
final class ChunkedCase {
    private static final String SCOPE = "20130524/us-east-1/s3/aws4_request";

    private final byte[] data;
    private final int chunkSize;
    private final Signer signer;
    private final SignableRequest request;
    private final SigV4Verifier verifier;
    private final SignableRequest received;
    private final byte[] encoded;
    private final SecretLookup secrets;
    private final Instant now;
    private final byte[] buffer;
    private final MessageDigest sha256;
    private final byte[] hash = new byte[32];

    ChunkedCase(int payloadBytes, int chunkSize) {
        this.data = new byte[payloadBytes];
        Arrays.fill(data, (byte) 'a');
        this.chunkSize = chunkSize;
        this.buffer = new byte[Math.min(chunkSize, 64 * 1024)];
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        SigningConfig config = Ours.config(credentials, Fixtures.REGION, "s3", Fixtures.Chunked.TIME)
                .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.STREAMING_SIGNED)
                .option(SigV4Options.CHUNK_SIZE, chunkSize)
                .build();
        this.signer = Ours.SIGNERS.signer(Algorithms.SIGV4, config);
        this.verifier = SigV4Verifier.create(config);
        this.request = SignableRequest.builder().method("PUT").uri(Fixtures.Chunked.URI)
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .payload(Payload.ofStream(() -> new ByteArrayInputStream(data), data.length))
                .build();
        this.secrets = SecretLookup.of(credentials);
        this.now = Fixtures.Chunked.TIME.plusSeconds(1);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        SignedRequest signed = signer.sign(request);
        this.received = signed.request();
        this.encoded = readAll(open(signed));
        byte[] expected = ChunkedReference.encode(data, chunkSize, signed.signature(), "20130524T000000Z", SCOPE,
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20130524", Fixtures.REGION, "s3"));
        if (!Arrays.equals(expected, encoded)) {
            throw new IllegalStateException("awssig: the aws-chunked body (" + chunkSize
                    + "-byte chunks) differs from the reference encoding; refusing to benchmark a wrong answer");
        }
        if (sign() != encoded.length) {
            throw new IllegalStateException("awssig: signing read a body of another length");
        }
        byte[] decoded;
        try (InputStream in = verifier.verifyStreaming(received, secrets, now, new ByteArrayInputStream(encoded))) {
            decoded = readAll(in);
        } catch (IOException e) {
            throw new IllegalStateException("awssig verifier rejected its own aws-chunked body", e);
        }
        if (!Arrays.equals(data, decoded) || verify() != data.length) {
            throw new IllegalStateException("awssig verifier decoded another body");
        }
    }

    private static InputStream open(SignedRequest signed) {
        try {
            return signed.request().payload().openStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The encoded length. */
    int encodedLength() {
        return encoded.length;
    }

    /** Signs and reads the whole encoded body; answers its length. */
    long sign() {
        SignedRequest signed = signer.sign(request);
        return drain(open(signed));
    }

    /** Verifies the headers and the whole body, chunk by chunk; answers the decoded length. */
    long verify() {
        return drain(verifier.verifyStreaming(received, secrets, now, new ByteArrayInputStream(encoded)));
    }

    private long drain(InputStream in) {
        long n = 0;
        try (in) {
            int r;
            while ((r = in.read(buffer, 0, buffer.length)) >= 0) {
                n += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /** The floor: SHA-256 of every chunk of the payload, nothing else. */
    byte[] sha256Only() {
        try {
            for (int off = 0; off < data.length; off += chunkSize) {
                sha256.update(data, off, Math.min(chunkSize, data.length - off));
                sha256.digest(hash, 0, 32);
            }
            return hash;
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
