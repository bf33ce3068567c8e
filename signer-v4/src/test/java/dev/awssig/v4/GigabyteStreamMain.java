package dev.awssig.v4;

import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Run in a child JVM with a small heap by {@link GigabyteStreamTest}: signs a generated 1 GiB
 * body as aws-chunked (signed chunks and a signed CRC32C trailer), pipes the encoder straight
 * into the verifier's decoder, and compares every decoded byte with the generator. Exits 0 and
 * prints the peak heap when everything matched.
 */
public final class GigabyteStreamMain {
    private GigabyteStreamMain() {
    }

    /** A deterministic generated stream of a given length. */
    static final class Generated extends InputStream {
        private long remaining;
        private long index;

        Generated(long length) {
            this.remaining = length;
        }

        static byte at(long i) {
            return (byte) ((i * 2654435761L) >>> 13);
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            return at(index++) & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                b[off + i] = at(index++);
            }
            remaining -= n;
            return n;
        }
    }

    public static void main(String[] args) throws Exception {
        long length = Long.parseLong(args[0]);
        Instant now = Instant.parse("2024-03-01T10:20:30Z");
        Credentials creds = Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        SignedRequest signed = SigV4Signer.create(SigningConfig.builder().credentials(creds)
                        .region("us-east-1").service("s3").clock(Clock.fixed(now, ZoneOffset.UTC))
                        .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.STREAMING_SIGNED_TRAILER)
                        .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC32C)
                        .build())
                .sign(SignableRequest.builder().method("PUT").uri("https://bucket.s3.amazonaws.com/big.bin")
                        .payload(Payload.ofStream(() -> new Generated(length), length)).build());
        SigV4Verifier verifier = SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build());
        long decoded = 0;
        long peak = 0;
        Runtime rt = Runtime.getRuntime();
        try (InputStream encoded = signed.request().payload().openStream();
             InputStream in = verifier.verifyStreaming(signed.request(), SecretLookup.of(creds), now, encoded)) {
            byte[] buf = new byte[64 * 1024];
            int r;
            while ((r = in.read(buf)) >= 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] != Generated.at(decoded + i)) {
                        System.out.println("MISMATCH at " + (decoded + i));
                        System.exit(2);
                    }
                }
                decoded += r;
                if ((decoded & ((1 << 24) - 1)) < r) {
                    peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                }
            }
        }
        if (decoded != length) {
            System.out.println("LENGTH " + decoded + " != " + length);
            System.exit(3);
        }
        System.out.println("OK decoded=" + decoded + " maxHeap=" + Runtime.getRuntime().maxMemory()
                + " sampledPeakHeapUsed=" + peak);
    }
}
