package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PayloadSigning#fromLiteral}: exactly the literals AWS documents for
 * {@code x-amz-content-sha256}, spelled as AWS spells them, and nothing else.
 */
class PayloadSigningLiteralTest {

    @Test
    void eachDocumentedLiteralNamesItsMode() {
        // the literals as the AWS S3 documentation writes them, not taken from the enum
        assertEquals(PayloadSigning.UNSIGNED, PayloadSigning.fromLiteral("UNSIGNED-PAYLOAD"));
        assertEquals(PayloadSigning.STREAMING_SIGNED, PayloadSigning.fromLiteral("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        assertEquals(PayloadSigning.STREAMING_SIGNED_TRAILER,
                PayloadSigning.fromLiteral("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"));
        assertEquals(PayloadSigning.STREAMING_UNSIGNED_TRAILER,
                PayloadSigning.fromLiteral("STREAMING-UNSIGNED-PAYLOAD-TRAILER"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "unsigned-payload", "UNSIGNED-PAYLOAD ", " UNSIGNED-PAYLOAD", "UNSIGNED-PAYLOA",
        "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILERX", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILE",
        "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", "SIGNED"})
    void anythingElseIsNoLiteral(String value) {
        assertNull(PayloadSigning.fromLiteral(value), value);
    }

    @Test
    void nullIsNoLiteral() {
        assertNull(PayloadSigning.fromLiteral(null));
    }
}
