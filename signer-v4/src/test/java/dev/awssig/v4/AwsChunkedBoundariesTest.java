package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.v4.support.HandSigned;
import dev.awssig.v4.support.JdkSigV4;
import dev.awssig.v4.support.Trickle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The aws-chunked framing at its boundaries, on bodies framed here by hand: the request's seed
 * signature, every chunk signature and the trailer signature come from {@link JdkSigV4} (the JDK's
 * {@code Mac} and {@code MessageDigest} following the "Signature Calculations for the
 * Authorization Header: Transferring Payload in Multiple Chunks" page of the S3 documentation),
 * the trailer checksum from {@link CRC32}; nothing of the module's own signing code is involved.
 * Each test changes one thing of a valid body and checks the one answer (S3 error code and the
 * words of the message) the verifier gives for it.
 */
class AwsChunkedBoundariesTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final String HOST = "bucket.s3.eu-west-1.amazonaws.com";
    private static final String SCOPE = "20240301/" + HandSigned.REGION + "/s3/aws4_request";
    private static final SecretLookup SECRETS = SecretLookup.of(Credentials.of(HandSigned.ID, HandSigned.SECRET));
    private static final String SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    private static final String SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    private static final String UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    private static final byte[] NEXT_REQUEST = "GET /next HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String crc32(byte[] body) {
        CRC32 c = new CRC32();
        c.update(body);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }

    /** A request whose Authorization header the JDK oracle signed, and its seed signature. */
    private static final class Upload {
        final String mode;
        final SignableRequest request;
        final String seed;

        Upload(String mode, long decodedLength) {
            this.mode = mode;
            HandSigned h = HandSigned.request("PUT", HOST, "/k", null, "s3")
                    .header("content-encoding", "aws-chunked")
                    .header("x-amz-content-sha256", mode)
                    .header("x-amz-date", HandSigned.AMZ_DATE)
                    .header("x-amz-decoded-content-length", Long.toString(decodedLength))
                    .payloadHash(mode);
            if (!mode.equals(SIGNED)) {
                h.header("x-amz-trailer", "x-amz-checksum-crc32");
            }
            this.request = h.build();
            String auth = request.headers().values("authorization").get(0);
            this.seed = auth.substring(auth.indexOf("Signature=") + "Signature=".length());
        }

        SignableRequest withContentLength(long length) {
            return request.toBuilder().setHeader("Content-Length", Long.toString(length)).build();
        }
    }

    /** Writes an aws-chunked body chunk by chunk, signing each chunk with the JDK oracle when the mode signs chunks. */
    private static final class Framer {
        final boolean signs;
        String previous;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Framer(Upload upload) {
            this.signs = !upload.mode.equals(UNSIGNED_TRAILER);
            this.previous = upload.seed;
        }

        String chunkSignature(byte[] chunk) {
            String sts = "AWS4-HMAC-SHA256-PAYLOAD\n" + HandSigned.AMZ_DATE + "\n" + SCOPE + "\n" + previous + "\n"
                    + JdkSigV4.sha256Hex(new byte[0]) + "\n" + JdkSigV4.sha256Hex(chunk);
            previous = JdkSigV4.signatureOfStringToSign(HandSigned.SECRET, HandSigned.AMZ_DATE, HandSigned.REGION,
                    "s3", sts);
            return previous;
        }

        /** A chunk with its header line written as {@code size} (hex) and the signature extension. */
        Framer chunk(String size, byte[] chunk) {
            out.writeBytes(ascii(size + (signs ? ";chunk-signature=" + chunkSignature(chunk) : "") + "\r\n"));
            out.writeBytes(chunk);
            if (chunk.length > 0) {
                out.writeBytes(ascii("\r\n"));
            }
            return this;
        }

        Framer chunk(byte[] chunk) {
            return chunk(Integer.toHexString(chunk.length), chunk);
        }

        Framer chunks(byte[] body, int chunkSize) {
            for (int at = 0; at < body.length; at += chunkSize) {
                chunk(Arrays.copyOfRange(body, at, Math.min(body.length, at + chunkSize)));
            }
            return chunk(new byte[0]);
        }

        /** The trailer: the checksum line and, when signed, the trailer signature; then the empty line. */
        Framer trailer(String checksum) {
            String line = "x-amz-checksum-crc32:" + checksum;
            out.writeBytes(ascii(line + "\r\n"));
            if (signs) {
                String sts = "AWS4-HMAC-SHA256-TRAILER\n" + HandSigned.AMZ_DATE + "\n" + SCOPE + "\n" + previous + "\n"
                        + JdkSigV4.sha256Hex(line + "\n");
                out.writeBytes(ascii("x-amz-trailer-signature:" + JdkSigV4.signatureOfStringToSign(HandSigned.SECRET,
                        HandSigned.AMZ_DATE, HandSigned.REGION, "s3", sts) + "\r\n"));
            }
            return end();
        }

        Framer end() {
            out.writeBytes(ascii("\r\n"));
            return this;
        }

        Framer raw(String text) {
            out.writeBytes(ascii(text));
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A valid body of {@code body} in chunks of {@code chunkSize}, in the upload's mode. */
    private static byte[] valid(Upload u, byte[] body, int chunkSize) {
        Framer f = new Framer(u).chunks(body, chunkSize);
        return u.mode.equals(SIGNED) ? f.end().bytes() : f.trailer(crc32(body)).bytes();
    }

    private static SigV4Verifier verifier(VerificationLimits limits, int maxChunkSize) {
        return SigV4Verifier.create(SigningConfig.builder().region(HandSigned.REGION).service("s3")
                .option(SigV4Options.MAX_CHUNK_SIZE, maxChunkSize)
                .option(VerificationLimits.OPTION, limits).build());
    }

    private static SigV4Verifier verifier() {
        return verifier(VerificationLimits.defaults(), 1 << 20);
    }

    private static byte[] decode(SigV4Verifier v, SignableRequest r, InputStream body) throws IOException {
        try (InputStream in = v.verifyStreaming(r, SECRETS, NOW, body)) {
            return in.readAllBytes();
        }
    }

    private static AwsChunkedException fails(SigV4Verifier v, SignableRequest r, byte[] body) {
        return assertThrows(AwsChunkedException.class, () -> decode(v, r, new ByteArrayInputStream(body)));
    }

    private static void assertFails(AuthError error, String inMessage, AwsChunkedException e) {
        assertEquals(error, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ------------------------------------------------------------------ the oracle's bodies are valid

    /** The hand-framed bodies decode in every mode, read in slices of 1, 7 and any size, with and without Content-Length. */
    @Test
    void handFramedBodiesDecodeInEveryModeAndSlicing() throws IOException {
        byte[] body = data(1000);
        for (String mode : new String[] {SIGNED, SIGNED_TRAILER, UNSIGNED_TRAILER}) {
            Upload u = new Upload(mode, body.length);
            byte[] encoded = valid(u, body, 300);
            for (int slice : new int[] {1, 7, 1 << 20}) {
                assertArrayEquals(body, decode(verifier(), u.request, new Trickle(encoded, slice)), mode);
                assertArrayEquals(body, decode(verifier(), u.withContentLength(encoded.length),
                        new Trickle(encoded, slice)), mode);
            }
        }
    }

    /** An empty body is a final chunk alone (and, in trailer modes, the checksum of nothing). */
    @Test
    void anEmptyBodyIsAFinalChunkAlone() throws IOException {
        for (String mode : new String[] {SIGNED, SIGNED_TRAILER, UNSIGNED_TRAILER}) {
            Upload u = new Upload(mode, 0);
            byte[] encoded = valid(u, new byte[0], 10);
            assertArrayEquals(new byte[0], decode(verifier(), u.request, new ByteArrayInputStream(encoded)), mode);
            assertArrayEquals(new byte[0], decode(verifier(), u.withContentLength(encoded.length),
                    new ByteArrayInputStream(encoded)), mode);
        }
    }

    // ------------------------------------------------------------------ truncation

    /**
     * A body cut at any byte, in every mode, is IncompleteBody: whether the framing alone ends it,
     * or a Content-Length says it is longer, or a Content-Length says exactly where it was cut.
     */
    @Test
    void aBodyCutAtEveryPositionIsIncompleteBody() throws IOException {
        byte[] body = data(40);
        for (String mode : new String[] {SIGNED, SIGNED_TRAILER, UNSIGNED_TRAILER}) {
            Upload u = new Upload(mode, body.length);
            byte[] encoded = valid(u, body, 16);
            for (int cut = 0; cut < encoded.length; cut++) {
                byte[] prefix = Arrays.copyOf(encoded, cut);
                for (SignableRequest r : new SignableRequest[] {u.request, u.withContentLength(encoded.length),
                    u.withContentLength(cut)}) {
                    AwsChunkedException e = fails(verifier(), r, prefix);
                    assertEquals(AuthError.INCOMPLETE_BODY, e.error(), mode + " cut at " + cut + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * With a Content-Length shorter than the framing says, the decoder reads no byte past the
     * Content-Length: the request after it stays in the connection, whole.
     */
    @Test
    void aShortContentLengthIsNeverReadPast() {
        byte[] body = data(40);
        for (String mode : new String[] {SIGNED, SIGNED_TRAILER, UNSIGNED_TRAILER}) {
            Upload u = new Upload(mode, body.length);
            byte[] encoded = valid(u, body, 16);
            for (int cut : new int[] {0, 1, 5, 20, encoded.length / 2, encoded.length - 3, encoded.length - 1}) {
                for (int slice : new int[] {1, 1 << 20}) {
                    ByteArrayInputStream connection = new ByteArrayInputStream(concat(Arrays.copyOf(encoded, cut),
                            NEXT_REQUEST));
                    InputStream socket = new Trickle(connection.readAllBytes(), slice);
                    AwsChunkedException e = assertThrows(AwsChunkedException.class, () -> decode(verifier(),
                            u.withContentLength(cut), socket));
                    assertEquals(AuthError.INCOMPLETE_BODY, e.error());
                    assertArrayEquals(NEXT_REQUEST, readRest(socket), mode + " cut at " + cut + " slice " + slice);
                }
            }
        }
    }

    private static byte[] readRest(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A Content-Length longer than the body framed: IncompleteBody naming the bytes left over. */
    @Test
    void bytesAfterTheFramingWithinContentLengthAreCounted() {
        byte[] body = data(40);
        for (String mode : new String[] {SIGNED, SIGNED_TRAILER, UNSIGNED_TRAILER}) {
            Upload u = new Upload(mode, body.length);
            byte[] encoded = valid(u, body, 16);
            byte[] padded = concat(encoded, ascii("xyz"));
            AwsChunkedException e = fails(verifier(), u.withContentLength(padded.length), padded);
            assertFails(AuthError.INCOMPLETE_BODY, "has 3 bytes after its final chunk" + (mode.equals(SIGNED) ? " ("
                    : " and trailer ("), e);
            // without Content-Length the framing ends the body, and the bytes after it stay unread
            ByteArrayInputStream connection = new ByteArrayInputStream(padded);
            assertArrayEquals(body, decodeOrFail(u.request, connection), mode);
            assertEquals(3, connection.available(), mode);
        }
    }

    private static byte[] decodeOrFail(SignableRequest r, InputStream in) {
        try {
            return decode(verifier(), r, in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ chunk header syntax

    /** The size is 1 to 8 hex digits in either case, leading zeros allowed; anything else is no valid size. */
    @Test
    void theChunkSizeIsOneToEightHexDigits() throws IOException {
        byte[] ten = data(10);
        for (String size : new String[] {"a", "A", "0a", "0000000a", "0000000A"}) {
            for (String mode : new String[] {SIGNED, UNSIGNED_TRAILER}) {
                Upload u = new Upload(mode, 10);
                Framer f = new Framer(u).chunk(size, ten).chunk(new byte[0]);
                byte[] encoded = mode.equals(SIGNED) ? f.end().bytes() : f.trailer(crc32(ten)).bytes();
                assertArrayEquals(ten, decode(verifier(), u.request, new ByteArrayInputStream(encoded)), size);
            }
        }
        for (String size : new String[] {"00000000a", "", "g", "+a", " a", "a ", "-1", "0x0a", "\u0661"}) {
            for (String mode : new String[] {SIGNED, UNSIGNED_TRAILER}) {
                Upload u = new Upload(mode, 10);
                byte[] encoded = new Framer(u).chunk(size, ten).chunk(new byte[0]).trailer(crc32(ten)).bytes();
                assertFails(AuthError.INCOMPLETE_BODY, "no valid hex size", fails(verifier(), u.request, encoded));
            }
        }
    }

    /** A chunk header line must end in CRLF: a CR followed by anything else is refused. */
    @Test
    void aChunkHeaderLineNotEndedByCrLfIsIncompleteBody() {
        Upload u = new Upload(UNSIGNED_TRAILER, 10);
        for (String header : new String[] {"a\rX", "a\r\r\n", "a\n"}) {
            byte[] encoded = new Framer(u).raw(header).raw("0123456789\r\n").chunk(new byte[0])
                    .trailer(crc32(ascii("0123456789"))).bytes();
            AwsChunkedException e = fails(verifier(), u.request, encoded);
            assertEquals(AuthError.INCOMPLETE_BODY, e.error(), header);
        }
        byte[] crOnly = new Framer(u).raw("a\rX").bytes();
        assertFails(AuthError.INCOMPLETE_BODY, "chunk header of the aws-chunked body is not terminated by CRLF",
                fails(verifier(), u.request, crOnly));
    }

    /**
     * A chunk header line of exactly maxChunkHeaderLength bytes with its CRLF is accepted, one
     * byte longer is refused naming the limit, in the signed mode (84 bytes: "a;chunk-signature="
     * and 64 digits and CRLF) and the unsigned one (with a chunk extension).
     */
    @Test
    void aChunkHeaderLineOfExactlyTheLimitIsAccepted() throws IOException {
        byte[] ten = data(10);
        Upload signed = new Upload(SIGNED, 10);
        byte[] encoded = valid(signed, ten, 10);
        assertEquals(84, new String(encoded, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2);
        assertArrayEquals(ten, decode(verifier(VerificationLimits.builder().maxChunkHeaderLength(84).build(), 100),
                signed.request, new ByteArrayInputStream(encoded)));
        assertFails(AuthError.INCOMPLETE_BODY, "longer than 83 bytes (VerificationLimits.maxChunkHeaderLength)",
                fails(verifier(VerificationLimits.builder().maxChunkHeaderLength(83).build(), 100), signed.request,
                        encoded));

        Upload unsigned = new Upload(UNSIGNED_TRAILER, 10);
        byte[] extended = new Framer(unsigned).chunk("a;ext=" + "x".repeat(192), ten).chunk(new byte[0])
                .trailer(crc32(ten)).bytes(); // a header line of 198 + 2 bytes
        assertArrayEquals(ten, decode(verifier(VerificationLimits.builder().maxChunkHeaderLength(200).build(), 100),
                unsigned.request, new ByteArrayInputStream(extended)));
        assertFails(AuthError.INCOMPLETE_BODY, "longer than 199 bytes",
                fails(verifier(VerificationLimits.builder().maxChunkHeaderLength(199).build(), 100), unsigned.request,
                        extended));
    }

    /** In the signed modes the header must carry exactly ";chunk-signature=" and 64 hex digits. */
    @Test
    void aSignedChunkHeaderWithoutItsSignatureExtensionIsIncompleteBody() {
        byte[] ten = data(10);
        Upload u = new Upload(SIGNED, 10);
        String good = new Framer(u).chunkSignature(ten);
        for (String header : new String[] {"a", "a;", "a;chunk-signature=", "a;chunk-signaturE=" + good,
            "a;chunk-signature " + good, "a;x=1;chunk-signature=" + good, "a;chunk-signature=" + good + ";x=1"}) {
            byte[] encoded = new Framer(u).raw(header + "\r\n").raw("0123456789\r\n").chunk(new byte[0]).end().bytes();
            assertFails(AuthError.INCOMPLETE_BODY, "no valid chunk-signature", fails(verifier(), u.request, encoded));
        }
    }

    /** In the unsigned-trailer mode a chunk extension is allowed and ignored. */
    @Test
    void anUnsignedChunkHeaderMayCarryAnyExtension() throws IOException {
        byte[] ten = data(10);
        Upload u = new Upload(UNSIGNED_TRAILER, 10);
        byte[] encoded = new Framer(u).chunk("a;name=value", ten).chunk("0;x", new byte[0]).trailer(crc32(ten)).bytes();
        assertArrayEquals(ten, decode(verifier(), u.request, new ByteArrayInputStream(encoded)));
    }

    // ------------------------------------------------------------------ sizes at their limits

    /**
     * A chunk of the maximum size is accepted and one byte more is InvalidRequest (naming the
     * limit) before its data is read; the decoded length may be reached exactly, never passed.
     */
    @Test
    void chunkSizesAtTheMaximumAndTheDecodedLength() throws IOException {
        byte[] body = data(100);
        Upload u = new Upload(UNSIGNED_TRAILER, 100);
        byte[] encoded = valid(u, body, 100);
        assertArrayEquals(body, decode(verifier(VerificationLimits.defaults(), 100), u.request,
                new ByteArrayInputStream(encoded)));
        assertFails(AuthError.INVALID_REQUEST, "larger than the limit of 99 bytes",
                fails(verifier(VerificationLimits.defaults(), 99), u.request, encoded));

        Upload shorter = new Upload(UNSIGNED_TRAILER, 99);
        assertFails(AuthError.INCOMPLETE_BODY, "longer than x-amz-decoded-content-length",
                fails(verifier(), shorter.request, encoded));
        Upload longer = new Upload(UNSIGNED_TRAILER, 101);
        assertFails(AuthError.INCOMPLETE_BODY, "x-amz-decoded-content-length (101); got 100",
                fails(verifier(), longer.request, encoded));
        // the second chunk passes the decoded length by one byte
        byte[] twoChunks = new Framer(shorter).chunk(Arrays.copyOf(body, 60)).chunk(Arrays.copyOfRange(body, 60, 100))
                .chunk(new byte[0]).trailer(crc32(body)).bytes();
        assertFails(AuthError.INCOMPLETE_BODY, "longer than x-amz-decoded-content-length",
                fails(verifier(), shorter.request, twoChunks));
    }

    /** A chunk whose data is longer or shorter than its header says is not followed by CRLF. */
    @Test
    void chunkDataOfAnotherLengthThanDeclaredIsNotFollowedByCrLf() {
        Upload u = new Upload(UNSIGNED_TRAILER, 10);
        for (String chunk : new String[] {"a\r\n0123456789X\r\n", "a\r\n012345678\r\n0\r\n", "a\r\n0123456789\r0",
            "a\r\n0123456789X\n", "a\r\n0123456789\n\n"}) {
            byte[] encoded = new Framer(u).raw(chunk).raw("0\r\n").trailer(crc32(ascii("0123456789"))).bytes();
            assertFails(AuthError.INCOMPLETE_BODY, "not followed by CRLF", fails(verifier(), u.request, encoded));
        }
    }

    // ------------------------------------------------------------------ signatures per chunk

    /**
     * Each chunk signature chains on the one before: a wrong chunk signature, a wrong final-chunk
     * signature, and two chunks swapped (each signed as if it came first) are SignatureDoesNotMatch,
     * naming which signature; hex digits in upper case are the same signature.
     */
    @Test
    void eachChunkSignatureIsCheckedInChainOrder() throws IOException {
        byte[] body = data(20);
        Upload u = new Upload(SIGNED, 20);
        byte[] a = Arrays.copyOf(body, 10);
        byte[] b = Arrays.copyOfRange(body, 10, 20);
        String text = new String(new Framer(u).chunk(a).chunk(b).chunk(new byte[0]).end().bytes(),
                StandardCharsets.ISO_8859_1);
        String[] sigs = text.split(";chunk-signature=");
        String first = sigs[1].substring(0, 64);
        String second = sigs[2].substring(0, 64);
        String last = sigs[3].substring(0, 64);
        assertArrayEquals(body, decode(verifier(), u.request, new ByteArrayInputStream(ascii(text.replace(second,
                second.toUpperCase()).replace(last, last.toUpperCase())))));

        AwsChunkedException wrongChunk = fails(verifier(), u.request, ascii(text.replace(second, first)));
        assertFails(AuthError.SIGNATURE_DOES_NOT_MATCH, "The chunk signature we calculated does not match", wrongChunk);
        assertTrue(wrongChunk.result().stringToSign().orElseThrow().startsWith("AWS4-HMAC-SHA256-PAYLOAD\n"),
                wrongChunk.result().stringToSign().orElseThrow());
        String flipped = last.substring(0, 63) + (last.charAt(63) == '0' ? '1' : '0');
        assertFails(AuthError.SIGNATURE_DOES_NOT_MATCH, "The final chunk signature we calculated does not match",
                fails(verifier(), u.request, ascii(text.replace(last, flipped))));
        String notHex = last.substring(0, 63) + 'g';
        assertFails(AuthError.SIGNATURE_DOES_NOT_MATCH, "final chunk", fails(verifier(), u.request,
                ascii(text.replace(last, notHex))));

        Framer swapped = new Framer(u).chunk(b);
        swapped.previous = u.seed;
        byte[] swappedBody = swapped.chunk(a).chunk(new byte[0]).end().bytes();
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, fails(verifier(), u.request, swappedBody).error());
    }

    /** After a failure the stream keeps failing with the same answer; it never turns into an end of stream. */
    @Test
    void aFailedStreamKeepsFailing() throws IOException {
        Upload u = new Upload(SIGNED, 20);
        byte[] bad = new Framer(u).chunk(data(10)).bytes();
        bad[bad.length - 3] ^= 1; // one byte of the chunk's data
        try (InputStream in = verifier().verifyStreaming(u.request, SECRETS, NOW, new ByteArrayInputStream(bad))) {
            AwsChunkedException first = assertThrows(AwsChunkedException.class, in::read);
            AwsChunkedException again = assertThrows(AwsChunkedException.class, () -> in.read(new byte[4], 0, 4));
            assertEquals(first.error(), again.error());
            assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, again.error());
        }
    }

    // ------------------------------------------------------------------ the end of the body and the trailer

    /** In the signed mode without trailer the final chunk is followed by the empty line and nothing else. */
    @Test
    void theFinalChunkIsFollowedByTheEmptyLine() {
        byte[] ten = data(10);
        Upload u = new Upload(SIGNED, 10);
        byte[] framed = new Framer(u).chunk(ten).chunk(new byte[0]).bytes();
        assertFails(AuthError.INCOMPLETE_BODY, "ended inside the end of the body", fails(verifier(), u.request, framed));
        assertFails(AuthError.INCOMPLETE_BODY, "has data after the final chunk", fails(verifier(), u.request,
                concat(framed, ascii("x\r\n"))));
        assertFails(AuthError.INCOMPLETE_BODY, "end of the body of the aws-chunked body is not terminated by CRLF",
                fails(verifier(), u.request, concat(framed, ascii("\rx"))));
    }

    /**
     * The trailer section may be exactly maxTrailerBytes long (its lines with their CRLFs, here a
     * 31-byte checksum line); one byte less is refused naming the limit.
     */
    @Test
    void aTrailerOfExactlyTheLimitIsAccepted() throws IOException {
        byte[] ten = data(10);
        Upload u = new Upload(UNSIGNED_TRAILER, 10);
        byte[] encoded = valid(u, ten, 10);
        String line = "x-amz-checksum-crc32:" + crc32(ten) + "\r\n";
        assertEquals(31, line.length());
        assertArrayEquals(ten, decode(verifier(VerificationLimits.builder().maxTrailerBytes(31).build(), 100),
                u.request, new ByteArrayInputStream(encoded)));
        assertFails(AuthError.INCOMPLETE_BODY, "longer than 30 bytes (VerificationLimits.maxTrailerBytes)",
                fails(verifier(VerificationLimits.builder().maxTrailerBytes(30).build(), 100), u.request, encoded));
        // with the signature line (24 + 64 + 2 bytes) the signed trailer takes 121
        Upload s = new Upload(SIGNED_TRAILER, 10);
        byte[] signed = valid(s, ten, 10);
        assertArrayEquals(ten, decode(verifier(VerificationLimits.builder().maxTrailerBytes(121).build(), 100),
                s.request, new ByteArrayInputStream(signed)));
        assertFails(AuthError.INCOMPLETE_BODY, "VerificationLimits.maxTrailerBytes",
                fails(verifier(VerificationLimits.builder().maxTrailerBytes(120).build(), 100), s.request, signed));
    }

    /**
     * Each flaw of a trailer line alone: no colon or an empty name, a header x-amz-trailer did not
     * declare (named), a wrong checksum (BadDigest), a wrong trailer signature; names in any case.
     */
    @Test
    void eachTrailerLineFlawIsNamed() throws IOException {
        byte[] ten = data(10);
        String sum = crc32(ten);
        Upload u = new Upload(UNSIGNED_TRAILER, 10);
        String[][] cases = {
            {"x-amz-checksum-crc32 " + sum, "INCOMPLETE_BODY", "trailer line is not 'name:value'"},
            {":" + sum, "INCOMPLETE_BODY", "trailer line is not 'name:value'"},
            {"x-amz-checksum-sha256:" + sum, "INVALID_REQUEST", "did not declare: 'x-amz-checksum-sha256'"},
            {"x-amz-checksum-crc32:" + crc32(data(11)), "BAD_DIGEST", "x-amz-checksum-crc32 you specified did not match"},
            {"x-amz-checksum-crc32:" + sum + "=", "BAD_DIGEST", "did not match"},
        };
        for (String[] c : cases) {
            byte[] encoded = new Framer(u).chunk(ten).chunk(new byte[0]).raw(c[0] + "\r\n").end().bytes();
            assertFails(AuthError.valueOf(c[1]), c[2], fails(verifier(), u.request, encoded));
        }
        byte[] upper = new Framer(u).chunk(ten).chunk(new byte[0]).raw("X-Amz-Checksum-CRC32: " + sum + " \r\n").end()
                .bytes();
        assertArrayEquals(ten, decode(verifier(), u.request, new ByteArrayInputStream(upper)));

        Upload s = new Upload(SIGNED_TRAILER, 10);
        String text = new String(valid(s, ten, 10), StandardCharsets.ISO_8859_1);
        int at = text.indexOf("x-amz-trailer-signature:") + "x-amz-trailer-signature:".length();
        String sig = text.substring(at, at + 64);
        AwsChunkedException wrong = fails(verifier(), s.request, ascii(text.replace(sig,
                sig.substring(1) + sig.charAt(0))));
        assertFails(AuthError.SIGNATURE_DOES_NOT_MATCH, "The trailer signature we calculated does not match", wrong);
        assertTrue(wrong.result().stringToSign().orElseThrow().startsWith("AWS4-HMAC-SHA256-TRAILER\n"));
        assertArrayEquals(ten, decode(verifier(), s.request, new ByteArrayInputStream(ascii(text.replace(
                "x-amz-trailer-signature:", "X-Amz-Trailer-Signature:")))));
        // a checksum line that the signature does not cover (another value) fails on the signature first
        String other = text.replace(sum, crc32(data(11)));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, fails(verifier(), s.request, ascii(other)).error());
    }

    /** Nothing may follow the trailer's empty line within the body. */
    @Test
    void bytesAfterTheTrailerAreIncompleteBody() {
        byte[] ten = data(10);
        Upload u = new Upload(UNSIGNED_TRAILER, 10);
        byte[] encoded = concat(valid(u, ten, 10), ascii("0\r\n\r\n"));
        assertFails(AuthError.INCOMPLETE_BODY, "5 bytes after its final chunk and trailer (Content-Length "
                + encoded.length + ")", fails(verifier(), u.withContentLength(encoded.length), encoded));
    }

    // ------------------------------------------------------------------ the InputStream

    /**
     * The decoded stream as an InputStream: byte by byte, into an offset of an array, zero bytes,
     * bounds refused, available() is what is left of the current chunk, close() closes the body,
     * toString() names the mode and no signature.
     */
    @Test
    void theDecodedStreamBehavesAsAnInputStream() throws IOException {
        byte[] body = data(25);
        Upload u = new Upload(SIGNED, 25);
        byte[] encoded = valid(u, body, 10);
        boolean[] closed = {false};
        InputStream connection = new ByteArrayInputStream(encoded) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        InputStream in = verifier().verifyStreaming(u.request, SECRETS, NOW, connection);
        assertEquals(0, in.read(new byte[1], 0, 0), "a read of nothing reads nothing");
        assertEquals(0, in.available(), "nothing decoded before the first read");
        assertEquals(body[0] & 0xff, in.read());
        assertEquals(9, in.available(), "the rest of the first 10-byte chunk");
        byte[] into = new byte[40];
        assertEquals(0, in.read(into, 3, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(into, 38, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(into, -1, 2));
        assertEquals(9, in.read(into, 3, 20), "a read ends at the end of a chunk");
        assertArrayEquals(Arrays.copyOfRange(body, 1, 10), Arrays.copyOfRange(into, 3, 12));
        assertEquals(0, into[2]);
        assertEquals(0, into[12]);
        assertEquals(4, in.read(into, 0, 4));
        assertArrayEquals(Arrays.copyOfRange(body, 10, 14), Arrays.copyOf(into, 4));
        assertEquals(6, in.available());
        byte[] rest = in.readAllBytes();
        assertArrayEquals(Arrays.copyOfRange(body, 14, 25), rest);
        assertEquals(-1, in.read());
        assertEquals(-1, in.read(into, 0, 4));
        assertEquals(0, in.read(into, 0, 0), "a read of nothing reads nothing, also at the end");
        assertEquals(0, in.available());
        String text = in.toString();
        assertTrue(text.contains("STREAMING_SIGNED"), text);
        assertFalse(text.contains(u.seed), text);
        in.close();
        assertTrue(closed[0], "close() closes the body");
    }

    /**
     * A body cut inside a chunk's data ended inside a chunk (not "not followed by CRLF"), whether
     * the stream ends there or the Content-Length does.
     */
    @Test
    void aBodyCutInsideChunkDataEndedInsideAChunk() {
        byte[] body = data(40);
        for (String mode : new String[] {SIGNED, UNSIGNED_TRAILER}) {
            Upload u = new Upload(mode, body.length);
            byte[] encoded = valid(u, body, 40);
            int dataStart = new String(encoded, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
            for (int cut : new int[] {dataStart, dataStart + 1, dataStart + 39}) {
                byte[] prefix = Arrays.copyOf(encoded, cut);
                assertFails(AuthError.INCOMPLETE_BODY, "ended inside a chunk", fails(verifier(), u.request, prefix));
                assertFails(AuthError.INCOMPLETE_BODY, "ended inside a chunk", fails(verifier(), u.withContentLength(cut),
                        concat(prefix, NEXT_REQUEST)));
            }
        }
    }

    /**
     * A body stream whose read answers 0 bytes (against the InputStream contract, as a badly
     * adapted non-blocking channel may) is taken as ended: IncompleteBody, never a loop or stale
     * bytes, wherever it happens (in a header line, in chunk data).
     */
    @Test
    void aBodyStreamThatReadsZeroBytesHasEnded() {
        byte[] body = data(40);
        Upload u = new Upload(UNSIGNED_TRAILER, body.length);
        byte[] encoded = valid(u, body, 40);
        for (int stall : new int[] {0, 1, 4, 10, encoded.length - 2}) {
            InputStream stalling = new InputStream() {
                private int at;

                @Override
                public int read() {
                    return at < stall ? encoded[at++] & 0xff : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    int n = Math.min(len, stall - at);
                    System.arraycopy(encoded, at, b, off, Math.max(n, 0));
                    at += Math.max(n, 0);
                    return Math.max(n, 0);
                }
            };
            AwsChunkedException e = assertThrows(AwsChunkedException.class, () -> decode(verifier(), u.request,
                    stalling));
            assertEquals(AuthError.INCOMPLETE_BODY, e.error(), "stalled at " + stall + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("ended inside"), e.getMessage());
        }
    }

    /** A stream that records the length of each read asked of it and answers at most {@code slice} bytes. */
    private static final class Recording extends InputStream {
        final java.util.List<Integer> asked = new java.util.ArrayList<>();
        private final ByteArrayInputStream in;
        private final int slice;

        Recording(byte[] bytes, int slice) {
            this.in = new ByteArrayInputStream(bytes);
            this.slice = slice;
        }

        @Override
        public int read() {
            asked.add(1);
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            asked.add(len);
            return in.read(b, off, Math.min(len, slice));
        }
    }

    private static java.util.List<Integer> readsAsked(Upload u, byte[] encoded, int slice) throws IOException {
        Recording connection = new Recording(encoded, slice);
        decode(verifier(), u.request, connection);
        return connection.asked;
    }

    /**
     * Without Content-Length the decoder reads ahead exactly as far as a valid body must still
     * reach, no less (it would read a socket in needlessly small steps) and no more (it would
     * read into the next request). The lengths asked of the stream, worked out by hand from the
     * framing: a signed chunk header is 84 bytes with its CRLF ("a;chunk-signature=" + 64 + CRLF),
     * the final one too, the end of the body 2; an unsigned final chunk is 3 ("0" CRLF), the CRC32
     * trailer line 31 ("x-amz-checksum-crc32:" + 8 + CRLF), the trailer signature line 90
     * ("x-amz-trailer-signature:" + 64 + CRLF), the empty line 2.
     */
    @Test
    void theDecoderReadsAheadExactlyAsFarAsAValidBodyMustReach() throws IOException {
        // signed, 20 bytes in two chunks (278 bytes): first the smallest valid body, 84 + 2; the
        // header was in it and 2 bytes of data, so the other 8; then each chunk's CRLF and the
        // smallest rest after it, 2 + 86; and again
        Upload signed = new Upload(SIGNED, 20);
        assertEquals(java.util.List.of(86, 8, 88, 8, 88), readsAsked(signed, valid(signed, data(20), 10), 1 << 20));

        // unsigned trailer, 10 bytes, a checksum line with two spaces more than it needs (33 bytes):
        // 3 + 33 first (header, data, CRLF, final chunk and 18 bytes of the trailer line), then
        // what the smallest body still has (15: the rest of the line, whose two spaces took the
        // place of the smallest body's empty line), then the empty line that must follow it, 2
        Upload unsigned = new Upload(UNSIGNED_TRAILER, 10);
        byte[] spaced = new Framer(unsigned).chunk(data(10)).chunk(new byte[0])
                .raw("x-amz-checksum-crc32:  " + crc32(data(10)) + "\r\n").end().bytes();
        assertEquals(java.util.List.of(36, 15, 2), readsAsked(unsigned, spaced, 1 << 20));

        // signed trailer, 10 bytes (303 bytes), a stream that hands out 50 bytes a read: 84 + 123
        // first, then each time what is left up to the end the framing has promised so far (207
        // until the first header is read, 303 from then on)
        Upload trailer = new Upload(SIGNED_TRAILER, 10);
        byte[] encoded = valid(trailer, data(10), 10);
        assertEquals(303, encoded.length);
        assertEquals(java.util.List.of(207, 157, 203, 153, 103, 53, 3), readsAsked(trailer, encoded, 50));
    }
}
