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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The chunk and trailer signatures of SigV4a aws-chunked bodies as the verifier reads them: a
 * signature that is hex but no DER, or DER of a signature that does not verify, or longer than
 * 144 characters, is SignatureDoesNotMatch (never an exception, never accepted); a long credential
 * scope makes each string to sign longer than its first buffer.
 */
class ChunkSignaturesV4aTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final Credentials CREDS = Credentials.of("AKIACHUNKSIG", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final String SIG_EXT = ";chunk-signature=";

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static SignedRequest sign(PayloadSigning mode, String service, byte[] body) {
        return SigV4aSigner.create(SigningConfig.builder().credentials(CREDS).service(service).region("us-west-2")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC32)
                .option(SigV4Options.CHUNK_SIZE, 64)
                .option(SigV4Options.SIGNED_HEADERS, SignedHeadersPolicy.excluding("content-length")).build())
                .sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/k")
                        .payload(Payload.ofBytes(body)).build());
    }

    private static String encoded(SignedRequest s) throws IOException {
        try (InputStream in = s.request().payload().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] decode(SignedRequest s, String body) throws IOException {
        SignableRequest r = s.request().toBuilder().removeHeader("Content-Length").build();
        try (InputStream in = SigV4aVerifier.create(SigningConfig.builder().build()).verifyStreaming(r, SECRETS, NOW,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)))) {
            return in.readAllBytes();
        }
    }

    private static void assertMismatch(String what, SignedRequest s, String body) {
        AwsChunkedException e = assertThrows(AwsChunkedException.class, () -> decode(s, body));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error(), e.getMessage());
        assertTrue(e.getMessage().contains("The " + what + " signature we calculated does not match"), e.getMessage());
    }

    private static String firstChunkSignature(String body) {
        int at = body.indexOf(SIG_EXT) + SIG_EXT.length();
        return body.substring(at, body.indexOf("\r\n", at));
    }

    /**
     * Hex that is no DER (the JDK's verify throws on it), DER of r = s = 1 (parses, does not
     * verify), a DER header announcing more than there is: each is a mismatch.
     */
    @Test
    void aChunkSignatureThatIsNoValidSignatureIsAMismatch() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, "s3", data(10));
        String body = encoded(s);
        String sig = firstChunkSignature(body);
        for (String forged : new String[] {"00".repeat(8), "3006020101020101", "3046" + "00".repeat(8), "ab",
            "zz" + sig.substring(2)}) {
            assertMismatch("chunk", s, body.replace(sig, forged));
        }
        assertArrayEquals(data(10), decode(s, body));
    }

    /** The trailer signature's value has no length limit of its own in the framing: 145 characters and more are a mismatch. */
    @Test
    void aTrailerSignatureLongerThanTheLongestPaddedOneIsAMismatch() throws IOException {
        SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED_TRAILER, "s3", data(10));
        String body = encoded(s);
        int at = body.indexOf("x-amz-trailer-signature:") + "x-amz-trailer-signature:".length();
        String sig = body.substring(at, body.indexOf("\r\n", at));
        assertEquals(144, sig.length());
        for (String forged : new String[] {sig + "*", sig + "0", "30".repeat(100), "3006020101020101"}) {
            assertMismatch("trailer", s, body.replace("x-amz-trailer-signature:" + sig,
                    "x-amz-trailer-signature:" + forged));
        }
        assertArrayEquals(data(10), decode(s, body));
    }

    /**
     * A service name of 1000 characters: each chunk's string to sign (with the scope) is longer
     * than twice its first 512-byte buffer, and still signs and verifies.
     */
    @Test
    void aLongCredentialScopeSignsAndVerifiesEveryChunk() throws IOException {
        String service = "s".repeat(1000);
        for (PayloadSigning mode : new PayloadSigning[] {PayloadSigning.STREAMING_SIGNED,
            PayloadSigning.STREAMING_SIGNED_TRAILER}) {
            SignedRequest s = sign(mode, service, data(150));
            String body = encoded(s);
            assertArrayEquals(data(150), decode(s, body), mode.name());
            String sig = firstChunkSignature(body);
            String other = sig.startsWith("3045") ? "3044" + sig.substring(4) : "3045" + sig.substring(4);
            AwsChunkedException e = assertThrows(AwsChunkedException.class, () -> decode(s, body.replace(sig, other)));
            assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
            assertTrue(e.result().stringToSign().orElseThrow().contains("/" + service + "/aws4_request\n"));
        }
    }

    /**
     * A chunk's string to sign is 31 + 40 + L + P + 1 + 64 + 1 + 64 bytes for a service name of L
     * characters and a previous signature of P (140 to 144): service names of 225 to 245 and of
     * 290 to 310 characters put the end of one of its parts on every byte around the end of its
     * first 512-byte buffer (P varies with each signature's DER length).
     */
    @Test
    void everyStringToSignLengthAroundTheFirstBuffersEndSignsAndVerifies() throws IOException {
        for (int length = 225; length <= 310; length = length == 245 ? 290 : length + 1) {
            SignedRequest s = sign(PayloadSigning.STREAMING_SIGNED, "s".repeat(length), data(70));
            assertArrayEquals(data(70), decode(s, encoded(s)), "service of " + length + " characters");
        }
    }
}
