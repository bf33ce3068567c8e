package dev.awssig.v2;

import static dev.awssig.v2.S3V2SignerTest.ID;
import static dev.awssig.v2.S3V2SignerTest.NOW;
import static dev.awssig.v2.S3V2SignerTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.v2.internal.Macs;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * After a signature or a presigned URL with a session token, the thread's long-lived buffers
 * (string to sign, URL, bytes fed to the MAC) hold no byte of the token: the test scans their
 * backing arrays, not only the references.
 */
class NoTokenOnTheThreadTest {
    private static final String TOKEN = "SESSIONTOKENONTHETHREAD0123456789";

    private static S3V2Signer signer(String token) {
        return S3V2Signer.create(SigningConfig.builder().credentials(Credentials.of(ID, SECRET, token))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
    }

    /** Every byte array and char array the thread's SigV2 buffers hold, as Latin-1 text. */
    private static String threadBuffers() throws ReflectiveOperationException {
        Object buffers = Macs.buffers();
        StringBuilder all = new StringBuilder();
        for (String name : new String[] {"text", "url"}) {
            all.append(backing((StringBuilder) field(buffers, name))).append('|');
        }
        for (String name : new String[] {"sha1", "sha256"}) {
            Object slot = field(buffers, name);
            if (slot != null) {
                all.append(new String((byte[]) field(slot, "data"), StandardCharsets.ISO_8859_1)).append('|');
            }
        }
        return all.toString();
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private static String backing(StringBuilder sb) throws ReflectiveOperationException {
        Field value = sb.getClass().getSuperclass().getDeclaredField("value");
        value.setAccessible(true);
        Object array = value.get(sb);
        return array instanceof byte[] ? new String((byte[]) array, StandardCharsets.ISO_8859_1)
                : new String((char[]) array);
    }

    @Test
    void noTokenStaysInTheThreadsBuffersAfterSigningOrPresigning() throws Exception {
        SignableRequest get = SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/k").build();
        signer(TOKEN).sign(get);
        assertFalse(threadBuffers().contains(TOKEN.substring(0, 12)), "after sign");
        signer(TOKEN).presign(get, Duration.ofMinutes(5));
        assertFalse(threadBuffers().contains(TOKEN.substring(0, 12)), "after presign");
        // and a later signature without a token does not bring an old one back
        signer(TOKEN).presign(get, Duration.ofMinutes(5));
        signer(null).presign(get, Duration.ofMinutes(5));
        assertFalse(threadBuffers().contains(TOKEN.substring(0, 12)), "after a tokenless presign");
        // a token the request itself carries is wiped too
        signer(null).sign(get.toBuilder().header("x-amz-security-token", TOKEN).build());
        assertFalse(threadBuffers().contains(TOKEN.substring(0, 12)), "after a request's own token");
    }

    @Test
    void theScanSeesWhatTheBuffersHold() throws Exception {
        signer(null).sign(SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/VISIBLEKEY").build());
        assertTrue(threadBuffers().contains("VISIBLEKEY"), "the scan reads the backing arrays");
    }
}
