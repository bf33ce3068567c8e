package dev.awssig.v4a;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.awssig.v4.AwsChunkedException;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SignedHeadersPolicy;
import dev.awssig.v4a.support.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a SigV4a aws-chunked body ends on the connection: exactly where its framing ends, or at
 * its Content-Length. The decoder used to wrap the body in a 16 KiB {@code BufferedInputStream}
 * and read past its end into the next pipelined request; now it never asks the connection for a
 * byte past the body (the {@link Wire} records every read asked of it), and a Content-Length
 * that disagrees with the framing is {@code IncompleteBody} naming it.
 */
class AwsChunkedPipeliningV4aTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final Credentials CREDS = Credentials.of("AKIAPIPELINE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final SigV4aVerifier VERIFIER = SigV4aVerifier.create(SigningConfig.builder().build());
    private static final byte[] NEXT_REQUEST = "GET /next HTTP/1.1\r\nHost: b.s3.amazonaws.com\r\n\r\n"
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

    /** Signed without Content-Length, so that each test can send it or not, or another one. */
    private static SignedRequest sign(PayloadSigning mode, ChecksumAlgorithm checksum, byte[] body, int chunkSize) {
        return SigV4aSigner.create(SigningConfig.builder().credentials(CREDS).service("s3").region("us-west-2")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.TRAILER_CHECKSUM, checksum)
                .option(SigV4Options.CHUNK_SIZE, chunkSize)
                .option(SigV4Options.SIGNED_HEADERS, SignedHeadersPolicy.excluding("content-length")).build())
                .sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/k")
                        .payload(Payload.ofBytes(body)).build());
    }

    private static byte[] encoded(SignedRequest s) throws IOException {
        try (InputStream in = s.request().payload().openStream()) {
            return in.readAllBytes();
        }
    }

    /**
     * The body with its chunk and trailer signatures' {@code *} padding removed (the padding is
     * optional, and not part of what is signed): the signatures are then of their DER length.
     */
    private static byte[] unpadded(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String out = text.replaceAll("(;chunk-signature=[0-9a-f]+)\\*+\r\n", "$1\r\n")
                .replaceAll("(x-amz-trailer-signature:[0-9a-f]+)\\*+\r\n", "$1\r\n");
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static SignableRequest length(SignedRequest s, long contentLength) {
        return s.request().toBuilder().setHeader("Content-Length", Long.toString(contentLength)).build();
    }

    private static SignableRequest noLength(SignedRequest s) {
        return s.request().toBuilder().removeHeader("Content-Length").build();
    }

    /** Decodes the body from the wire, checks it, and checks that no read asked for a byte past the body. */
    private static void decodesAndStops(SignableRequest request, byte[] body, byte[] encoded, int slice, String what)
            throws IOException {
        Wire wire = new Wire(encoded, NEXT_REQUEST, slice);
        try (InputStream decoded = VERIFIER.verifyStreaming(request, SECRETS, NOW, wire)) {
            assertArrayEquals(body, decoded.readAllBytes(), what);
        }
        assertTrue(wire.furthestAsked() <= encoded.length, what + ": asked up to " + wire.furthestAsked()
                + " of a body of " + encoded.length);
        assertArrayEquals(NEXT_REQUEST, wire.rest(), what + ": the next request is left on the connection");
    }

    /**
     * The decoder stops at the end of the body it verified, with and without Content-Length, on
     * a connection that hands out 1, 7 or any number of bytes per read, with the signatures
     * padded to 144 characters (as the signer and aws-c-auth send them) or not.
     */
    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("modes")
    void theNextPipelinedRequestStaysInTheStream(PayloadSigning mode, ChecksumAlgorithm checksum, int size)
            throws IOException {
        byte[] body = data(size);
        SignedRequest s = sign(mode, checksum, body, 8192);
        byte[] padded = encoded(s);
        for (byte[] encoded : new byte[][] {padded, unpadded(padded)}) {
            for (int slice : new int[] {1, 7, 1 << 20}) {
                String what = mode + " " + checksum + " " + size + " bytes, " + encoded.length + " encoded, slice "
                        + slice;
                decodesAndStops(noLength(s), body, encoded, slice, what);
                decodesAndStops(length(s, encoded.length), body, encoded, slice, what + ", Content-Length");
            }
        }
    }

    /** The signer's own request, Content-Length signed as it sends it, decodes and stops there too. */
    @Test
    void theSignersRequestWithItsSignedContentLengthStopsAtItsEnd() throws IOException {
        SignedRequest s = SigV4aSigner.create(SigningConfig.builder().credentials(CREDS).service("s3")
                .region("us-west-2").clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.STREAMING_SIGNED_TRAILER)
                .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.SHA256)
                .option(SigV4Options.CHUNK_SIZE, 8192).build())
                .sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/k")
                        .payload(Payload.ofBytes(data(30000))).build());
        byte[] encoded = encoded(s);
        assertEquals(Integer.toString(encoded.length), s.request().headers().firstValue("Content-Length")
                .orElseThrow());
        decodesAndStops(s.request(), data(30000), encoded, 1 << 20, "signed Content-Length");
    }

    /**
     * The decoder reads in blocks: with Content-Length it reads within it, 16 KiB and chunk
     * data at a time; without it, a signature's DER header tells how long its line is, so a
     * byte at a time is read only where the framing cannot tell (the final chunk's and the
     * trailer signature's optional padding, at most 4 bytes each, and the lines that end the body).
     */
    @Test
    void theDecoderReadsInBlocks() throws IOException {
        byte[] body = data(1 << 20);
        for (PayloadSigning mode : new PayloadSigning[] {PayloadSigning.STREAMING_SIGNED,
            PayloadSigning.STREAMING_SIGNED_TRAILER, PayloadSigning.STREAMING_UNSIGNED_TRAILER}) {
            SignedRequest s = sign(mode, ChecksumAlgorithm.CRC32, body, 64 * 1024);
            byte[] encoded = encoded(s);
            for (boolean withLength : new boolean[] {true, false}) {
                Wire wire = new Wire(encoded, NEXT_REQUEST, 1 << 20);
                try (InputStream decoded = VERIFIER.verifyStreaming(withLength ? length(s, encoded.length)
                        : noLength(s), SECRETS, NOW, wire)) {
                    assertArrayEquals(body, decoded.readAllBytes());
                }
                String what = mode + (withLength ? " with" : " without") + " Content-Length: " + wire.reads()
                        + " reads, " + wire.singleByteReads() + " of one byte";
                // 16 chunks of 64 KiB and the final one. With Content-Length: per chunk one 16 KiB
                // read of the CRLF, the next header and the start of the data, and one of the rest
                // of the data; 3 more for the first chunk, whose buffer grows 8, 16, 32, 64 KiB.
                // Without it, one more per chunk: the bytes up to a signature's DER header first
                assertTrue(wire.reads() <= (withLength ? 2 * 17 + 3 : 3 * 17 + 3 + 6), what);
                // the padding of the last signatures (4 characters, rarely more) and the lines that end the body
                assertTrue(wire.singleByteReads() <= (withLength ? 0 : 12), what);
                assertTrue(wire.furthestAsked() <= encoded.length, what);
            }
        }
    }

    // ------------------------------------------------------------------ Content-Length against the framing

    private static AwsChunkedException drainFails(InputStream in) {
        return assertThrows(AwsChunkedException.class, () -> in.transferTo(new ByteArrayOutputStream()));
    }

    /**
     * A Content-Length shorter than the framing: the decoder reads no byte past it, and answers
     * IncompleteBody naming the Content-Length, wherever it cuts the body (in a chunk header,
     * in chunk data, in a chunk's CRLF, in the trailer, in the last line).
     */
    @ParameterizedTest
    @ValueSource(strings = {"STREAMING_SIGNED", "STREAMING_SIGNED_TRAILER", "STREAMING_UNSIGNED_TRAILER"})
    void aContentLengthShorterThanTheFramingIsIncompleteBodyNamingIt(PayloadSigning mode) throws IOException {
        SignedRequest s = sign(mode, ChecksumAlgorithm.CRC32, data(300), 100);
        byte[] encoded = encoded(s);
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        int firstData = text.indexOf("\r\n") + 2;
        int[] cuts = {0, 1, firstData - 1, firstData, firstData + 50, firstData + 100, firstData + 101,
            encoded.length - 20, encoded.length - 2, encoded.length - 1};
        for (int cl : cuts) {
            Wire wire = new Wire(encoded, NEXT_REQUEST, 1 << 20);
            AwsChunkedException e = drainFails(VERIFIER.verifyStreaming(length(s, cl), SECRETS, NOW, wire));
            assertEquals(AuthError.INCOMPLETE_BODY, e.error(), e.getMessage());
            assertTrue(e.getMessage().contains("Content-Length " + cl + ")"), cl + ": " + e.getMessage());
            assertTrue(wire.furthestAsked() <= cl, cl + ": asked up to " + wire.furthestAsked());
        }
    }

    /**
     * A Content-Length longer than the framing: bytes after the final chunk (or the trailer)
     * within it are IncompleteBody, as is a connection that ends before it; either way the
     * message names where the framing ended and the Content-Length.
     */
    @ParameterizedTest
    @ValueSource(strings = {"STREAMING_SIGNED", "STREAMING_SIGNED_TRAILER", "STREAMING_UNSIGNED_TRAILER"})
    void aContentLengthLongerThanTheFramingIsIncompleteBodyNamingIt(PayloadSigning mode) throws IOException {
        SignedRequest s = sign(mode, ChecksumAlgorithm.CRC32, data(300), 100);
        byte[] encoded = encoded(s);
        String framing = mode.hasTrailer() ? "its final chunk and trailer" : "its final chunk";
        int n = encoded.length;

        Wire more = new Wire(encoded, NEXT_REQUEST, 1 << 20);
        AwsChunkedException after = drainFails(VERIFIER.verifyStreaming(length(s, n + 5), SECRETS, NOW, more));
        assertEquals(AuthError.INCOMPLETE_BODY, after.error());
        assertEquals("IncompleteBody: The aws-chunked body has data after " + framing + ": its framing ends at byte "
                + n + " of Content-Length " + (n + 5), after.getMessage());
        assertTrue(more.furthestAsked() <= n + 5, "asked up to " + more.furthestAsked());

        Wire nul = new Wire(encoded, new byte[1], 1 << 20);
        AwsChunkedException zeroByte = drainFails(VERIFIER.verifyStreaming(length(s, n + 1), SECRETS, NOW, nul));
        assertTrue(zeroByte.getMessage().contains("has data after " + framing), zeroByte.getMessage());

        Wire cut = new Wire(encoded, new byte[0], 1 << 20);
        AwsChunkedException shortBody = drainFails(VERIFIER.verifyStreaming(length(s, n + 1), SECRETS, NOW, cut));
        assertEquals(AuthError.INCOMPLETE_BODY, shortBody.error());
        assertEquals("IncompleteBody: The aws-chunked body ended after " + framing + " at byte " + n
                + ", short of its Content-Length " + (n + 1), shortBody.getMessage());
    }

    /**
     * A Content-Length that is no decimal number (or is given twice) is rejected by
     * verifyStreaming itself, as a VerificationException naming it, before a byte of the body
     * is read; with Transfer-Encoding, HTTP ignores Content-Length, and so does the decoder.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+10", "1e3", "0x10", "\u0661\u0660", "99999999999999999999", "1 0"})
    void aContentLengthThatIsNoNumberIsRejectedBeforeTheBodyIsRead(String contentLength) throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(10), 100);
        byte[] encoded = encoded(s);
        Wire wire = new Wire(encoded, NEXT_REQUEST, 1 << 20);
        SignableRequest request = s.request().toBuilder().setHeader("Content-Length", contentLength).build();
        VerificationException e = assertThrows(VerificationException.class,
                () -> VERIFIER.verifyStreaming(request, SECRETS, NOW, wire));
        assertEquals(AuthError.INVALID_ARGUMENT, e.error());
        assertTrue(e.getMessage().contains("Content-Length"), e.getMessage());
        assertEquals(0, wire.reads());

        decodesAndStops(request.toBuilder().setHeader("Transfer-Encoding", "chunked").build(), data(10), encoded,
                1 << 20, "Transfer-Encoding with Content-Length '" + contentLength + "'");
    }

    @Test
    void twoContentLengthsAreRejectedBeforeTheBodyIsRead() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(10), 100);
        byte[] encoded = encoded(s);
        Wire wire = new Wire(encoded, NEXT_REQUEST, 1 << 20);
        String n = Integer.toString(encoded.length);
        SignableRequest request = s.request().toBuilder().header("Content-Length", n).header("Content-Length", n)
                .build();
        VerificationException e = assertThrows(VerificationException.class,
                () -> VERIFIER.verifyStreaming(request, SECRETS, NOW, wire));
        assertEquals(AuthError.INVALID_ARGUMENT, e.error());
        assertTrue(e.getMessage().contains("more than one content-length"), e.getMessage());
        assertEquals(0, wire.reads());
    }

    /** A Content-Length with spaces around its digits is that number (as x-amz-decoded-content-length). */
    @Test
    void aContentLengthIsReadWithoutItsSurroundingSpaces() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, data(10), 100);
        byte[] encoded = encoded(s);
        SignableRequest request = s.request().toBuilder().setHeader("Content-Length", " " + encoded.length + "\t")
                .build();
        decodesAndStops(request, data(10), encoded, 1 << 20, "spaced Content-Length");
        AwsChunkedException e = drainFails(VERIFIER.verifyStreaming(length(s, encoded.length - 1), SECRETS, NOW,
                new Wire(encoded, NEXT_REQUEST, 1 << 20)));
        assertTrue(e.getMessage().contains("(Content-Length " + (encoded.length - 1) + ")"), e.getMessage());
    }

    /** A Content-Length of 0: nothing is read, and the missing chunk header is named. */
    @Test
    void aContentLengthOfZeroReadsNothing() {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(0), 100);
        Wire wire = new Wire(new byte[0], NEXT_REQUEST, 1 << 20);
        AwsChunkedException e = drainFails(VERIFIER.verifyStreaming(length(s, 0), SECRETS, NOW, wire));
        assertEquals("IncompleteBody: The aws-chunked body ended inside the chunk header (Content-Length 0)",
                e.getMessage());
        assertEquals(0, wire.furthestAsked());
        assertArrayEquals(NEXT_REQUEST, wire.rest());
    }

    /** Without Content-Length: a connection that ends right after a chunk's data or a line's CR is named as a cut. */
    @Test
    void aConnectionThatEndsInACrLfIsACut() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, data(10), 100);
        byte[] encoded = encoded(s);
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        int afterData = text.indexOf("\r\n") + 2 + 10;
        String[][] cases = {
            {Integer.toString(afterData), "ended inside a chunk's CRLF"},
            {Integer.toString(afterData + 1), "ended inside a chunk's CRLF"},
            {Integer.toString(text.indexOf("\r\n") + 1), "ended inside the chunk header"},
            {Integer.toString(encoded.length - 1), "ended inside the trailer"},
        };
        for (String[] c : cases) {
            byte[] cut = Arrays.copyOf(encoded, Integer.parseInt(c[0]));
            AwsChunkedException e = drainFails(VERIFIER.verifyStreaming(noLength(s), SECRETS, NOW,
                    new Wire(cut, new byte[0], 1 << 20)));
            assertEquals(AuthError.INCOMPLETE_BODY, e.error());
            assertTrue(e.getMessage().endsWith(c[1]), c[0] + ": " + e.getMessage());
        }
    }

    /**
     * An unsigned-trailer body may carry a ";chunk-signature=" extension and an
     * "x-amz-trailer-signature" line (both ignored without signing): their text says nothing of
     * the body's length, and the decoder still stops at the body's end.
     */
    @Test
    void signatureLookalikesInAnUnsignedBodyDoNotMoveItsEnd() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, data(10), 100);
        String text = new String(encoded(s), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("a\r\n"), text);
        String trailerEnd = "\r\n\r\n";
        assertTrue(text.endsWith(trailerEnd));
        byte[] lookalikes = ("a;chunk-signature=3046" + text.substring(1, text.length() - 2)
                + "x-amz-trailer-signature:3046\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int slice : new int[] {1, 1 << 20}) {
            decodesAndStops(noLength(s), data(10), lookalikes, slice, "lookalikes, slice " + slice);
        }
    }

    /** A connection whose read answers 0 bytes (a broken stream) is taken as ended, not as data. */
    @Test
    void aReadOfZeroBytesIsTheEndOfTheConnection() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(10), 100);
        byte[] encoded = encoded(s);
        for (boolean withLength : new boolean[] {false, true}) {
            int headerEnd = new String(encoded, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
            for (int[] c : new int[][] {{5, 0}, {headerEnd + 4, 1}}) {
                int stop = c[0];
                InputStream zero = new InputStream() {
                    private int at;

                    @Override
                    public int read() {
                        return at < stop ? encoded[at++] & 0xff : 0;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (at >= stop || len == 0) {
                            return 0;
                        }
                        b[off] = encoded[at++];
                        return 1;
                    }
                };
                AwsChunkedException e = drainFails(VERIFIER.verifyStreaming(withLength ? length(s, encoded.length)
                        : noLength(s), SECRETS, NOW, zero));
                assertEquals("IncompleteBody: The aws-chunked body ended inside " + (c[1] == 0 ? "the chunk header"
                        : "a chunk"), e.getMessage());
            }
        }
    }

    /** A connection that closes before its Content-Length is a cut body: named where it is cut, not as Content-Length's end. */
    @Test
    void aConnectionClosedBeforeItsContentLengthIsNamedAsACut() {
        SignedRequest s = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, data(10), 100);
        byte[] encoded = assertEncoded(s);
        Wire cut = new Wire(Arrays.copyOf(encoded, encoded.length - 5), new byte[0], 1 << 20);
        AwsChunkedException e = drainFails(VERIFIER.verifyStreaming(length(s, encoded.length), SECRETS, NOW, cut));
        assertEquals("IncompleteBody: The aws-chunked body ended inside the trailer", e.getMessage());
    }

    private static byte[] assertEncoded(SignedRequest s) {
        try {
            return encoded(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
