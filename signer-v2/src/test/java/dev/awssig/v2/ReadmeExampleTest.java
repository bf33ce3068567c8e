package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The module README's example, compiled and run (with a fixed clock). */
class ReadmeExampleTest {

    @Test
    void readmeExampleSignsPresignsAndVerifies() {
        Instant now = Instant.parse("2007-03-27T19:36:42Z");
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        // --- README snippet (Clock.systemUTC() replaced by a fixed clock) ---
        SigningConfig config = SigningConfig.builder()
                .credentials(Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
        S3V2Signer s3 = S3V2Signer.create(config);          // or Signers.discover().signer("AWS-S3-V2", config)

        SignedRequest signed = s3.sign(SignableRequest.builder()
                .method("GET").uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build());
        String authorization = signed.request().headers().firstValue("Authorization").orElseThrow();

        PresignedUrl url = s3.presign(SignableRequest.builder()
                .method("GET").uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build(),
                Duration.ofHours(1));

        SignableRequest receivedRequest = signed.request();
        VerificationResult result = S3V2Verifier.create()
                .verify(receivedRequest, SecretLookup.of(Map.of("AKIAIOSFODNN7EXAMPLE", secret)), now);
        // --- end of snippet ---
        // the doc's GET example (johnsmith, 2007-03-27T19:36:42Z) with the Date in GMT form
        assertEquals("GET\n\n\nTue, 27 Mar 2007 19:36:42 GMT\n/johnsmith/photos/puppy.jpg", signed.stringToSign());
        assertTrue(authorization.startsWith("AWS AKIAIOSFODNN7EXAMPLE:"));
        assertTrue(result.isValid(), result::toString);
        assertTrue(url.url().startsWith("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg?AWSAccessKeyId="
                + "AKIAIOSFODNN7EXAMPLE&Expires=" + (now.getEpochSecond() + 3600) + "&Signature="));
        assertEquals(S3V2Signer.class, Signers.discover().signer("AWS-S3-V2", config).getClass());
    }

    @Test
    void defaultSubResourcesAreTheSdkV1List() throws ReflectiveOperationException {
        Field f = com.amazonaws.services.s3.internal.RestUtils.class.getDeclaredField("SIGNED_PARAMETERS");
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<String> sdk = new ArrayList<>((List<String>) f.get(null));
        sdk.sort(null);
        assertEquals(sdk, V2Options.DEFAULT_SUB_RESOURCES);
    }
}
