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
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The exact lengths the aws-chunked decoder asks of the connection, worked out by hand from the
 * framing. Without Content-Length a valid body is known to reach, from a chunk header on, at
 * least the smallest rest of a body (with CRC32 trailers: signed 38 = the final chunk
 * {@code "0;chunk-signature="} 18 + the shortest DER signature's 16 hex digits + CRLF, and the
 * closing CRLF 2; signed with trailer 111 = 36 + the checksum line 31 ({@code x-amz-checksum-crc32:}
 * 21 + 8 + CRLF) + the trailer signature line 42 ({@code x-amz-trailer-signature:} 24 + 16 + CRLF)
 * + the empty line 2; unsigned trailer 36 = {@code "0"} CRLF 3 + 31 + 2). When those bytes are
 * read and a signed line is not over, the first four hex digits of its signature ({@code 30}
 * and the DER length L) tell that the line has 2 (L + 2) hex digits, its CRLF, and after it (a
 * chunk of size s) s + CRLF + the smallest rest, or (the final chunk) the rest after a final
 * chunk (2, or the 75 of the trailer), or (the trailer signature) the empty line. A chunk
 * header, once read, tells as much with its real length. Beyond what is known, one byte at a time.
 * With Content-Length the decoder reads within it, 16 KiB at a time into its buffer and chunk
 * data straight into the chunk.
 *
 * <p>ECDSA signatures are randomized and their DER length varies (70, 71 or 72 bytes, rarely
 * less); each body here is signed again until its signatures have the DER lengths its expected
 * reads were worked out for (read from the body itself, {@link #derLengths}).
 */
class AwsChunkedReadLengthsV4aTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final Credentials CREDS = Credentials.of("AKIAREADLENGTHS", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final SigV4aVerifier VERIFIER = SigV4aVerifier.create(SigningConfig.builder().build());
    private static final byte[] NEXT_REQUEST = "GET /next HTTP/1.1\r\nHost: b.s3.amazonaws.com\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final int ANY = 0;
    private static final Pattern SIGNATURE = Pattern.compile(
            "(?:;chunk-signature=|\r\nx-amz-trailer-signature:)([0-9a-f]*)\\**\r\n");

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A body as the signer sends it (signatures padded to 144 characters), and its request without Content-Length. */
    private record Upload(SignableRequest request, byte[] padded) {
        SignableRequest withLength(long contentLength) {
            return request.toBuilder().setHeader("Content-Length", Long.toString(contentLength)).build();
        }
    }

    private static SigV4aSigner signer(PayloadSigning mode, ChecksumAlgorithm checksum, int chunkSize) {
        return SigV4aSigner.create(SigningConfig.builder().credentials(CREDS).service("s3")
                .region("us-west-2").clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.TRAILER_CHECKSUM, checksum)
                .option(SigV4Options.CHUNK_SIZE, chunkSize)
                .option(SigV4Options.SIGNED_HEADERS, SignedHeadersPolicy.excluding("content-length")).build());
    }

    private static Upload sign(SigV4aSigner signer, byte[] body) throws IOException {
        SignedRequest s = signer.sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/k")
                .payload(Payload.ofBytes(body)).build());
        try (InputStream in = s.request().payload().openStream()) {
            return new Upload(s.request().toBuilder().removeHeader("Content-Length").build(), in.readAllBytes());
        }
    }

    private static Upload sign(PayloadSigning mode, ChecksumAlgorithm checksum, byte[] body, int chunkSize)
            throws IOException {
        return sign(signer(mode, checksum, chunkSize), body);
    }

    /**
     * The body signed again until its chunk signatures (in order) and then its trailer signature
     * have the DER lengths given ({@link #ANY} for any).
     */
    private static Upload signedWithDerLengths(PayloadSigning mode, byte[] body, int chunkSize, int... der)
            throws IOException {
        SigV4aSigner signer = signer(mode, ChecksumAlgorithm.CRC32, chunkSize);
        for (int attempt = 0; attempt < 5000; attempt++) {
            Upload u = sign(signer, body);
            int[] got = derLengths(u.padded());
            assertEquals(der.length, got.length, "signatures in the body");
            boolean match = true;
            for (int i = 0; i < der.length; i++) {
                match &= der[i] == ANY || der[i] == got[i];
            }
            if (match) {
                return u;
            }
        }
        throw new AssertionError("no signing gave the DER lengths " + Arrays.toString(der));
    }

    /**
     * The DER length of each signature in the body, in order: half its hex digits without the
     * padding, checked against what its DER header ({@code 30 LL}) says.
     */
    private static int[] derLengths(byte[] body) {
        Matcher m = SIGNATURE.matcher(text(body));
        List<Integer> out = new ArrayList<>();
        while (m.find()) {
            String hex = m.group(1);
            assertEquals("30", hex.substring(0, 2), hex);
            int length = hex.length() / 2;
            assertEquals(length, 2 + Integer.parseInt(hex.substring(2, 4), 16), hex);
            out.add(length);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The body with its signatures' {@code *} padding removed (optional, and not signed). */
    private static byte[] unpadded(byte[] body) {
        return ascii(text(body).replaceAll("([0-9a-f])\\*+\r\n", "$1\r\n"));
    }

    /** Decodes the body from a connection that hands out at most {@code slice} bytes a read; checks the data and what is left. */
    private static Wire decode(SigV4aVerifier verifier, SignableRequest request, byte[] encoded, byte[] expected,
                               int slice) throws IOException {
        Wire wire = new Wire(encoded, NEXT_REQUEST, slice);
        try (InputStream in = verifier.verifyStreaming(request, SECRETS, NOW, wire)) {
            assertArrayEquals(expected, in.readAllBytes());
        }
        assertArrayEquals(NEXT_REQUEST, wire.rest(), "the next request is left on the connection");
        return wire;
    }

    private static Wire decode(SignableRequest request, byte[] encoded, byte[] expected) throws IOException {
        return decode(VERIFIER, request, encoded, expected, 1 << 20);
    }

    // ------------------------------------------------------------------ signed chunks, no Content-Length

    /**
     * Signed, 30 bytes in chunks of 20 and 10, signatures unpadded of DER lengths 71, 70 and 72
     * (142, 140 and 144 hex digits), a verifier whose largest chunk is 20 (the first chunk is
     * exactly that, the second ends exactly at the decoded length: both still tell their length).
     * The body: "14;chunk-signature=" 19 + 142 + 2 = 163, 20 + 2 (to 185), "a;chunk-signature="
     * 18 + 140 + 2 = 160, 10 + 2 (to 357), "0;chunk-signature=" 18 + 144 + 2, 2: 523 bytes.
     * Reads: 38 (the smallest body); the first signature says its line ends at 19 + 142 + 2 = 163,
     * and after it 20 + 2 + 38: to 223, so 185 more; the next header's first 38 bytes are then
     * read, its signature says 185 + 18 + 140 + 2 + 10 + 2 + 38 = 395, so 172 more; then the
     * final chunk's header's first 38, its signature says 357 + 18 + 144 + 2 + 2 = 523: 128 more.
     */
    @Test
    void signedChunksAreReadAsFarAsEachSignaturesDerLengthProves() throws IOException {
        SigV4aVerifier largestChunk20 = SigV4aVerifier.create(SigningConfig.builder()
                .option(SigV4Options.MAX_CHUNK_SIZE, 20).build());
        Upload u = signedWithDerLengths(PayloadSigning.STREAMING_SIGNED, data(30), 20, 71, 70, 72);
        byte[] body = unpadded(u.padded());
        assertEquals(523, body.length);
        Wire wire = decode(largestChunk20, u.request(), body, data(30), 1 << 20);
        assertEquals(List.of(38, 185, 172, 128), wire.lengthsAsked());
        assertEquals(List.of(38, 185, 172, 128), wire.lengthsReturned());

        Wire withLength = decode(largestChunk20, u.withLength(523), body, data(30), 1 << 20);
        assertEquals(List.of(523), withLength.lengthsAsked());
    }

    /**
     * Signed, 10 bytes, the signer's padded signatures of DER lengths 71 and 70 (142 and 140 hex
     * digits, then 2 and 4 {@code *}). The body: "a;chunk-signature=" 18 + 144 + 2 = 164, 10 + 2
     * (to 176), "0;chunk-signature=" 18 + 144 + 2 (to 340), 2: 342 bytes. Reads: 38; the signature
     * says 18 + 142 + 2 + 10 + 2 + 38 = 212: 174 more; the header read (with its 2 {@code *}) says
     * 162 + 2 + 10 + 2 + 38 = 214: 2 more, which complete the next header's first 38 bytes; its
     * signature says 176 + 18 + 140 + 2 + 2 = 338: 124 more; what the DER length did not announce
     * (the {@code *} took the place of the CRLFs) is read a byte at a time: the CR and the LF at
     * 338 and 339; the header read says 340 + 2: the last 2.
     */
    @Test
    void paddingTheDerLengthDidNotAnnounceIsReadAByteAtATime() throws IOException {
        Upload u = signedWithDerLengths(PayloadSigning.STREAMING_SIGNED, data(10), 100, 71, 70);
        assertEquals(342, u.padded().length);
        Wire wire = decode(u.request(), u.padded(), data(10));
        assertEquals(List.of(38, 174, 2, 124, 1, 1, 2), wire.lengthsAsked());
        assertEquals(List.of(38, 174, 2, 124, 1, 1, 2), wire.lengthsReturned());
    }

    /**
     * A chunk size spelled with eight hex digits ("0000000a", the most the decoder accepts) still
     * tells its length. Signed, 10 bytes, unpadded signatures of DER lengths 70 and 71. The body:
     * "0000000a;chunk-signature=" 25 + 140 + 2 = 167, 10 + 2 (to 179), "0;chunk-signature=" 18
     * + 142 + 2, 2: 343 bytes. Reads: 38; 25 + 140 + 2 + 10 + 2 + 38 = 217, so 179; the final
     * chunk's signature says 179 + 18 + 142 + 2 + 2 = 343: 126.
     */
    @Test
    void aChunkSizeOfEightHexDigitsStillTellsItsLength() throws IOException {
        Upload u = signedWithDerLengths(PayloadSigning.STREAMING_SIGNED, data(10), 100, 70, 71);
        String text = text(unpadded(u.padded()));
        assertEquals("a;", text.substring(0, 2));
        byte[] body = ascii("0000000" + text);
        assertEquals(343, body.length);
        Wire wire = decode(u.request(), body, data(10));
        assertEquals(List.of(38, 179, 126), wire.lengthsAsked());
    }

    // ------------------------------------------------------------------ signed with trailer, no Content-Length

    /**
     * Signed with a CRC32 trailer, 10 bytes, unpadded signatures of DER lengths 71, 70 and 72.
     * The body: "a;chunk-signature=" 18 + 142 + 2 = 162, 10 + 2 (to 174), "0;chunk-signature="
     * 18 + 140 + 2 (to 334), the checksum line 31 (to 365), "x-amz-trailer-signature:" 24 + 144
     * + 2 (to 535), 2: 537 bytes. Reads: 111; the signature says 18 + 142 + 2 + 10 + 2 + 111 = 285:
     * 174; the final chunk's says 174 + 18 + 140 + 2 + 75 = 409: 124; the trailer signature's
     * (its line starts at 365, 44 bytes of it read) 365 + 24 + 144 + 2 + 2 = 537: 128. On a
     * connection that hands out 100 bytes a read, each read asks for the rest of what is known.
     */
    @Test
    void aSignedTrailerIsReadAsFarAsEachSignaturesDerLengthProves() throws IOException {
        Upload u = signedWithDerLengths(PayloadSigning.STREAMING_SIGNED_TRAILER, data(10), 100, 71, 70, 72);
        byte[] body = unpadded(u.padded());
        assertEquals(537, body.length);
        Wire wire = decode(u.request(), body, data(10));
        assertEquals(List.of(111, 174, 124, 128), wire.lengthsAsked());

        // 100 of 111, then 11; 100 of 174, then 74; 100 of 124, then 24; 100 of 128, then 28
        Wire sliced = decode(VERIFIER, u.request(), body, data(10), 100);
        assertEquals(List.of(111, 11, 174, 74, 124, 24, 128, 28), sliced.lengthsAsked());
        assertEquals(List.of(100, 11, 100, 74, 100, 24, 100, 28), sliced.lengthsReturned());
    }

    /**
     * The same mode padded as the signer sends it, DER lengths 71, 70 and 70. The body:
     * 164, 10 + 2 (to 176), 164 (to 340), 31 (to 371), 24 + 144 + 2 (to 541), 2: 543 bytes.
     * Reads: 111; 285 - 111 = 174; the header read says 162 + 2 + 10 + 2 + 111 = 287: 2; the
     * final chunk's signature says 176 + 18 + 140 + 2 + 75 = 411: 124; the final header read
     * says 176 + 162 + 2 + 75 = 415: 4; the trailer signature's (its line starts at 371) 371 +
     * 24 + 140 + 2 + 2 = 539: 124; its CR and LF a byte at a time; the trailer line read says
     * 541 + 2: 2.
     */
    @Test
    void aPaddedSignedTrailerReadsOnlyTheLastPaddingsCrLfAByteAtATime() throws IOException {
        Upload u = signedWithDerLengths(PayloadSigning.STREAMING_SIGNED_TRAILER, data(10), 100, 71, 70, 70);
        assertEquals(543, u.padded().length);
        Wire wire = decode(u.request(), u.padded(), data(10));
        assertEquals(List.of(111, 174, 2, 124, 4, 124, 1, 1, 2), wire.lengthsAsked());
    }

    /**
     * The trailer signature's DER header is read as soon as its first four hex digits are in,
     * and not before. Signed trailer, 10 bytes, unpadded, DER lengths 71, 70, 72, with 16 (or 17)
     * spaces after the checksum line's colon (not signed: the value is trimmed). Then 409 bytes
     * are known (as above) and the trailer signature line starts at 334 + 47 = 381 (or 382):
     * exactly its name, colon and "3046" are in (28 bytes), so it says 381 + 24 + 144 + 2 + 2 =
     * 553, 144 more; with one space more only 27 are in: one byte, then 554 - 410 = 144.
     */
    @Test
    void theTrailerSignaturesDerHeaderIsReadWhenItsFourDigitsAreIn() throws IOException {
        Upload u = signedWithDerLengths(PayloadSigning.STREAMING_SIGNED_TRAILER, data(10), 100, 71, 70, 72);
        String text = text(unpadded(u.padded()));
        for (int spaces : new int[] {16, 17}) {
            byte[] body = ascii(text.replace("x-amz-checksum-crc32:", "x-amz-checksum-crc32:" + " ".repeat(spaces)));
            assertEquals(537 + spaces, body.length);
            Wire wire = decode(u.request(), body, data(10));
            assertEquals(spaces == 16 ? List.of(111, 174, 124, 144) : List.of(111, 174, 124, 1, 144),
                    wire.lengthsAsked(), spaces + " spaces");
        }
        // the same 17 spaces, 8 of them before the name: the checksum line's 28th character, where
        // the fourth digit of the signature's DER header will be, is a hex digit (the '2' of "crc32"),
        // and is still not taken for it
        byte[] around = ascii(text.replace("x-amz-checksum-crc32:", " ".repeat(8) + "x-amz-checksum-crc32:"
                + " ".repeat(9)));
        assertEquals('2', (char) around[334 + 27]);
        assertEquals(List.of(111, 174, 124, 1, 144), decode(u.request(), around, data(10)).lengthsAsked());
    }

    // ------------------------------------------------------------------ unsigned trailer

    /**
     * Unsigned with a CRC32 trailer, 25 bytes in chunks of 10, 10 and 5. The body: "a" CRLF 3, 10
     * + 2 (to 15), 3 + 10 + 2 (to 30), "5" CRLF 3 + 5 + 2 (to 40), "0" CRLF (to 43), the checksum
     * line 31 (to 74), 2: 76 bytes. Reads: 36; each header read says its chunk, its CRLF and 36
     * more follow: 0 + 3 + 10 + 2 + 36 = 51, 15 + 51 = 66, 30 + 3 + 5 + 2 + 36 = 76; the last
     * chunk's data is in up to 36, so its last 2 bytes are read straight into the chunk, then 76
     * - 38 = 38. On a connection handing out 7 bytes a read: 36 (7), the rest of the first chunk
     * 10 - 4 = 6, up to 51: 38 (7), the second chunk's 10 - 2 = 8 (7) and 1, up to 66: 38 (7), the
     * last chunk's 5 - 2 = 3, up to 76: 38 (7), the final header says 40 + 3 + 33 = 76: 31, 24,
     * 17, 10, 3 (7 each, the last 3). With Content-Length 76 the same, but each read of the
     * buffer asks for the rest of it: 76, 63, 48, 38.
     */
    @Test
    void anUnsignedTrailerBodyIsReadAsFarAsEachChunkHeaderProves() throws IOException {
        Upload u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, data(25), 10);
        byte[] body = u.padded();
        assertEquals(76, body.length);
        assertEquals(List.of(36, 2, 38), decode(u.request(), body, data(25)).lengthsAsked());

        Wire sliced = decode(VERIFIER, u.request(), body, data(25), 7);
        assertEquals(List.of(36, 6, 38, 8, 1, 38, 3, 38, 31, 24, 17, 10, 3), sliced.lengthsAsked());
        assertEquals(List.of(7, 6, 7, 7, 1, 7, 3, 7, 7, 7, 7, 7, 3), sliced.lengthsReturned());

        Wire withLength = decode(VERIFIER, u.withLength(76), body, data(25), 7);
        assertEquals(List.of(76, 6, 63, 8, 1, 48, 3, 38, 31, 24, 17, 10, 3), withLength.lengthsAsked());
        assertEquals(List.of(7, 6, 7, 7, 1, 7, 3, 7, 7, 7, 7, 7, 3), withLength.lengthsReturned());
    }

    /**
     * A checksum line longer than the smallest (two spaces after the colon: 33 bytes) makes the
     * empty line after it known only once it is read. Unsigned CRC32 trailer, 10 bytes: "a" CRLF,
     * 10 + 2 (to 15), "0" CRLF (to 18), 33 (to 51), 2: 53 bytes. Reads: 36; the headers say 0 + 3 +
     * 10 + 2 + 36 = 51 and 15 + 3 + 33 = 51: 15; the checksum line read says 51 + 2: 2. With a
     * SHA-256 trailer ("x-amz-checksum-sha256:" 22 + 44 + CRLF = 68, the smallest rest 3 + 68 + 2
     * = 73), 10 bytes: 15 + 3 + 68 + 2 = 88 bytes, read 73 and then 15.
     */
    @Test
    void theEmptyLineAfterALongerChecksumLineIsKnownOnceTheLineIsRead() throws IOException {
        Upload u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, data(10), 10);
        byte[] spaced = ascii(text(u.padded()).replace("x-amz-checksum-crc32:", "x-amz-checksum-crc32:  "));
        assertEquals(53, spaced.length);
        assertEquals(List.of(36, 15, 2), decode(u.request(), spaced, data(10)).lengthsAsked());

        Upload sha = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.SHA256, data(10), 10);
        assertEquals(88, sha.padded().length);
        assertEquals(List.of(73, 15), decode(sha.request(), sha.padded(), data(10)).lengthsAsked());
    }

    // ------------------------------------------------------------------ Content-Length, and a chunk larger than the buffer

    /** With Content-Length, a body smaller than the 16 KiB buffer is read in one read of exactly its length. */
    @Test
    void withContentLengthASmallBodyIsOneReadOfItsLength() throws IOException {
        for (PayloadSigning mode : new PayloadSigning[] {PayloadSigning.STREAMING_SIGNED,
            PayloadSigning.STREAMING_SIGNED_TRAILER, PayloadSigning.STREAMING_UNSIGNED_TRAILER}) {
            Upload u = sign(mode, ChecksumAlgorithm.CRC32, data(300), 100);
            for (byte[] body : new byte[][] {u.padded(), unpadded(u.padded())}) {
                Wire wire = decode(u.withLength(body.length), body, data(300));
                assertEquals(List.of(body.length), wire.lengthsAsked(), mode.name());
            }
        }
    }

    /**
     * Signed, one chunk of 20000 bytes (larger than the decoder's 16 KiB buffer), padded, the
     * final chunk's signature of DER length 70. The body: "4e20;chunk-signature=" 21 + 144 + 2
     * = 167, 20000 + 2 (to 20169), 164 (to 20333), 2: 20335 bytes. The chunk is taken in steps of
     * 8192, 16384 and 20000 bytes (its array grows as the bytes arrive).
     * With Content-Length: 16384 into the buffer; the first 8192 bytes of data from it; the next
     * 8192 are 8025 from the buffer and 167 read; the last 3616 read; then the rest of the body
     * into the buffer, 20335 - 20167 = 168.
     * Without: 38; the signature says far more than the buffer holds: 16384; data as above, but
     * the buffer held 38 bytes more, so 129 and 3616; the header read said 0 + 165 + 2 + 20000 + 2
     * + 38 = 20207: 40; the final chunk's signature says 20169 + 18 + 140 + 2 + 2 = 20331: 124;
     * its padding's CR and LF a byte at a time; its header read says 20335: 2.
     * With a Content-Length of 17000, cut inside the data: 16384, 167, and the last 449 bytes up
     * to 17000, then the cut is named.
     */
    @Test
    void aChunkLargerThanTheBufferIsReadInTheStepsItsArrayGrows() throws IOException {
        Upload u = signedWithDerLengths(PayloadSigning.STREAMING_SIGNED, data(20000), 65536, ANY, 70);
        byte[] body = u.padded();
        assertEquals(20335, body.length);
        Wire withLength = decode(u.withLength(20335), body, data(20000));
        assertEquals(List.of(16384, 167, 3616, 168), withLength.lengthsAsked());
        assertEquals(List.of(16384, 167, 3616, 168), withLength.lengthsReturned());

        Wire without = decode(u.request(), body, data(20000));
        assertEquals(List.of(38, 16384, 129, 3616, 40, 124, 1, 1, 2), without.lengthsAsked());

        Wire cut = new Wire(body, NEXT_REQUEST, 1 << 20);
        AwsChunkedException e = assertThrows(AwsChunkedException.class, () -> VERIFIER.verifyStreaming(
                u.withLength(17000), SECRETS, NOW, cut).transferTo(new ByteArrayOutputStream()));
        assertEquals("IncompleteBody: The aws-chunked body ended inside a chunk (Content-Length 17000)",
                e.getMessage());
        assertEquals(List.of(16384, 167, 449), cut.lengthsAsked());
    }

    /**
     * A chunk larger than the one before is read first into the room the earlier chunk left
     * (the chunk's array grows only when it is full, as the bytes arrive). Unsigned CRC32
     * trailer, framed by hand: chunks of 24 and 20000 bytes. The body: "18" CRLF 4, 24 + 2 (to
     * 30), "4e20" CRLF 6 (to 36), 20000 + 2 (to 20038), "0" CRLF (to 20041), the checksum line 31
     * (to 20072), 2: 20074 bytes. Reads: 36, which end exactly after the second header; its
     * data then into the 24 bytes of room, 24; the array grows to 8192: 8168; to 16384: 8192; to
     * 20000: 3616; the second header said 30 + 4 + 2 + 20000 + 2 + 36 = 20074: 38. With
     * Content-Length: 16384 into the buffer, from which the second chunk's first 8192 bytes come
     * (they end at 36 + 8192 = 8228); of its next 8192 the buffer holds 16384 - 8228 = 8156, so
     * 36 are read; then 3616 and 38.
     */
    @Test
    void aChunkLargerThanTheOneBeforeIsReadFirstIntoTheRoomItLeft() throws IOException {
        byte[] all = data(20024);
        Upload u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, all, 20024);
        CRC32 crc = new CRC32();
        crc.update(all);
        String checksum = Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4)
                .putInt((int) crc.getValue()).array());
        byte[] body = ascii("18\r\n" + text(Arrays.copyOf(all, 24)) + "\r\n4e20\r\n"
                + text(Arrays.copyOfRange(all, 24, 20024)) + "\r\n0\r\nx-amz-checksum-crc32:" + checksum + "\r\n\r\n");
        assertEquals(20074, body.length);
        assertEquals(List.of(36, 24, 8168, 8192, 3616, 38), decode(u.request(), body, all).lengthsAsked());
        assertEquals(List.of(16384, 36, 3616, 38), decode(u.withLength(20074), body, all).lengthsAsked());
    }

    // ------------------------------------------------------------------ refused lines: read to their end, no further

    /** The lengths given, then {@code count} reads of one byte, then those after. */
    private static List<Integer> reads(List<Integer> first, int count, Integer... after) {
        List<Integer> out = new ArrayList<>(first);
        for (int i = 0; i < count; i++) {
            out.add(1);
        }
        out.addAll(List.of(after));
        return out;
    }

    /** Decodes a body that is refused; checks the code and words of the refusal, and returns the connection. */
    private static Wire refused(SigV4aVerifier verifier, SignableRequest request, byte[] body, AuthError error,
                                String words) {
        Wire wire = new Wire(body, NEXT_REQUEST, 1 << 20);
        AwsChunkedException e = assertThrows(AwsChunkedException.class, () -> verifier.verifyStreaming(request,
                SECRETS, NOW, wire).transferTo(new ByteArrayOutputStream()));
        assertEquals(error, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
        return wire;
    }

    /**
     * A chunk header that is refused once read tells nothing of what follows it, so the decoder
     * reads it to its end and no further: the first 38 bytes (the smallest body), then a byte at
     * a time up to its LF. A size past x-amz-decoded-content-length (11 of 10), over the largest
     * chunk (10 of 5), of nine hex digits, not hex, an extension other than chunk-signature, or
     * no extension (no ';' in the line: the decoder must not look for one past what it read), no
     * size (the line starts with ';': not the final chunk's 0).
     */
    @Test
    void aChunkHeaderRefusedForItsSizeOrExtensionIsReadToItsEndAndNoFurther() throws IOException {
        Upload u = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(10), 100);
        String text = text(unpadded(u.padded()));
        assertTrue(text.startsWith("a;chunk-signature=30"), text);
        String rest = text.substring(1);
        String[][] cases = {
            {"b" + rest, "INCOMPLETE_BODY", "longer than x-amz-decoded-content-length"},
            {"a" + rest, "INVALID_REQUEST", "larger than the limit of 5 bytes"},
            {"00000000a" + rest, "INCOMPLETE_BODY", "no valid hex size"},
            {"ag" + rest, "INCOMPLETE_BODY", "no valid hex size"},
            {"a" + rest.replaceFirst(";chunk-signature=", ";chunk-signaturx="), "INCOMPLETE_BODY",
                "no valid chunk-signature"},
            {"a" + rest.replaceFirst(";chunk-signature=", ":chunk-signature="), "INCOMPLETE_BODY",
                "no valid hex size"},
            {rest, "INCOMPLETE_BODY", "no valid hex size"},
        };
        for (String[] c : cases) {
            SigV4aVerifier verifier = c[2].contains("limit of 5") ? SigV4aVerifier.create(SigningConfig.builder()
                    .option(SigV4Options.MAX_CHUNK_SIZE, 5).build()) : VERIFIER;
            int lineEnd = c[0].indexOf("\r\n") + 2;
            Wire wire = refused(verifier, u.request(), ascii(c[0]), AuthError.valueOf(c[1]), c[2]);
            assertEquals(reads(List.of(38), lineEnd - 38), wire.lengthsAsked(), c[0].substring(0, 20));
        }
    }

    /**
     * A signature whose first four hex digits are no DER header of an ECDSA signature ("40",
     * "31", a length of 0x50 = 80 bytes, more than the 72 of the longest, a length that is no
     * hex) tells nothing of its
     * line's length: after 38 bytes, the line is read a byte at a time; then (the header read)
     * the chunk's 10 bytes and 10 + 2 + 38 - 10 = 40 more, and the chunk is refused. One that
     * announces 2 bytes ("3000") makes 18 + 4 + 2 + 10 + 2 + 38 = 74 known: 36 more, then a byte
     * at a time.
     */
    @Test
    void aSignatureThatIsNoDerHeaderIsReadAByteAtATime() throws IOException {
        Upload u = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(10), 100);
        String text = text(unpadded(u.padded()));
        assertTrue(text.startsWith("a;chunk-signature=30"), text);
        int lineEnd = text.indexOf("\r\n") + 2;
        for (String start : new String[] {"40", "31", "3050", "304g", "3000"}) {
            byte[] body = ascii(text.substring(0, 18) + start + text.substring(18 + start.length()));
            Wire wire = refused(VERIFIER, u.request(), body, AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match");
            List<Integer> expected = start.equals("3000") ? reads(List.of(38, 36), lineEnd - 74, 10, 40)
                    : reads(List.of(38), lineEnd - 38, 10, 40);
            assertEquals(expected, wire.lengthsAsked(), start);
        }
    }

    /**
     * A trailer signature line that is refused once read ("x-amz-trailer-signaturx:" is no
     * declared trailer, "x-amz-trailer-signature=" no "name:value") tells nothing of its length:
     * signed trailer, 10 bytes, unpadded, DER lengths 71 and 70, so 111, 174 and 124 are read as
     * in {@link #aSignedTrailerIsReadAsFarAsEachSignaturesDerLengthProves}, 44 bytes of the line
     * are then in, and the rest of it is read a byte at a time.
     */
    @Test
    void aTrailerSignatureLineRefusedForItsNameIsReadToItsEndAndNoFurther() throws IOException {
        Upload u = signedWithDerLengths(PayloadSigning.STREAMING_SIGNED_TRAILER, data(10), 100, 71, 70, ANY);
        String text = text(unpadded(u.padded()));
        int line = text.indexOf("x-amz-trailer-signature:");
        assertEquals(365, line);
        int lineEnd = text.indexOf("\r\n", line) + 2;
        String[][] cases = {
            {"x-amz-trailer-signaturx:", "INVALID_REQUEST", "x-amz-trailer did not declare"},
            {"x-amz-trailer-signature=", "INCOMPLETE_BODY", "is not 'name:value'"},
        };
        for (String[] c : cases) {
            byte[] body = ascii(text.substring(0, line) + c[0] + text.substring(line + 24));
            Wire wire = refused(VERIFIER, u.request(), body, AuthError.valueOf(c[1]), c[2]);
            assertEquals(reads(List.of(111, 174, 124), lineEnd - (line + 44)), wire.lengthsAsked(), c[0]);
        }
    }

    /**
     * A later chunk that would pass x-amz-decoded-content-length is refused before its data is
     * read. Unsigned CRC32 trailer, 15 bytes declared, chunks of 10 and 20000: the first read, 36
     * bytes, holds "a" CRLF, 10 + 2 and "4e20" CRLF (21 bytes): no other read is made. With
     * Content-Length, the one read of 16384.
     */
    @Test
    void aChunkPastTheDecodedLengthIsRefusedBeforeItsDataIsRead() throws IOException {
        Upload u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, data(15), 100);
        byte[] body = ascii("a\r\n" + text(data(10)) + "\r\n4e20\r\n" + text(data(20000)) + "\r\n0\r\n"
                + "x-amz-checksum-crc32:AAAAAA==\r\n\r\n");
        Wire wire = refused(VERIFIER, u.request(), body, AuthError.INCOMPLETE_BODY,
                "longer than x-amz-decoded-content-length");
        assertEquals(List.of(36), wire.lengthsAsked());
        Wire withLength = refused(VERIFIER, u.withLength(body.length), body, AuthError.INCOMPLETE_BODY,
                "longer than x-amz-decoded-content-length");
        assertEquals(List.of(16384), withLength.lengthsAsked());
    }

    /**
     * In a signed body without trailer, a line after the final chunk is refused once read, even
     * one that looks like a trailer signature (its DER header says nothing here): it is read to
     * its end and no further.
     */
    @Test
    void aLineAfterTheFinalChunkIsReadToItsEndAndNoFurther() throws IOException {
        Upload u = sign(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(10), 100);
        String text = text(unpadded(u.padded()));
        Matcher m = SIGNATURE.matcher(text);
        assertTrue(m.find());
        byte[] body = ascii(text.substring(0, text.length() - 2) + "x-amz-trailer-signature:" + m.group(1) + "\r\n");
        Wire wire = refused(VERIFIER, u.request(), body, AuthError.INCOMPLETE_BODY, "data after the final chunk");
        assertEquals(body.length, wire.furthestAsked());
        assertArrayEquals(NEXT_REQUEST, wire.rest());
    }
}
