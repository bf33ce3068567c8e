package dev.awssig.post.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.internal.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Every call that borrows the thread's {@link PostScratch} gives it back when it ends (and so wipes
 * the policy bytes it held): the next borrower on the thread gets the same scratch, not a new one.
 * Each call's answer is checked against the JDK (Base64, {@link Mac}) at the same time.
 */
class PostScratchGivenBackTest {
    private static final String JSON = "{\"expiration\":\"2030-01-01T00:00:00.000Z\",\"conditions\":[{\"bucket\":\"b\"}]}";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static <T> T givesItBack(Supplier<T> call) {
        PostScratch before = PostScratch.open();
        before.close();
        T answer = call.get();
        PostScratch after = PostScratch.open();
        try {
            assertSame(before, after, "the thread's scratch was given back");
        } finally {
            after.close();
        }
        return answer;
    }

    private static byte[] hmac(String algorithm, byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBase64CallsGiveTheScratchBack() {
        String b64 = Base64.getEncoder().encodeToString(JSON.getBytes(StandardCharsets.US_ASCII));
        assertEquals(b64, givesItBack(() -> PolicyJson.base64(JSON)));
        assertEquals(JSON, givesItBack(() -> PolicyJson.asciiFromBase64(b64)));
    }

    @Test
    void theSignatureCallsGiveTheScratchBack() throws Exception {
        String policy = Base64.getEncoder().encodeToString(JSON.getBytes(StandardCharsets.US_ASCII));
        String v2 = Base64.getEncoder().encodeToString(hmac("HmacSHA1", SECRET.getBytes(StandardCharsets.UTF_8), policy));
        assertEquals(v2, givesItBack(() -> PostSignatures.v2(SECRET, policy)));
        assertTrue(givesItBack(() -> PostSignatures.v2Matches(SECRET, policy, v2)));
        assertFalse(givesItBack(() -> PostSignatures.v2Matches(SECRET, policy, "x" + v2.substring(1))));

        byte[] k = hmac("HmacSHA256", ("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), "20300101");
        k = hmac("HmacSHA256", k, "us-east-1");
        k = hmac("HmacSHA256", k, "s3");
        k = hmac("HmacSHA256", k, "aws4_request");
        String v4 = HexFormat.of().formatHex(hmac("HmacSHA256", k, policy));
        SigningKeys keys = new SigningKeys(4);
        assertEquals(v4, givesItBack(() -> PostSignatures.v4(keys, SECRET, "20300101", "us-east-1", "s3", policy)));
        assertTrue(givesItBack(() -> PostSignatures.v4Matches(keys, SECRET, "20300101", "us-east-1", "s3", policy, v4)));
        assertFalse(givesItBack(() -> PostSignatures.v4Matches(keys, SECRET, "20300101", "us-east-1", "s3", policy,
                (v4.charAt(0) == '0' ? "1" : "0") + v4.substring(1))));
    }
}
