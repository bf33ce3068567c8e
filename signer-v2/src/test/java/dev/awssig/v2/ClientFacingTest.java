package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.S3Location;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a client of S3 SigV2 gets to use: a raw character in the path is sent percent-encoded and
 * signed as sent (the string to sign names the resource the server reads), presigning an
 * {@link S3Location}, and the headers to set ({@link SignedRequest#addedHeaders()}).
 */
class ClientFacingTest {
    private static final Instant NOW = Instant.parse("2007-03-27T19:36:42Z");
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final S3V2Signer SIGNER = S3V2Signer.create(SigningConfig.builder().credentials(CREDS)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "/a b.jpg | /a%20b.jpg",
        "/caf\u00e9.txt | /caf%C3%A9.txt",
        "/x[1] y?prefix=c d | /x%5B1%5D%20y?prefix=c%20d",
    })
    void aRawCharacterIsEncodedOnceAndSignedAsSent(String raw, String encoded) {
        String host = "https://johnsmith.s3.amazonaws.com";
        PresignedUrl fromRaw = SIGNER.presign(request(host + raw), Duration.ofHours(1));
        PresignedUrl fromEncoded = SIGNER.presign(request(host + encoded), Duration.ofHours(1));
        assertEquals(fromEncoded.url(), fromRaw.url());
        URI uri = fromRaw.toUri();
        assertTrue(uri.toString().startsWith(host + encoded), uri.toString());
        assertTrue(fromRaw.stringToSign().contains("/johnsmith" + encoded.replaceFirst("\\?.*", "")),
                fromRaw.stringToSign());
        // the verifier reads the URL as the server does, and accepts it
        SignableRequest received = SignableRequest.builder().method("GET").uri(uri).build();
        assertTrue(S3V2Verifier.create().verify(received, SecretLookup.of(CREDS), NOW).isValid());

        SignedRequest signed = SIGNER.sign(request(host + raw));
        assertEquals(SIGNER.sign(request(host + encoded)).signature(), signed.signature());
        URI.create(signed.request().uri());
    }

    @Test
    void presigningAnS3LocationEqualsPresigningItsUrl() {
        S3Location puppy = S3Location.of("johnsmith", "photos/puppy 1.jpg");
        assertEquals(SIGNER.presign(request("https://johnsmith.s3.amazonaws.com/photos/puppy%201.jpg"),
                Duration.ofSeconds(60)).url(), SIGNER.presign(puppy, Duration.ofSeconds(60)).url());
        PresignedUrl put = SIGNER.presign("PUT", puppy, S3Location.Endpoint.of("http://127.0.0.1:9000"),
                Duration.ofSeconds(60));
        assertTrue(put.url().startsWith("http://127.0.0.1:9000/johnsmith/photos/puppy%201.jpg?"), put.url());
    }

    @Test
    void addedHeadersAreWhatTheClientSets() {
        SignedRequest signed = SIGNER.sign(SignableRequest.builder().method("PUT")
                .uri("https://johnsmith.s3.amazonaws.com/k").header("Content-Type", "image/jpeg").build());
        List<String> names = new ArrayList<>();
        signed.addedHeaders().entries().forEach(h -> names.add(h.name()));
        assertEquals(List.of("Date", "Authorization"), names);
        Headers added = signed.addedHeaders();
        assertEquals("Tue, 27 Mar 2007 19:36:42 GMT", added.firstValue("Date").orElseThrow());
    }

    private static SignableRequest request(String uri) {
        return SignableRequest.builder().method("GET").uri(uri).build();
    }
}
