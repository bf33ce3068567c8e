package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.Signer;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SigV4 {@code aws-chunked} streaming uploads of bodies many chunks long: signed chunks, signed
 * chunks with a signed trailing checksum, and unsigned chunks with a trailing checksum. s3proxy
 * 4.1.0 verifies the seed and every chunk signature; it verifies neither the trailing checksum
 * nor the trailer signature, so the trailer test checks the checksum against the JDK instead.
 */
@ExtendWith(S3ProxyExtension.class)
class AwsChunkedE2ETest {
    private static final String BUCKET = "aws-chunked";
    private static final int CHUNK = 16 * 1024;

    private static S3Client owner;
    private static String endpoint;

    @BeforeAll
    static void bucket(S3ProxyServer s) {
        endpoint = s.endpoint();
        owner = new S3Client(endpoint, Fixtures.signing(Fixtures.v4()));
        Scenarios.createBucket(owner, BUCKET);
    }

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32C),
                Arguments.of(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32C),
                Arguments.of(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32),
                Arguments.of(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.SHA1),
                Arguments.of(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.SHA256),
                Arguments.of(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32C));
    }

    private static SignableRequest put(String key, byte[] body, boolean asStream) {
        Payload payload = asStream ? Payload.ofStream(() -> new java.io.ByteArrayInputStream(body), body.length)
                : Payload.ofBytes(body);
        return SignableRequest.builder().method("PUT").uri(endpoint + S3Paths.objectPath(BUCKET, key))
                .header("Content-Type", "application/octet-stream")
                .payload(payload).build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void bodyOfManyChunksPlusARemainderReadsBackByteForByte(PayloadSigning mode, ChecksumAlgorithm trailer) {
        Signer signer = Fixtures.v4(mode, CHUNK, trailer);
        // 10 full chunks, a partial one, then the final empty chunk.
        byte[] body = Scenarios.bytes(10 * CHUNK + 1234, mode.ordinal() * 10L + trailer.ordinal());
        String key = "streamed/" + mode + "-" + trailer + " \u00fc+.bin";
        SignableRequest wire = signer.sign(put(key, body, true)).request();
        assertEquals(String.valueOf(body.length), wire.headers().firstValue("x-amz-decoded-content-length").orElse(null));
        assertTrue(wire.headers().firstValue("Content-Encoding").orElse("").contains("aws-chunked"));
        S3Http.Response r = S3Http.send(wire, null);
        assertEquals(200, r.status(), r::describe);
        S3Http.Response get = owner.get(BUCKET, key);
        assertEquals(200, get.status(), get::describe);
        assertArrayEquals(body, get.body());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void emptyBodyIsJustTheFinalChunk(PayloadSigning mode, ChecksumAlgorithm trailer) {
        String key = "streamed-empty/" + mode + "-" + trailer;
        S3Http.Response r = S3Http.send(Fixtures.v4(mode, CHUNK, trailer).sign(put(key, new byte[0], false)));
        assertEquals(200, r.status(), r::describe);
        S3Http.Response head = owner.head(BUCKET, key);
        assertEquals("0", head.header("Content-Length"), head::describe);
    }

    static Stream<Arguments> payloadModes() {
        return Stream.of(
                Arguments.of(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32C),
                Arguments.of(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32C),
                Arguments.of(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32C));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadModes")
    void multipartUploadWithStreamedParts(PayloadSigning mode, ChecksumAlgorithm trailer) {
        Signer streaming = Fixtures.v4(mode, 64 * 1024, trailer);
        Signer plain = Fixtures.v4();
        // Only the part uploads stream; initiate and complete are small signed requests.
        S3Client c = new S3Client(endpoint, (req, body) -> req.method().equals("PUT")
                ? streaming.sign(req).request() : plain.sign(req).request());
        Scenarios.multipartUpload(c, BUCKET, "multipart/" + mode);
    }

    static Stream<Arguments> signedChunkModes() {
        return Stream.of(
                Arguments.of(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32C),
                Arguments.of(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32C));
    }

    private static byte[] encoded(SignableRequest wire) throws IOException {
        try (InputStream in = wire.payload().openStream()) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedChunkModes")
    void alteredChunkDataIsSignatureDoesNotMatch(PayloadSigning mode, ChecksumAlgorithm trailer) throws IOException {
        byte[] body = Scenarios.bytes(4 * CHUNK, 77);
        String key = "streamed-altered/" + mode;
        SignableRequest wire = Fixtures.v4(mode, CHUNK, trailer).sign(put(key, body, false)).request();
        byte[] encoded = encoded(wire);
        // A byte well inside the second chunk's data.
        encoded[indexOfChunkData(encoded, 1) + CHUNK / 2] ^= 0x01;
        S3Http.Response r = S3Http.sendOverSocket(wire, encoded);
        assertEquals(403, r.status(), r::describe);
        assertEquals("SignatureDoesNotMatch", r.errorCode(), r::describe);
        assertEquals(404, owner.head(BUCKET, key).status(), "nothing was stored");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedChunkModes")
    void chunkSignatureFromAnotherRequestIsSignatureDoesNotMatch(PayloadSigning mode, ChecksumAlgorithm trailer)
            throws IOException {
        // Two requests with the same body signed a second apart differ only in their chain of chunk
        // signatures: splice the first chunk header of one into the other.
        byte[] body = Scenarios.bytes(3 * CHUNK, 78);
        String key = "streamed-spliced/" + mode;
        Signer signer = Fixtures.v4(mode, CHUNK, trailer);
        SignableRequest a = signer.sign(put(key, body, false)).request();
        SignableRequest b = signer.sign(put(key + "-other", body, false)).request();
        byte[] ea = encoded(a);
        byte[] eb = encoded(b);
        int headerEnd = indexOfChunkData(ea, 0);
        assertEquals(headerEnd, indexOfChunkData(eb, 0));
        // Control: the other request, untouched, goes through the same socket client.
        S3Http.Response control = S3Http.sendOverSocket(b, eb.clone());
        assertEquals(200, control.status(), control::describe);
        System.arraycopy(eb, 0, ea, 0, headerEnd);
        S3Http.Response r = S3Http.sendOverSocket(a, ea);
        assertEquals(403, r.status(), r::describe);
        assertEquals("SignatureDoesNotMatch", r.errorCode(), r::describe);
    }

    static Stream<Arguments> trailerModes() {
        return Stream.of(PayloadSigning.STREAMING_SIGNED_TRAILER, PayloadSigning.STREAMING_UNSIGNED_TRAILER)
                .flatMap(m -> Stream.of(ChecksumAlgorithm.values()).map(c -> Arguments.of(m, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("trailerModes")
    void trailingChecksumIsTheBodysChecksumThoughS3ProxyVerifiesNeitherItNorTheTrailerSignature(PayloadSigning mode, ChecksumAlgorithm trailer)
            throws Exception {
        byte[] body = Scenarios.bytes(5 * CHUNK + 99, 79);
        String key = "streamed-trailer/" + mode + "-" + trailer;
        SignableRequest wire = Fixtures.v4(mode, CHUNK, trailer).sign(put(key, body, false)).request();
        String name = trailer.headerName();
        assertEquals(name, wire.headers().firstValue("x-amz-trailer").orElse(null));
        String text = new String(encoded(wire), StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("\r\n" + name + ":");
        assertTrue(at > 0, "trailer " + name + " on the wire");
        int end = text.indexOf("\r\n", at + 2);
        assertEquals(Checksums.base64(trailer.name(), body), text.substring(at + 2 + name.length() + 1, end),
                "trailing checksum, computed independently with the JDK");
        S3Http.Response r = S3Http.send(wire, null);
        assertEquals(200, r.status(), r::describe);
        assertArrayEquals(body, owner.get(BUCKET, key).body());
    }

    /** Where the data of chunk {@code n} (0-based) starts: after its "size[;ext]\r\n" header line. */
    private static int indexOfChunkData(byte[] encoded, int n) {
        int pos = 0;
        for (int chunk = 0; ; chunk++) {
            int eol = pos;
            while (!(encoded[eol] == '\r' && encoded[eol + 1] == '\n')) {
                eol++;
            }
            String header = new String(encoded, pos, eol - pos, java.nio.charset.StandardCharsets.US_ASCII);
            int semi = header.indexOf(';');
            int size = Integer.parseInt(semi < 0 ? header : header.substring(0, semi), 16);
            int data = eol + 2;
            if (chunk == n) {
                return data;
            }
            pos = data + size + 2;
        }
    }
}
