package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.v4.support.Trickle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where an aws-chunked body ends: exactly where its framing ends. Bytes after the final chunk
 * (or after the trailer) are an error; the decoder never reads past the end of the body it
 * verified, so a request pipelined after it stays in the stream; chunk header lines and the
 * trailer are bounded by {@link VerificationLimits}; {@code verify()} does not pass an
 * aws-chunked request whose body it never checked.
 */
class AwsChunkedFramingTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final byte[] NEXT_REQUEST = ("GET /next HTTP/1.1\r\nHost: bucket.s3.amazonaws.com\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    static Stream<Arguments> modes() {
        List<Arguments> out = new ArrayList<>();
        for (int size : new int[] {0, 1, 100, 8192, 20000}) {
            out.add(Arguments.of(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, size));
            for (ChecksumAlgorithm c : ChecksumAlgorithm.values()) {
                out.add(Arguments.of(PayloadSigning.STREAMING_SIGNED_TRAILER, c, size));
                out.add(Arguments.of(PayloadSigning.STREAMING_UNSIGNED_TRAILER, c, size));
            }
        }
        return out.stream();
    }

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    /**
     * Signed without Content-Length (a proxy may change it, and a request framed by
     * Transfer-Encoding has none), so that the tests can send it or not.
     */
    private static SignedRequest sign(PayloadSigning mode, ChecksumAlgorithm checksum, byte[] body) {
        return sign(mode, checksum, body, SignedHeadersPolicy.excluding("content-length"));
    }

    private static SignedRequest sign(PayloadSigning mode, ChecksumAlgorithm checksum, byte[] body,
                                      SignedHeadersPolicy policy) {
        return SigV4Signer.create(SigningConfig.builder().credentials(CREDS).region("eu-west-1").service("s3")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .option(SigV4Options.SIGNED_HEADERS, policy)
                .option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.CHUNK_SIZE, 8192)
                .option(SigV4Options.TRAILER_CHECKSUM, checksum).build())
                .sign(SignableRequest.builder().method("PUT").uri("https://bucket.s3.eu-west-1.amazonaws.com/k")
                        .payload(Payload.ofBytes(body)).build());
    }

    private static byte[] encode(SignedRequest s) throws IOException {
        try (InputStream in = s.request().payload().openStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static SigV4Verifier verifier(VerificationLimits limits) {
        return SigV4Verifier.create(SigningConfig.builder().option(VerificationLimits.OPTION, limits).build());
    }

    private static AwsChunkedException drainFails(InputStream in) {
        return assertThrows(AwsChunkedException.class, () -> in.transferTo(new ByteArrayOutputStream()));
    }

    /**
     * The decoder stops at the end of the body it verified: the 16 KiB read-ahead used to swallow
     * the start of the next pipelined request. On a raw socket (no Content-Length) it reads no
     * further than a valid body must still reach; with a Content-Length, no further than that.
     */
    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("modes")
    void theNextPipelinedRequestStaysInTheStream(PayloadSigning mode, ChecksumAlgorithm checksum, int size)
            throws IOException {
        byte[] body = data(size);
        SignedRequest s = sign(mode, checksum, body);
        for (boolean contentLength : new boolean[] {false, true}) {
            SignableRequest request = contentLength ? s.request()
                    : s.request().toBuilder().removeHeader("Content-Length").build();
            for (int slice : new int[] {1, 7, 1 << 20}) {
                InputStream socket = new Trickle(concat(encode(s), NEXT_REQUEST), slice);
                try (InputStream decoded = verifier(VerificationLimits.defaults()).verifyStreaming(request, SECRETS,
                        NOW, socket)) {
                    assertArrayEquals(body, decoded.readAllBytes());
                    assertArrayEquals(NEXT_REQUEST, socket.readAllBytes(), "the next request is left in the stream"
                            + (contentLength ? " (Content-Length)" : ""));
                }
            }
        }
    }

    /** Bytes after the final chunk (or the trailer) within the body used to be ignored. */
    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("modes")
    void bytesAfterTheFinalChunkOrTrailerAreIncompleteBody(PayloadSigning mode, ChecksumAlgorithm checksum, int size)
            throws IOException {
        SignedRequest s = sign(mode, checksum, data(size));
        byte[] extra = concat(encode(s), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        SignableRequest request = s.request().toBuilder().setHeader("Content-Length", Integer.toString(extra.length))
                .build();
        AwsChunkedException e = drainFails(verifier(VerificationLimits.defaults()).verifyStreaming(
                request, SECRETS, NOW, new ByteArrayInputStream(extra)));
        assertEquals(AuthError.INCOMPLETE_BODY, e.error());
        assertTrue(e.getMessage().contains("5 bytes after its final chunk"), e.getMessage());
    }

    @Test
    void aBodyShorterThanItsContentLengthIsIncompleteBody() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(100));
        byte[] encoded = encode(s);
        byte[] cut = java.util.Arrays.copyOf(encoded, encoded.length - 1);
        assertEquals(AuthError.INCOMPLETE_BODY, drainFails(verifier(VerificationLimits.defaults()).verifyStreaming(
                s.request(), SECRETS, NOW, new ByteArrayInputStream(cut))).error());
    }

    /**
     * Fuzz finding (SigV4FuzzTest#awsChunked, allocation bound): a chunk header claiming more than
     * the signed x-amz-decoded-content-length made the decoder allocate the claimed size before
     * reading a byte of it. Now it is refused before its data is read.
     */
    @Test
    void aChunkHeaderClaimingMoreThanTheSignedDecodedLengthIsRefusedBeforeItsDataIsRead() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(20_000));
        byte[] encoded = encode(s);
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("2000;chunk-signature="), text.substring(0, 30));
        byte[] claimed = ("ffffff" + text.substring(4)).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayInputStream connection = new ByteArrayInputStream(claimed);
        SignableRequest request = s.request().toBuilder().removeHeader("Content-Length").build();
        AwsChunkedException e = drainFails(verifier(VerificationLimits.defaults()).verifyStreaming(request, SECRETS,
                NOW, connection));
        assertEquals(AuthError.INCOMPLETE_BODY, e.error());
        assertTrue(e.result().message().contains("x-amz-decoded-content-length"), e.result().message());
        assertTrue(connection.available() >= 20_000, "only the chunk header was read: " + connection.available());
    }

    @Test
    void dataAfterTheFinalChunkOnItsLineIsIncompleteBody() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(100));
        byte[] encoded = encode(s);
        byte[] garbage = concat(java.util.Arrays.copyOf(encoded, encoded.length - 2),
                "junk\r\n".getBytes(StandardCharsets.US_ASCII));
        SignableRequest request = s.request().toBuilder().removeHeader("Content-Length").build();
        AwsChunkedException e = drainFails(verifier(VerificationLimits.defaults()).verifyStreaming(request, SECRETS,
                NOW, new ByteArrayInputStream(garbage)));
        assertEquals(AuthError.INCOMPLETE_BODY, e.error());
    }

    /** verify() on an aws-chunked request answered OK over a body it never checked. */
    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("modes")
    void verifyOnAnAwsChunkedRequestNamesVerifyStreaming(PayloadSigning mode, ChecksumAlgorithm checksum, int size)
            throws IOException {
        SignedRequest s = sign(mode, checksum, data(size));
        for (byte[] body : new byte[][] {encode(s), "anything".getBytes(StandardCharsets.US_ASCII)}) {
            VerificationResult r = verifier(VerificationLimits.defaults()).verify(
                    s.request().toBuilder().payload(Payload.ofBytes(body)).build(), SECRETS, NOW);
            assertFalse(r.isValid());
            assertEquals(AuthError.INVALID_REQUEST, r.error().orElseThrow());
            assertTrue(r.message().contains("verifyStreaming"), r.message());
        }
    }

    @Test
    void aChunkHeaderLineOverTheLimitIsIncompleteBodyNamingTheLimit() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, data(100));
        String encoded = new String(encode(s), StandardCharsets.ISO_8859_1);
        // "64;" + a long chunk extension: a line of 200 bytes against a limit of 128
        String longLine = encoded.replaceFirst("\r\n", ";ext=" + "x".repeat(190) + "\r\n");
        VerificationLimits small = VerificationLimits.builder().maxChunkHeaderLength(128).build();
        SignableRequest request = s.request().toBuilder().removeHeader("Content-Length").build();
        AwsChunkedException e = drainFails(verifier(small).verifyStreaming(request, SECRETS, NOW,
                new ByteArrayInputStream(longLine.getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(AuthError.INCOMPLETE_BODY, e.error());
        assertTrue(e.getMessage().contains("maxChunkHeaderLength") && e.getMessage().contains("128"), e.getMessage());
        // the same line fits the default limit
        assertArrayEquals(data(100), verifier(VerificationLimits.defaults()).verifyStreaming(request, SECRETS, NOW,
                new ByteArrayInputStream(longLine.getBytes(StandardCharsets.ISO_8859_1))).readAllBytes());
    }

    @Test
    void aTrailerOverTheLimitIsIncompleteBodyNamingTheLimit() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.SHA256, data(100));
        byte[] encoded = encode(s);
        SignableRequest request = s.request().toBuilder().removeHeader("Content-Length").build();
        VerificationLimits small = VerificationLimits.builder().maxTrailerBytes(100).build();
        AwsChunkedException e = drainFails(verifier(small).verifyStreaming(request, SECRETS, NOW,
                new ByteArrayInputStream(encoded)));
        assertEquals(AuthError.INCOMPLETE_BODY, e.error());
        assertTrue(e.getMessage().contains("maxTrailerBytes") && e.getMessage().contains("100"), e.getMessage());
        VerificationLimits enough = VerificationLimits.builder().maxTrailerBytes(200).build();
        assertArrayEquals(data(100), verifier(enough).verifyStreaming(request, SECRETS, NOW,
                new ByteArrayInputStream(encoded)).readAllBytes());
    }

    /**
     * A control character in a trailer line is refused: {@code String.trim()} used to drop a NUL
     * before the name, so {@code "\0x-amz-checksum-sha256:..."} was read as the declared trailer
     * (found by VerifierMutationTest, seed -2053801908905594247). Space and tab around the name
     * and value stay optional whitespace.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("trailerModes")
    void aControlCharacterInATrailerLineIsInvalidRequest(PayloadSigning mode) throws IOException {
        SignedRequest s = sign(mode, ChecksumAlgorithm.SHA256, data(100));
        byte[] encoded = encode(s);
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("x-amz-checksum-sha256:");
        assertTrue(at > 0, text);
        SignableRequest request = s.request().toBuilder().removeHeader("Content-Length").build();
        for (String inserted : new String[] {"\u0000", "\u001f", "\u007f", "\u000b"}) {
            byte[] forged = (text.substring(0, at) + inserted + text.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
            AwsChunkedException e = drainFails(verifier(VerificationLimits.defaults()).verifyStreaming(request, SECRETS,
                    NOW, new ByteArrayInputStream(forged)));
            assertEquals(AuthError.INVALID_REQUEST, e.error());
            assertTrue(e.getMessage().contains("control character"), e.getMessage());
        }
        if (mode == PayloadSigning.STREAMING_UNSIGNED_TRAILER) { // a signed trailer is signed without the space
            byte[] spaced = (text.substring(0, at) + " \t" + text.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
            assertArrayEquals(data(100), verifier(VerificationLimits.defaults()).verifyStreaming(request, SECRETS, NOW,
                    new ByteArrayInputStream(spaced)).readAllBytes());
        }
    }

    static Stream<PayloadSigning> trailerModes() {
        return Stream.of(PayloadSigning.STREAMING_SIGNED_TRAILER, PayloadSigning.STREAMING_UNSIGNED_TRAILER);
    }

    @Test
    void aMalformedContentLengthIsRefusedBeforeTheBody() {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(10));
        for (String length : new String[] {"+10", "\u0661\u0660", "1e1", "-1", "99999999999999999999"}) {
            SignableRequest r = s.request().toBuilder().setHeader("Content-Length", length).build();
            VerificationException e = assertThrows(VerificationException.class, () -> verifier(
                    VerificationLimits.defaults()).verifyStreaming(r, SECRETS, NOW, new ByteArrayInputStream(new byte[0])));
            assertEquals(AuthError.INVALID_ARGUMENT, e.error(), length);
        }
        SignableRequest twice = s.request().toBuilder().header("x-amz-decoded-content-length", "10").build();
        assertThrows(VerificationException.class, () -> verifier(VerificationLimits.defaults()).verifyStreaming(twice,
                SECRETS, NOW, new ByteArrayInputStream(new byte[0])));
    }
}
