package dev.awssig.v4a;

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
import dev.awssig.VerificationLimits;
import dev.awssig.v4.AwsChunkedException;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SignedHeadersPolicy;
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
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The aws-chunked framing of SigV4a uploads at its boundaries. The valid bodies come from the
 * signer (an ECDSA signature is randomized, so no fixed expected body exists); each test changes
 * one thing of the framing by hand (the chunk signatures cover the data only, so the size's
 * spelling and the framing around the data can change without touching them), computes any
 * checksum with the JDK's {@link CRC32}, and checks the one answer (S3 error code, words of the
 * message) the verifier gives.
 */
class AwsChunkedBoundariesV4aTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final Credentials CREDS = Credentials.of("AKIAV4AEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final String SIG_EXT = ";chunk-signature=";

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

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String crc32(byte[] body) {
        CRC32 c = new CRC32();
        c.update(body);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
    }

    private static SignedRequest sign(PayloadSigning mode, byte[] body, int chunkSize) {
        return SigV4aSigner.create(SigningConfig.builder().credentials(CREDS).service("s3").region("us-west-2")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC32)
                .option(SigV4Options.CHUNK_SIZE, chunkSize)
                // Content-Length unsigned: the tests send a body changed by hand with its own length, or none
                .option(SigV4Options.SIGNED_HEADERS, SignedHeadersPolicy.excluding("content-length")).build())
                .sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/k")
                        .payload(Payload.ofBytes(body)).build());
    }

    private static byte[] encoded(SignedRequest s) throws IOException {
        try (InputStream in = s.request().payload().openStream()) {
            return in.readAllBytes();
        }
    }

    private static SigV4aVerifier verifier(VerificationLimits limits, int maxChunkSize) {
        return SigV4aVerifier.create(SigningConfig.builder().option(SigV4Options.MAX_CHUNK_SIZE, maxChunkSize)
                .option(VerificationLimits.OPTION, limits).build());
    }

    private static SigV4aVerifier verifier() {
        return verifier(VerificationLimits.defaults(), 1 << 20);
    }

    /**
     * The decoded body as a raw connection delivers it (no Content-Length: the framing alone ends
     * it), after checking that the same body with a Content-Length of its length decodes the same.
     */
    private static byte[] decode(SigV4aVerifier v, SignableRequest r, byte[] body) throws IOException {
        assertArrayEquals(read(v, withLength(r, body), body), read(v, withoutLength(r), body), "with Content-Length");
        return read(v, withoutLength(r), body);
    }

    private static byte[] read(SigV4aVerifier v, SignableRequest r, byte[] body) throws IOException {
        try (InputStream in = v.verifyStreaming(r, SECRETS, NOW, new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static SignableRequest withLength(SignableRequest r, byte[] body) {
        return r.toBuilder().setHeader("Content-Length", Integer.toString(body.length)).build();
    }

    private static SignableRequest withoutLength(SignableRequest r) {
        return r.toBuilder().removeHeader("Content-Length").build();
    }

    /** The failure without Content-Length, after checking that the body with its own length fails with the same code. */
    private static AwsChunkedException fails(SigV4aVerifier v, SignableRequest r, byte[] body) {
        AwsChunkedException withLength = assertThrows(AwsChunkedException.class,
                () -> read(v, withLength(r, body), body));
        AwsChunkedException without = assertThrows(AwsChunkedException.class, () -> read(v, withoutLength(r), body));
        assertEquals(without.error(), withLength.error(), () -> without.getMessage() + " / " + withLength.getMessage());
        return without;
    }

    private static void assertFails(AuthError error, String inMessage, AwsChunkedException e) {
        assertEquals(error, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains(inMessage), e.getMessage());
    }

    /** An unsigned-trailer body of one 10-byte chunk framed by hand: the header line, the data and what follows. */
    private static byte[] unsigned(String header, String afterData, String trailer) {
        return ascii(header + "\r\n" + text(data(10)) + afterData + trailer);
    }

    private static final String GOOD_END = "\r\n0\r\n";

    private static String trailerOf(byte[] body) {
        return "x-amz-checksum-crc32:" + crc32(body) + "\r\n\r\n";
    }

    // ------------------------------------------------------------------ valid bodies

    /** A hand-framed unsigned-trailer body is accepted; so are the signer's bodies in every mode. */
    @Test
    void handFramedAndSignedBodiesDecode() throws IOException {
        SignedRequest u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(10), 10);
        assertArrayEquals(data(10), decode(verifier(), u.request(), unsigned("a", GOOD_END, trailerOf(data(10)))));
        for (PayloadSigning mode : PayloadSigning.values()) {
            if (mode.isStreaming()) {
                SignedRequest s = sign(mode, data(100), 30);
                assertArrayEquals(data(100), decode(verifier(), s.request(), encoded(s)), mode.name());
            }
        }
    }

    // ------------------------------------------------------------------ truncation

    /**
     * A body cut at any byte is IncompleteBody: at every position of an unsigned-trailer body; in
     * the signed modes (whose 144-character signatures make the bodies long, and each ECDSA check
     * slow) at every position within three bytes of a line or chunk end and every 11th elsewhere.
     */
    @Test
    void aBodyCutAtEveryPositionIsIncompleteBody() throws IOException {
        for (PayloadSigning mode : new PayloadSigning[] {PayloadSigning.STREAMING_SIGNED,
            PayloadSigning.STREAMING_SIGNED_TRAILER, PayloadSigning.STREAMING_UNSIGNED_TRAILER}) {
            SignedRequest s = sign(mode, data(20), 16);
            byte[] enc = encoded(s);
            for (int cut = 0; cut < enc.length; cut++) {
                if (mode != PayloadSigning.STREAMING_UNSIGNED_TRAILER && cut % 11 != 0 && !nearLineEnd(enc, cut)) {
                    continue;
                }
                AwsChunkedException e = fails(verifier(), s.request(), Arrays.copyOf(enc, cut));
                assertEquals(AuthError.INCOMPLETE_BODY, e.error(), mode + " cut at " + cut + ": " + e.getMessage());
            }
        }
    }

    private static boolean nearLineEnd(byte[] enc, int at) {
        for (int i = Math.max(0, at - 3); i < Math.min(enc.length, at + 4); i++) {
            if (enc[i] == '\r' || enc[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** Where the cut is named: inside a chunk's data, inside a header line. */
    @Test
    void aCutIsNamedByWhereItIs() {
        SignedRequest u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(10), 10);
        byte[] whole = unsigned("a", GOOD_END, trailerOf(data(10)));
        AwsChunkedException inData = fails(verifier(), u.request(), Arrays.copyOf(whole, 5));
        assertEquals("IncompleteBody: The aws-chunked body ended inside a chunk", inData.getMessage());
        // the same cut by a Content-Length: named with it
        AwsChunkedException byLength = assertThrows(AwsChunkedException.class, () -> read(verifier(),
                u.request().toBuilder().setHeader("Content-Length", "5").build(), whole));
        assertEquals("IncompleteBody: The aws-chunked body ended inside a chunk (Content-Length 5)",
                byLength.getMessage());
        // a CR followed by anything but LF (a NUL too) is a broken line or chunk end, not a cut
        assertFails(AuthError.INCOMPLETE_BODY, "chunk header of the aws-chunked body is not terminated by CRLF",
                fails(verifier(), u.request(), ascii("a\r\u0000")));
        for (String after : new String[] {"X", "\r\u0000", "\u0000"}) {
            AwsChunkedException e = fails(verifier(), u.request(), ascii("a\r\n" + text(data(10)) + after));
            assertEquals("IncompleteBody: An aws-chunked chunk is not followed by CRLF", e.getMessage());
        }
        assertFails(AuthError.INCOMPLETE_BODY, "ended inside the chunk header", fails(verifier(), u.request(),
                Arrays.copyOf(whole, 1)));
        assertFails(AuthError.INCOMPLETE_BODY, "ended inside the trailer", fails(verifier(), u.request(),
                Arrays.copyOf(whole, whole.length - 4)));
    }

    // ------------------------------------------------------------------ chunk header syntax

    /** The size is 1 to 8 hex digits in either case, leading zeros allowed (also in the signed modes). */
    @Test
    void theChunkSizeIsOneToEightHexDigits() throws IOException {
        SignedRequest u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(10), 10);
        for (String size : new String[] {"a", "A", "0000000a", "0000000A"}) {
            assertArrayEquals(data(10), decode(verifier(), u.request(), unsigned(size, GOOD_END, trailerOf(data(10)))));
        }
        for (String size : new String[] {"00000000a", "", "g", "+a", " a", "a ", "-1", "0x0a", ";"}) {
            assertFails(AuthError.INCOMPLETE_BODY, "no valid hex size", fails(verifier(), u.request(),
                    unsigned(size, GOOD_END, trailerOf(data(10)))));
        }
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, data(10), 10);
        String enc = text(encoded(s));
        assertTrue(enc.startsWith("a" + SIG_EXT), enc);
        assertArrayEquals(data(10), decode(verifier(), s.request(), ascii("0000000A" + enc.substring(1))));
        assertFails(AuthError.INCOMPLETE_BODY, "no valid hex size", fails(verifier(), s.request(),
                ascii("00000000a" + enc.substring(1))));
    }

    /** Header lines end in CRLF; chunk data is followed by CRLF, each byte of it checked. */
    @Test
    void crLfEndsEveryLineAndEveryChunk() {
        SignedRequest u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(10), 10);
        String trailer = trailerOf(data(10));
        assertFails(AuthError.INCOMPLETE_BODY, "chunk header of the aws-chunked body is not terminated by CRLF",
                fails(verifier(), u.request(), ascii("a\rX")));
        for (String after : new String[] {"X\n0\r\n", "\rX0\r\n", "\n\n0\r\n", "X\r\n0\r\n"}) {
            assertFails(AuthError.INCOMPLETE_BODY, "not followed by CRLF", fails(verifier(), u.request(),
                    unsigned("a", after, trailer)));
        }
        assertFails(AuthError.INCOMPLETE_BODY, "trailer of the aws-chunked body is not terminated by CRLF",
                fails(verifier(), u.request(), unsigned("a", GOOD_END, "x-amz-checksum-crc32:" + crc32(data(10))
                        + "\rX")));
    }

    /**
     * A chunk header line of exactly maxChunkHeaderLength bytes with its CRLF is accepted, one byte
     * longer is IncompleteBody (an unsigned header with a chunk extension, ignored).
     */
    @Test
    void aChunkHeaderLineOfExactlyTheLimitIsAccepted() throws IOException {
        SignedRequest u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(10), 10);
        byte[] body = unsigned("a;ext=" + "x".repeat(192), GOOD_END, trailerOf(data(10))); // 198 + CRLF
        assertArrayEquals(data(10), decode(verifier(VerificationLimits.builder().maxChunkHeaderLength(200).build(),
                100), u.request(), body));
        assertFails(AuthError.INCOMPLETE_BODY, "chunk header of the aws-chunked body is longer than",
                fails(verifier(VerificationLimits.builder().maxChunkHeaderLength(199).build(), 100), u.request(),
                        body));
    }

    /**
     * In the signed modes the header carries ";chunk-signature=" and 1 to 144 characters; none,
     * an empty one, a longer one, or another extension name is IncompleteBody.
     */
    @Test
    void aSignedChunkHeaderNeedsItsSignatureExtension() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, data(10), 10);
        String enc = text(encoded(s));
        // a DER signature of 72 bytes (about one in four: both halves with their high bit set)
        // fills the 144 characters without padding; each encoding signs anew, so take one that is padded
        for (int i = 0; i < 100 && !enc.substring(0, enc.indexOf("\r\n")).endsWith("*"); i++) {
            enc = text(encoded(s));
        }
        int lineEnd = enc.indexOf("\r\n");
        String sig = enc.substring(2 + SIG_EXT.length() - 1, lineEnd);
        assertEquals(144, sig.length(), sig);
        String rest = enc.substring(lineEnd);
        for (String header : new String[] {"a", "a;", "a" + SIG_EXT, "a;chunk-signaturE=" + sig, "a;x=1" + SIG_EXT + sig,
            "a" + SIG_EXT + sig + "*", "a" + SIG_EXT + sig + "0"}) {
            assertFails(AuthError.INCOMPLETE_BODY, "no valid chunk-signature", fails(verifier(), s.request(),
                    ascii(header + rest)));
        }
        // the padding is optional: the signature without its '*'s is the same signature
        String unpadded = sig.replace("*", "");
        assertTrue(unpadded.length() < 144);
        assertArrayEquals(data(10), decode(verifier(), s.request(), ascii("a" + SIG_EXT + unpadded + rest)));
    }

    // ------------------------------------------------------------------ sizes and lengths

    /** A chunk of the maximum size passes, one byte more is InvalidRequest naming the limit. */
    @Test
    void aChunkOfExactlyTheMaximumSizeIsAccepted() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, data(100), 100);
        assertArrayEquals(data(100), decode(verifier(VerificationLimits.defaults(), 100), s.request(), encoded(s)));
        assertFails(AuthError.INVALID_REQUEST, "larger than the limit of 99 bytes",
                fails(verifier(VerificationLimits.defaults(), 99), s.request(), encoded(s)));
    }

    /** The data must reach x-amz-decoded-content-length exactly: one byte more or less is IncompleteBody. */
    @Test
    void theDecodedLengthIsReachedExactly() {
        SignedRequest nine = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(9), 10);
        SignedRequest eleven = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(11), 11);
        byte[] body = unsigned("a", GOOD_END, trailerOf(data(10)));
        assertFails(AuthError.INCOMPLETE_BODY, "longer than x-amz-decoded-content-length",
                fails(verifier(), nine.request(), body));
        assertFails(AuthError.INCOMPLETE_BODY, "x-amz-decoded-content-length (11); got 10",
                fails(verifier(), eleven.request(), body));
    }

    // ------------------------------------------------------------------ signatures per chunk

    /** Chunk signatures chain: swapped, or a final one changed, is SignatureDoesNotMatch naming which. */
    @Test
    void eachChunkSignatureIsChecked() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, data(20), 10);
        String enc = text(encoded(s));
        String[] parts = enc.split(SIG_EXT, -1);
        String first = parts[1].substring(0, 144);
        String second = parts[2].substring(0, 144);
        String last = parts[3].substring(0, 144);
        AwsChunkedException chunk = fails(verifier(), s.request(), ascii(enc.replace(second, first)));
        assertFails(AuthError.SIGNATURE_DOES_NOT_MATCH, "The chunk signature we calculated does not match", chunk);
        assertTrue(chunk.result().stringToSign().orElseThrow().startsWith("AWS4-ECDSA-P256-SHA256-PAYLOAD\n"));
        assertFails(AuthError.SIGNATURE_DOES_NOT_MATCH, "The final chunk signature", fails(verifier(), s.request(),
                ascii(enc.replace(last, first))));
        assertFails(AuthError.SIGNATURE_DOES_NOT_MATCH, "The final chunk signature", fails(verifier(), s.request(),
                ascii(enc.replace(last, "zz" + last.substring(2)))));
    }

    // ------------------------------------------------------------------ the end and the trailer

    /** Without trailer the final chunk is followed by the empty line and nothing else. */
    @Test
    void theFinalChunkIsFollowedByTheEmptyLine() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, data(10), 10);
        byte[] enc = encoded(s);
        byte[] noEnd = Arrays.copyOf(enc, enc.length - 2);
        assertFails(AuthError.INCOMPLETE_BODY, "ended inside the end of the body", fails(verifier(), s.request(), noEnd));
        assertFails(AuthError.INCOMPLETE_BODY, "has data after the final chunk", fails(verifier(), s.request(),
                ascii(text(noEnd) + "x\r\n")));
    }

    /**
     * The trailer section may be exactly maxTrailerBytes long (its lines with their CRLFs: a
     * 31-byte checksum line here); one byte less is IncompleteBody.
     */
    @Test
    void aTrailerOfExactlyTheLimitIsAccepted() throws IOException {
        SignedRequest u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(10), 10);
        byte[] body = unsigned("a", GOOD_END, trailerOf(data(10)));
        assertEquals(33, trailerOf(data(10)).length());
        assertArrayEquals(data(10), decode(verifier(VerificationLimits.builder().maxTrailerBytes(31).build(), 100),
                u.request(), body));
        assertFails(AuthError.INCOMPLETE_BODY, "trailer of the aws-chunked body is longer than",
                fails(verifier(VerificationLimits.builder().maxTrailerBytes(30).build(), 100), u.request(), body));
        String line = "x-amz-checksum-crc32:" + crc32(data(10)) + "\r\n";
        byte[] spaced = unsigned("a", GOOD_END, "x-amz-checksum-crc32:  " + crc32(data(10)) + "\r\n\r\n");
        assertArrayEquals(data(10), decode(verifier(VerificationLimits.builder().maxTrailerBytes(line.length() + 2)
                .build(), 100), u.request(), spaced));
        assertFails(AuthError.INCOMPLETE_BODY, "longer than", fails(verifier(VerificationLimits.builder()
                .maxTrailerBytes(line.length() + 1).build(), 100), u.request(), spaced));
    }

    /** Each flaw of a trailer line alone, with its code; names in any ASCII case, whitespace trimmed. */
    @Test
    void eachTrailerFlawIsNamed() throws IOException {
        SignedRequest u = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(10), 10);
        String sum = crc32(data(10));
        String line = "x-amz-checksum-crc32:" + sum + "\r\n";
        String[][] cases = {
            {"x-amz-checksum-crc32 " + sum + "\r\n", "INCOMPLETE_BODY", "not 'name:value'"},
            {":" + sum + "\r\n", "INCOMPLETE_BODY", "not 'name:value'"},
            {"x-amz-checksum-sha1:" + sum + "\r\n", "INVALID_REQUEST", "did not declare: 'x-amz-checksum-sha1'"},
            {"x-" + "n".repeat(100) + ":v\r\n", "INVALID_REQUEST", "did not declare: 'x-" + "n".repeat(62) + "'"},
            {line + line, "INVALID_REQUEST", "repeats x-amz-checksum-crc32"},
            {"", "INCOMPLETE_BODY", "has no x-amz-checksum-crc32"},
            {"x-amz-checksum-crc32:" + crc32(data(11)) + "\r\n", "BAD_DIGEST", "did not match the calculated checksum"},
            {"\u0000" + line, "INVALID_REQUEST", "control character at index 0"},
        };
        for (String[] c : cases) {
            assertFails(AuthError.valueOf(c[1]), c[2], fails(verifier(), u.request(), unsigned("a", GOOD_END,
                    c[0] + "\r\n")));
        }
        assertArrayEquals(data(10), decode(verifier(), u.request(), unsigned("a", GOOD_END,
                "X-Amz-Checksum-CRC32 :\t" + sum + " \r\n\r\n")));

        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED_TRAILER, data(10), 10);
        String enc = text(encoded(s));
        int at = enc.indexOf("x-amz-trailer-signature:");
        String sigLine = enc.substring(at, enc.indexOf("\r\n", at) + 2);
        assertFails(AuthError.INCOMPLETE_BODY, "has no x-amz-trailer-signature", fails(verifier(), s.request(),
                ascii(enc.replace(sigLine, ""))));
        assertFails(AuthError.INVALID_REQUEST, "repeats x-amz-trailer-signature", fails(verifier(), s.request(),
                ascii(enc.replace(sigLine, sigLine + sigLine))));
        String chunkSig = enc.substring(enc.indexOf(SIG_EXT) + SIG_EXT.length(), enc.indexOf(SIG_EXT) + SIG_EXT.length()
                + 144);
        AwsChunkedException wrong = fails(verifier(), s.request(), ascii(enc.replace(sigLine,
                "x-amz-trailer-signature:" + chunkSig + "\r\n")));
        assertFails(AuthError.SIGNATURE_DOES_NOT_MATCH, "The trailer signature we calculated does not match", wrong);
        assertTrue(wrong.result().stringToSign().orElseThrow().startsWith("AWS4-ECDSA-P256-SHA256-TRAILER\n"));
        assertArrayEquals(data(10), decode(verifier(), s.request(), ascii(enc.replace("x-amz-trailer-signature:",
                "X-AMZ-TRAILER-SIGNATURE:"))));
    }

    // ------------------------------------------------------------------ the InputStream

    /** The decoded stream as an InputStream: single bytes, offsets, zero-length reads, available(), the end, close(), a failure that stays. */
    @Test
    void theDecodedStreamBehavesAsAnInputStream() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, data(25), 10);
        boolean[] closed = {false};
        InputStream connection = new ByteArrayInputStream(encoded(s)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        InputStream in = verifier().verifyStreaming(s.request(), SECRETS, NOW, connection);
        assertEquals(0, in.available());
        assertEquals(data(25)[0] & 0xff, in.read());
        assertEquals(9, in.available());
        byte[] into = new byte[40];
        assertEquals(0, in.read(into, 3, 0));
        assertEquals(9, in.read(into, 3, 20));
        assertArrayEquals(Arrays.copyOfRange(data(25), 1, 10), Arrays.copyOfRange(into, 3, 12));
        assertEquals(0, into[12]);
        assertArrayEquals(Arrays.copyOfRange(data(25), 10, 25), in.readAllBytes());
        assertEquals(-1, in.read());
        assertEquals(-1, in.read(into, 0, 4));
        String description = in.toString();
        assertTrue(description.contains("STREAMING_SIGNED"), description);
        assertFalse(description.contains("chunk-signature"), description);
        in.close();
        assertTrue(closed[0]);

        byte[] bad = encoded(s);
        bad[text(bad).indexOf("\r\n") + 3] ^= 1; // a byte of the first chunk's data
        try (InputStream failing = verifier().verifyStreaming(s.request(), SECRETS, NOW, new ByteArrayInputStream(bad))) {
            AwsChunkedException first = assertThrows(AwsChunkedException.class, failing::read);
            AwsChunkedException again = assertThrows(AwsChunkedException.class, () -> failing.read(into, 0, 4));
            assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, first.error());
            assertEquals(first.error(), again.error());
        }
    }

    /**
     * A two-line trailer (the checksum and the trailer signature, each with its CRLF) of exactly
     * maxTrailerBytes is accepted; one byte less is IncompleteBody: the limit counts every line.
     */
    @Test
    void aTwoLineTrailerOfExactlyTheLimitIsAccepted() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED_TRAILER, data(10), 10);
        byte[] body = encoded(s);
        String text = text(body);
        int at = text.indexOf("x-amz-checksum-crc32:");
        assertTrue(at > 0 && text.indexOf("x-amz-trailer-signature:") > at, text);
        int lines = text.length() - 2 - at; // both lines with their CRLFs, without the empty line that ends the trailer
        assertArrayEquals(data(10), decode(verifier(VerificationLimits.builder().maxTrailerBytes(lines).build(), 100),
                s.request(), body));
        assertFails(AuthError.INCOMPLETE_BODY, "trailer of the aws-chunked body is longer than",
                fails(verifier(VerificationLimits.builder().maxTrailerBytes(lines - 1).build(), 100), s.request(),
                        body));
    }

    /** A later chunk that would pass x-amz-decoded-content-length is refused before its data is read. */
    @Test
    void aLaterChunkPastTheDecodedLengthIsRefusedBeforeItsData() {
        SignedRequest fifteen = sign(PayloadSigning.STREAMING_UNSIGNED_TRAILER, data(15), 10);
        byte[] body = ascii("a\r\n" + text(data(10)) + "\r\na\r\n" + text(data(10)) + "\r\n0\r\n"
                + trailerOf(data(20)));
        assertFails(AuthError.INCOMPLETE_BODY, "longer than x-amz-decoded-content-length",
                fails(verifier(), fifteen.request(), body));
    }

    /** A read of no bytes reads nothing from the connection, even before the first chunk; bad bounds are refused. */
    @Test
    void aZeroLengthReadReadsNothing() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, data(10), 10);
        ByteArrayInputStream connection = new ByteArrayInputStream(encoded(s));
        int all = connection.available();
        InputStream in = verifier().verifyStreaming(s.request(), SECRETS, NOW, connection);
        assertEquals(0, in.read(new byte[4], 2, 0));
        assertEquals(all, connection.available());
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(new byte[4], 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(new byte[4], -1, 0));
        assertArrayEquals(data(10), in.readAllBytes());
    }
}
