package dev.awssig.devpay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awssig.Credentials;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.v2.S3V2Signer;
import dev.awssig.v4.SigV4Signer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SignedRequest#addedHeaders()} through the decorator names the DevPay token too: an HTTP
 * client that sets the added headers on its own request sends the token it signed.
 */
class DevPayAddedHeadersTest {
    private static final SigningConfig CONFIG = SigningConfig.builder()
            .credentials(Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
            .region("us-east-1").service("s3").clock(Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC))
            .build();
    private static final SignableRequest GET = SignableRequest.builder().method("GET")
            .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").header("Range", "bytes=0-1").build();

    @Test
    void sigV4AddedHeadersIncludeTheToken() {
        SignedRequest signed = DevPay.signer(SigV4Signer.create(CONFIG), DevPayTokens.of(TestTokens.USER)).sign(GET);
        assertEquals(List.of("x-amz-security-token", "Host", "X-Amz-Date", "x-amz-content-sha256", "Authorization"),
                names(signed));
        assertEquals(TestTokens.USER, signed.addedHeaders().firstValue("x-amz-security-token").orElseThrow());
    }

    @Test
    void sigV2AddedHeadersIncludeTheToken() {
        SignedRequest signed = DevPay.signer(S3V2Signer.create(CONFIG), DevPayTokens.of(TestTokens.USER)).sign(GET);
        assertEquals(List.of("x-amz-security-token", "Date", "Authorization"), names(signed));
    }

    private static List<String> names(SignedRequest signed) {
        List<String> out = new ArrayList<>();
        signed.addedHeaders().entries().forEach(h -> out.add(h.name()));
        return out;
    }
}
