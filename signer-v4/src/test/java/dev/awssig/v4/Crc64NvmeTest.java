package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.Signers;
import dev.awssig.PayloadMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@link ChecksumAlgorithm#CRC64NVME}: published CRC-64/NVME values, the AWS SDK for Java v2's
 * CRC64NVME (2.57.8, which computes it with the AWS CRT) over random data from a logged seed, the
 * SDK's aws-chunked body with a CRC64NVME trailer byte-identical to ours, and the verifier.
 */
class Crc64NvmeTest {
    private static final String AKID = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static String base64OfLong(long v) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(v).array());
    }

    private static String ours(byte[] data) {
        ChecksumAlgorithm.Running r = ChecksumAlgorithm.CRC64NVME.newRunning();
        r.update(data, 0, data.length);
        return r.base64();
    }

    /** The check value of the CRC catalogue's CRC-64/NVME, also aws-checksums' TEST_VECTOR case. */
    @Test
    void checkValueOf123456789IsAe8b14860a799888() {
        assertEquals(base64OfLong(0xAE8B14860A799888L), ours("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    /** aws-checksums (awslabs) crc64 tests: 32 zero bytes, and the bytes 0..31. */
    @Test
    void awsChecksumsKnownValuesOf32ZerosAnd32Values() {
        assertEquals(base64OfLong(0xCF3473434D4ECF3BL), ours(new byte[32]));
        byte[] values = new byte[32];
        for (int i = 0; i < 32; i++) {
            values[i] = (byte) i;
        }
        assertEquals(base64OfLong(0xB9D9D4A8492CBD7FL), ours(values));
    }

    /** aws-c-s3's checksum tests ("crc64nvme nist test case 1"): ten 'a's. */
    @Test
    void awsCS3KnownValueOfTenAs() {
        assertEquals(base64OfLong(0x0C1A80036D65C555L), ours("aaaaaaaaaa".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void headerNameAndLength() {
        assertEquals("x-amz-checksum-crc64nvme", ChecksumAlgorithm.CRC64NVME.headerName());
        assertSame(ChecksumAlgorithm.CRC64NVME, ChecksumAlgorithm.fromHeaderName("X-Amz-Checksum-CRC64NVME"));
        assertEquals(12, ChecksumAlgorithm.CRC64NVME.base64Length());
        assertEquals(12, ours(new byte[0]).length());
    }

    @Test
    void sameAsTheAwsSdkV2OverRandomDataAndSplits() {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        System.out.println("Crc64NvmeTest seed=" + seed);
        Random rnd = new Random(seed);
        for (int round = 0; round < 300; round++) {
            byte[] data = new byte[round < 20 ? round : rnd.nextInt(100_000)];
            rnd.nextBytes(data);
            SdkChecksum sdk = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.CRC64NVME);
            sdk.update(data, 0, data.length);
            String expected = Base64.getEncoder().encodeToString(sdk.getChecksumBytes());
            // split into random pieces, so the eight-byte loop and the byte loop meet at every offset
            ChecksumAlgorithm.Running r = ChecksumAlgorithm.CRC64NVME.newRunning();
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + rnd.nextInt(17));
                r.update(data, at, n);
                at += n;
            }
            assertEquals(expected, r.base64(), "seed " + seed + " round " + round + " length " + data.length);
        }
    }

    @Test
    void awsChunkedBodyWithCrc64NvmeTrailerIsByteIdenticalToTheAwsSdkV2AndVerifies() throws IOException {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        System.out.println("Crc64NvmeTest streaming seed=" + seed);
        Random rnd = new Random(seed);
        int chunk = 128 * 1024;
        int[] sizes = {0, 1, chunk - 1, chunk, chunk + 1, rnd.nextInt(3 * chunk)};
        for (int round = 0; round < sizes.length * 2; round++) {
            int size = sizes[round % sizes.length];
            boolean signed = round < sizes.length;
            byte[] body = new byte[size];
            rnd.nextBytes(body);
            Instant time = Instant.ofEpochSecond(1_700_000_000L + rnd.nextInt(100_000_000));
            String context = "seed " + seed + " size " + size + " signed " + signed;
            software.amazon.awssdk.http.auth.spi.signer.SignedRequest theirs = AwsV4HttpSigner.create().sign(b -> b
                    .identity(AwsCredentialsIdentity.create(AKID, SECRET))
                    .request(SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                            .uri(java.net.URI.create("https://bucket.s3.us-west-2.amazonaws.com/k"))
                            .putHeader("Content-Length", Integer.toString(size)).build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-west-2")
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(time, ZoneOffset.UTC))
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signed)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC64NVME));
            byte[] sdkBody;
            try (InputStream in = theirs.payload().orElseThrow().newStream()) {
                sdkBody = in.readAllBytes();
            }
            SignedRequest ours = SigV4Signer.create(SigningConfig.builder()
                    .credentials(Credentials.of(AKID, SECRET)).region("us-west-2").service("s3")
                    .clock(Clock.fixed(time, ZoneOffset.UTC))
                    .option(SigV4Options.CHUNK_SIZE, chunk)
                    .option(SigV4Options.PAYLOAD_SIGNING, signed ? PayloadSigning.STREAMING_SIGNED_TRAILER
                            : PayloadSigning.STREAMING_UNSIGNED_TRAILER)
                    .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC64NVME)
                    .build()).sign(SignableRequest.builder().method("PUT")
                    .uri("https://bucket.s3.us-west-2.amazonaws.com/k")
                    .header("Content-Length", Integer.toString(size))
                    .payload(Payload.ofBytes(body)).build());
            byte[] ourBody;
            try (InputStream in = ours.request().payload().openStream()) {
                ourBody = in.readAllBytes();
            }
            SdkV2StreamingDifferentialTest.assertSameHeaders(theirs.request(), ours.request(), context);
            assertEquals(new String(sdkBody, StandardCharsets.ISO_8859_1), new String(ourBody, StandardCharsets.ISO_8859_1),
                    context);
            assertEquals(AwsChunked.encodedLength(size, chunk, signed ? PayloadSigning.STREAMING_SIGNED_TRAILER
                    : PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC64NVME), ourBody.length, context);

            SignableRequest.Builder received = SignableRequest.builder().method("PUT")
                    .uri(theirs.request().getUri().toString());
            theirs.request().forEachHeader((k, v) -> v.forEach(x -> received.header(k, x)));
            try (InputStream decoded = SigV4Verifier.create(SigningConfig.builder().build()).verifyStreaming(
                    received.build(), SecretLookup.of(Credentials.of(AKID, SECRET)), time,
                    new ByteArrayInputStream(sdkBody))) {
                assertArrayEquals(body, decoded.readAllBytes(), context);
            }
        }
    }

    @Test
    void verifierRefusesAWrongCrc64NvmeWithBadDigest() throws IOException {
        Instant time = Instant.parse("2026-01-02T03:04:05Z");
        byte[] body = "hello, crc64nvme".getBytes(StandardCharsets.UTF_8);
        SignedRequest s = SigV4Signer.create(SigningConfig.builder()
                .credentials(Credentials.of(AKID, SECRET)).region("us-east-1").service("s3")
                .clock(Clock.fixed(time, ZoneOffset.UTC))
                .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.STREAMING_UNSIGNED_TRAILER)
                .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC64NVME)
                .build()).sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/k")
                .payload(Payload.ofBytes(body)).build());
        byte[] encoded;
        try (InputStream in = s.request().payload().openStream()) {
            encoded = in.readAllBytes();
        }
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        String good = ours(body);
        String bad = ours("hello, crc64nvmf".getBytes(StandardCharsets.UTF_8));
        byte[] tampered = text.replace(good, bad).getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(encoded.length, tampered.length);
        InputStream decoded = SigV4Verifier.create(SigningConfig.builder().build()).verifyStreaming(
                s.request(), SecretLookup.of(Credentials.of(AKID, SECRET)), time, new ByteArrayInputStream(tampered));
        AwsChunkedException e = assertThrows(AwsChunkedException.class, decoded::readAllBytes);
        assertEquals(AuthError.BAD_DIGEST, e.error());
    }

    @Test
    void theSpiStreamsCrc64NvmeByName() throws IOException {
        byte[] body = new byte[1000];
        Arrays.fill(body, (byte) 7);
        SignedRequest s = Signers.discover().streamingSigner(dev.awssig.Algorithms.SIGV4, SigningConfig.builder()
                .credentials(Credentials.of(AKID, SECRET)).region("us-east-1").service("s3").build(),
                PayloadMode.STREAMING_SIGNED_TRAILER, "crc64nvme").sign(SignableRequest.builder().method("PUT")
                .uri("https://b.s3.amazonaws.com/k").payload(Payload.ofBytes(body)).build());
        assertEquals("x-amz-checksum-crc64nvme", s.request().headers().firstValue("x-amz-trailer").orElseThrow());
        try (InputStream in = s.request().payload().openStream()) {
            String encoded = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(true, encoded.contains("x-amz-checksum-crc64nvme:" + ours(body) + "\r\n"), encoded);
        }
    }
}
