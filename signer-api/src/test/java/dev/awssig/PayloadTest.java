package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PayloadTest {
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void emptyIsBytesOfLengthZero() throws IOException {
        Payload p = Payload.empty();
        assertEquals(Payload.Kind.BYTES, p.kind());
        assertEquals(0, p.bytes().length);
        assertEquals(OptionalLong.of(0), p.contentLength());
        assertSame(Payload.empty(), Payload.ofBytes(new byte[0]));
        try (InputStream in = p.openStream()) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);
        Payload p = Payload.ofBytes(body);
        body[0] = 'x';
        byte[] out = p.bytes();
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), out);
        out[1] = 'y';
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), p.bytes());
        assertEquals(OptionalLong.of(3), p.contentLength());
    }

    @Test
    void updateDigestFeedsTheBody() throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        Payload.ofBytes("abc".getBytes(StandardCharsets.US_ASCII)).updateDigest(md);
        assertEquals(ABC_SHA256, dev.awssig.internal.Hex.encode(md.digest()));
    }

    @Test
    void precomputedHashIsValidatedAndLowerCased() {
        Payload p = Payload.ofSha256Hex(ABC_SHA256.toUpperCase(java.util.Locale.ROOT));
        assertEquals(Payload.Kind.PRECOMPUTED_SHA256, p.kind());
        assertEquals(ABC_SHA256, p.sha256Hex());
        assertEquals(OptionalLong.empty(), p.contentLength());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Payload.ofSha256Hex("abc"));
        assertTrue(e.getMessage().startsWith("payloadHash"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Payload.ofSha256Hex(ABC_SHA256.replace('b', 'g')));
        assertTrue(e.getMessage().contains("hex digits only"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Payload.ofSha256Hex(null));
    }

    @Test
    void unsignedHasNoBodyAccess() {
        Payload p = Payload.unsigned();
        assertEquals(Payload.Kind.UNSIGNED, p.kind());
        assertThrows(IllegalStateException.class, p::bytes);
        assertThrows(IllegalStateException.class, p::sha256Hex);
        assertThrows(IllegalStateException.class, p::openStream);
        assertEquals(OptionalLong.empty(), p.contentLength());
    }

    @Test
    void streamOpensFreshEachTime() throws IOException {
        byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
        Payload p = Payload.ofStream(() -> new ByteArrayInputStream(body), body.length);
        assertEquals(Payload.Kind.STREAM, p.kind());
        assertEquals(OptionalLong.of(5), p.contentLength());
        try (InputStream a = p.openStream(); InputStream b = p.openStream()) {
            assertArrayEquals(body, a.readAllBytes());
            assertArrayEquals(body, b.readAllBytes());
        }
        assertThrows(IllegalStateException.class, p::bytes);
        assertThrows(IllegalStateException.class, () -> p.updateDigest(dev.awssig.internal.Crypto.sha256()));
    }

    @Test
    void streamValidation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Payload.ofStream(InputStream::nullInputStream, -1));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Payload.ofStream(null, 1));
        assertThrows(NullPointerException.class, () -> Payload.ofBytes(null));
    }

    @Test
    void equalityAndDescription() {
        assertEquals(Payload.ofBytes(new byte[] {1, 2}), Payload.ofBytes(new byte[] {1, 2}));
        assertEquals(Payload.ofBytes(new byte[] {1, 2}).hashCode(), Payload.ofBytes(new byte[] {1, 2}).hashCode());
        assertNotEquals(Payload.ofBytes(new byte[] {1, 2}), Payload.ofBytes(new byte[] {1, 3}));
        assertEquals(Payload.ofSha256Hex(ABC_SHA256), Payload.ofSha256Hex(ABC_SHA256));
        assertNotEquals(Payload.unsigned(), Payload.empty());
        assertEquals("Payload[BYTES, length=2]", Payload.ofBytes(new byte[] {1, 2}).toString());
        assertEquals("Payload[UNSIGNED]", Payload.unsigned().toString());
        assertEquals("Payload[STREAM, length=7]", Payload.ofStream(InputStream::nullInputStream, 7).toString());
        assertEquals("Payload[PRECOMPUTED_SHA256, " + ABC_SHA256 + "]", Payload.ofSha256Hex(ABC_SHA256).toString());
    }
}
