package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PayloadMode;
import dev.awssig.PresignedUrl;
import dev.awssig.S3Location;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.Signers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * What a client of SigV4 gets to use: presigned URLs that are valid URIs whatever the path
 * holds, presigning an {@link S3Location}, the headers to set ({@link SignedRequest#addedHeaders()})
 * and aws-chunked streaming asked for through the SPI.
 */
class ClientFacingTest {
    private static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    private static SigningConfig.Builder config(String service) {
        return SigningConfig.builder().credentials(CREDS).region("us-east-1").service(service)
                .clock(Clock.fixed(TIME, ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "/a b.jpg | /a%20b.jpg",
        "/caf\u00e9.txt | /caf%C3%A9.txt",
        "/x[1]{2}^ y | /x%5B1%5D%7B2%7D%5E%20y",
        "/photos/a b.jpg?prefix=c d&list-type=2 | /photos/a%20b.jpg?prefix=c%20d&list-type=2",
        "/100% sure | /100%25%20sure",
    })
    void presigningARawCharacterGivesAValidUriSignedLikeTheEncodedForm(String raw, String encoded) {
        SigV4Signer s3 = SigV4Signer.create(config("s3").build());
        PresignedUrl fromRaw = s3.presign(request("GET", "https://examplebucket.s3.amazonaws.com" + raw),
                Duration.ofHours(1));
        PresignedUrl fromEncoded = s3.presign(request("GET", "https://examplebucket.s3.amazonaws.com" + encoded),
                Duration.ofHours(1));
        assertEquals(fromEncoded.url(), fromRaw.url());
        assertTrue(fromRaw.url().startsWith("https://examplebucket.s3.amazonaws.com" + encoded), fromRaw.url());
        URI uri = fromRaw.toUri();
        assertEquals(fromRaw.url(), uri.toString());
        // the verifier, reading the URL as a server does, accepts it
        SignableRequest received = SignableRequest.builder().method("GET").uri(uri)
                .headers(fromRaw.signedHeaders()).build();
        assertTrue(SigV4Verifier.create(config("s3").build()).verify(received, SecretLookup.of(CREDS), TIME)
                .isValid());

        SignedRequest signed = s3.sign(request("GET", "https://examplebucket.s3.amazonaws.com" + raw));
        assertEquals(s3.sign(request("GET", "https://examplebucket.s3.amazonaws.com" + encoded)).signature(),
                signed.signature());
        URI.create(signed.request().uri());
    }

    @Test
    void otherServicesSignARawPathAsGivenAndToUriSaysHowToPassIt() {
        // the official vectors (get-space, get-utf8) define this: the path is encoded twice
        PresignedUrl raw = SigV4Signer.create(config("service").build())
                .presign(request("GET", "https://example.amazonaws.com/example space/"), Duration.ofHours(1));
        assertTrue(raw.url().startsWith("https://example.amazonaws.com/example space/?"), raw.url());
        IllegalStateException e = assertThrows(IllegalStateException.class, raw::toUri);
        assertTrue(e.getMessage().contains("percent-encode"), e.getMessage());
    }

    @Test
    void presigningAnS3LocationEqualsPresigningItsUrl() {
        SigV4Signer signer = SigV4Signer.create(config("s3").region("eu-west-1").build());
        S3Location photo = S3Location.of("examplebucket", "photos/a b+c.jpg", "v1");
        PresignedUrl viaLocation = signer.presign(photo, Duration.ofMinutes(10));
        PresignedUrl viaUrl = signer.presign(request("GET",
                "https://examplebucket.s3.eu-west-1.amazonaws.com/photos/a%20b%2Bc.jpg?versionId=v1"),
                Duration.ofMinutes(10));
        assertEquals(viaUrl.url(), viaLocation.url());
        PresignedUrl put = signer.presign("PUT", photo, S3Location.Endpoint.of("http://127.0.0.1:9000"),
                Duration.ofMinutes(10));
        assertTrue(put.url().startsWith("http://127.0.0.1:9000/examplebucket/photos/a%20b%2Bc.jpg?versionId=v1&"),
                put.url());
        assertEquals("PUT", put.method());
    }

    @Test
    void addedHeadersAreWhatTheClientSets() {
        Signer signer = SigV4Signer.create(config("s3").credentials(Credentials.of(CREDS.accessKeyId(),
                CREDS.secretAccessKey(), "session-token")).build());
        SignableRequest given = SignableRequest.builder().method("GET").uri("https://examplebucket.s3.amazonaws.com/k")
                .header("Range", "bytes=0-9").header("X-Amz-Date", "19990101T000000Z").build();
        SignedRequest signed = signer.sign(given);
        assertEquals(List.of("Host", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token", "Authorization"),
                names(signed.addedHeaders()));
        assertEquals("20130524T000000Z", signed.addedHeaders().firstValue("x-amz-date").orElseThrow());
        // setting them on the original request gives exactly the signed request's headers
        Headers.Builder client = given.headers().toBuilder();
        signed.addedHeaders().entries().forEach(h -> client.set(h.name(), h.value()));
        assertEquals(sorted(signed.request().headers()), sorted(client.build()));
    }

    @Test
    void streamingThroughTheSpiEqualsTheConfiguredSigner() throws IOException {
        byte[] body = new byte[200_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        SignableRequest put = SignableRequest.builder().method("PUT").uri("https://examplebucket.s3.amazonaws.com/big")
                .header("Content-Length", Integer.toString(body.length))
                .payload(Payload.ofStream(() -> new ByteArrayInputStream(body), body.length)).build();
        Signers signers = Signers.discover();
        String[][] cases = {
            {"STREAMING_SIGNED", null, "STREAMING_SIGNED", null},
            {"STREAMING_SIGNED_TRAILER", "sha256", "STREAMING_SIGNED_TRAILER", "SHA256"},
            {"STREAMING_UNSIGNED_TRAILER", null, "STREAMING_UNSIGNED_TRAILER", "CRC32C"},
            {"STREAMING_UNSIGNED_TRAILER", "CRC32", "STREAMING_UNSIGNED_TRAILER", "CRC32"},
        };
        for (String[] c : cases) {
            SigningConfig base = config("s3").option(SigV4Options.CHUNK_SIZE, 65536).build();
            Signer viaSpi = signers.streamingSigner(Algorithms.SIGV4, base, PayloadMode.valueOf(c[0]), c[1]);
            SigningConfig.Builder direct = base.toBuilder()
                    .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.valueOf(c[2]));
            if (c[3] != null) {
                direct.option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.valueOf(c[3]));
            }
            SignedRequest a = viaSpi.sign(put);
            SignedRequest b = SigV4Signer.create(direct.build()).sign(put);
            assertEquals(b.request().headers(), a.request().headers(), c[0]);
            assertArrayEquals(readAll(b.request().payload()), readAll(a.request().payload()), c[0]);
            assertEquals(a.request().payload().contentLength().getAsLong(),
                    Long.parseLong(a.addedHeaders().firstValue("Content-Length").orElseThrow()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signers.streamingSigner(
                Algorithms.SIGV4, config("s3").build(), PayloadMode.STREAMING_UNSIGNED_TRAILER, "MD5"));
        assertTrue(e.getMessage().startsWith("trailerChecksum:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> signers.streamingSigner(Algorithms.SIGV4,
                config("s3").build(), PayloadMode.SIGNED, null));
    }

    private static byte[] readAll(Payload p) throws IOException {
        try (InputStream in = p.openStream()) {
            return in.readAllBytes();
        }
    }

    private static SignableRequest request(String method, String uri) {
        return SignableRequest.builder().method(method).uri(uri).build();
    }

    private static List<String> names(Headers h) {
        List<String> out = new ArrayList<>();
        h.entries().forEach(e -> out.add(e.name()));
        return out;
    }

    private static Map<String, List<String>> sorted(Headers h) {
        Map<String, List<String>> m = new java.util.TreeMap<>();
        h.entries().forEach(e -> m.computeIfAbsent(e.name().toLowerCase(java.util.Locale.ROOT),
                k -> new ArrayList<>()).add(e.value()));
        return m;
    }
}
