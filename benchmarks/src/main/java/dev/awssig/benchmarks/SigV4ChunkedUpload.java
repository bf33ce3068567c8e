package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.benchmarks.floor.ChunkedReference;
import dev.awssig.benchmarks.floor.SigV4Floor;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code aws-chunked} signed encoding throughput: one operation signs the request and reads the
 * whole encoded body ({@link #PAYLOAD_BYTES} = 1 MiB in 64 KiB chunks, each chunk signed,
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}) into a 64 KiB buffer, as an HTTP client would. The
 * payload is streamed from memory without copying. The floor is SHA-256 alone over the same
 * bytes, chunk by chunk. The report turns ns/op into MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4ChunkedUpload {
    /** Bytes encoded per operation. */
    public static final int PAYLOAD_BYTES = 1 << 20;

    private byte[] data;
    private Signer ours;
    private SignableRequest request;
    private final byte[] buffer = new byte[Fixtures.Chunked.CHUNK_SIZE];
    private MessageDigest sha256;
    private final byte[] hash = new byte[32];

    /** Builds the payload and checks our encoder against the docs' example and a reference. */
    @Setup
    public void setup() {
        data = new byte[PAYLOAD_BYTES];
        Arrays.fill(data, (byte) 'a');
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ours = Ours.SIGNERS.signer(Algorithms.SIGV4, Ours.config(
                Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET), Fixtures.REGION, "s3",
                Fixtures.Chunked.TIME)
                .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.STREAMING_SIGNED)
                .option(SigV4Options.CHUNK_SIZE, Fixtures.Chunked.CHUNK_SIZE)
                .build());
        request = request(data);
        check();
    }

    private static SignableRequest request(byte[] body) {
        return SignableRequest.builder().method("PUT").uri(Fixtures.Chunked.URI)
                .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .payload(Payload.ofStream(() -> new ByteArrayInputStream(body), body.length))
                .build();
    }

    /** The docs' 66560-byte example, then the 1 MiB body byte for byte against the reference. */
    void check() {
        byte[] doc = new byte[Fixtures.Chunked.DOC_LENGTH];
        Arrays.fill(doc, (byte) 'a');
        SignedRequest docSigned = ours.sign(request(doc));
        Check.same("awssig seed", Fixtures.Chunked.SEED_SIGNATURE, docSigned.signature());
        byte[] signingKey = SigV4Floor.signingKey(Fixtures.S3_SECRET, "20130524", Fixtures.REGION, "s3");
        String scope = "20130524/us-east-1/s3/aws4_request";
        byte[] docEncoded = ChunkedReference.encode(doc, Fixtures.Chunked.CHUNK_SIZE, Fixtures.Chunked.SEED_SIGNATURE,
                "20130524T000000Z", scope, signingKey);
        String docText = new String(docEncoded, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String sig : new String[] {Fixtures.Chunked.CHUNK1_SIGNATURE, Fixtures.Chunked.CHUNK2_SIGNATURE,
                Fixtures.Chunked.FINAL_SIGNATURE}) {
            if (!docText.contains(";chunk-signature=" + sig + "\r\n")) {
                throw new IllegalStateException("reference encoder does not reproduce the docs' chunk signature " + sig);
            }
        }
        if (!Arrays.equals(docEncoded, readAll(docSigned))) {
            throw new IllegalStateException("awssig: the docs' aws-chunked example differs from the reference encoding");
        }
        SignedRequest signed = ours.sign(request);
        byte[] expected = ChunkedReference.encode(data, Fixtures.Chunked.CHUNK_SIZE, signed.signature(),
                "20130524T000000Z", scope, signingKey);
        if (!Arrays.equals(expected, readAll(signed))) {
            throw new IllegalStateException("awssig: the 1 MiB aws-chunked body differs from the reference encoding;"
                    + " refusing to benchmark a wrong answer");
        }
        if (awssig() != expected.length) {
            throw new IllegalStateException("awssig: benchmark read " + awssig() + " bytes, expected " + expected.length);
        }
    }

    private static byte[] readAll(SignedRequest signed) {
        try (InputStream in = signed.request().payload().openStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Ours: sign, then read the whole encoded body.
     *
     * @return the number of encoded bytes
     */
    @Benchmark
    public long awssig() {
        SignedRequest signed = ours.sign(request);
        long n = 0;
        try (InputStream in = signed.request().payload().openStream()) {
            int r;
            while ((r = in.read(buffer, 0, buffer.length)) >= 0) {
                n += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /**
     * The floor: SHA-256 of every 64 KiB chunk, nothing else.
     *
     * @return the last chunk's hash
     */
    @Benchmark
    public byte[] sha256Only() {
        try {
            for (int off = 0; off < data.length; off += Fixtures.Chunked.CHUNK_SIZE) {
                sha256.update(data, off, Math.min(Fixtures.Chunked.CHUNK_SIZE, data.length - off));
                sha256.digest(hash, 0, 32);
            }
            return hash;
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
