package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Timestamps;
import dev.awssig.v4.support.Json;
import dev.awssig.v4.support.Vectors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer tests over every SigV4 example of the AWS documentation collected in
 * {@code s3-doc-examples.json}: header signing (S3 and IAM), the presigned GET, the chunked upload
 * (seed and chunk signatures, framing, Content-Length) and the chunked upload with a signed
 * CRC32C trailer; each encoded body is also decoded by the verifier.
 */
class S3DocExamplesTest {
    private static final List<Object> ALL = Json.arr(Json.parse(Vectors.text(Vectors.root().resolve("s3-doc-examples.json"))));

    private static Stream<String> names(String algorithm) {
        List<String> out = new ArrayList<>();
        for (Object o : ALL) {
            Map<String, Object> m = Json.obj(o);
            if (algorithm.equals(m.get("algorithm"))) {
                assertEquals(Boolean.TRUE, Json.obj(m.get("verification")).get("reproduced"));
                out.add((String) m.get("name"));
            }
        }
        assertTrue(!out.isEmpty());
        return out.stream();
    }

    static Stream<String> headerExamples() {
        return names("sigv4-header");
    }

    static Stream<String> queryExamples() {
        return names("sigv4-query");
    }

    static Stream<String> chunkedExamples() {
        return names("sigv4-chunked");
    }

    private static Map<String, Object> example(String name) {
        for (Object o : ALL) {
            if (name.equals(Json.obj(o).get("name"))) {
                return Json.obj(o);
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static Map<String, Object> req(Map<String, Object> ex) {
        return Json.obj(ex.get("request"));
    }

    private static Map<String, Object> expected(Map<String, Object> ex) {
        return Json.obj(ex.get("expected"));
    }

    private static Credentials credentials(Map<String, Object> ex) {
        Map<String, Object> c = Json.obj(ex.get("credentials"));
        return Credentials.of((String) c.get("accessKeyId"), (String) c.get("secretAccessKey"));
    }

    private static Instant time(Map<String, Object> ex) {
        return Timestamps.parseAmzDate((String) ex.get("timestamp"), "timestamp");
    }

    private static SigningConfig.Builder config(Map<String, Object> ex) {
        return SigningConfig.builder()
                .credentials(credentials(ex))
                .region((String) ex.get("region"))
                .service((String) ex.get("service"))
                .clock(Clock.fixed(time(ex), ZoneOffset.UTC));
    }

    private static SignableRequest request(Map<String, Object> ex, byte[] body) {
        Map<String, Object> r = req(ex);
        String host = null;
        for (Object h : Json.arr(r.get("headers"))) {
            List<Object> kv = Json.arr(h);
            if ("host".equalsIgnoreCase((String) kv.get(0))) {
                host = (String) kv.get(1);
            }
        }
        String query = (String) r.get("query");
        SignableRequest.Builder b = SignableRequest.builder().method((String) r.get("method"))
                .uri("https://" + host + r.get("path") + (query == null || query.isEmpty() ? "" : "?" + query));
        for (Object h : Json.arr(r.get("headers"))) {
            List<Object> kv = Json.arr(h);
            b.header((String) kv.get(0), (String) kv.get(1));
        }
        return b.payload(Payload.ofBytes(body)).build();
    }

    private static byte[] payload(Map<String, Object> ex) {
        Object p = req(ex).get("payload");
        return p == null ? new byte[0] : ((String) p).getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerExamples")
    void headerExampleMatchesCanonicalRequestStringToSignAndSignature(String name) {
        Map<String, Object> ex = example(name);
        SignedRequest s = SigV4Signer.create(config(ex).build()).sign(request(ex, payload(ex)));
        assertEquals(expected(ex).get("canonicalRequest"), s.canonicalRequest());
        assertEquals(expected(ex).get("stringToSign"), s.stringToSign());
        assertEquals(expected(ex).get("signature"), s.signature());
        VerificationResult v = SigV4Verifier.create(SigningConfig.builder().build())
                .verify(s.request(), SecretLookup.of(credentials(ex)), time(ex));
        assertTrue(v.isValid(), v::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryExamples")
    void presignedExampleMatchesCanonicalRequestStringToSignSignatureAndUrl(String name) {
        Map<String, Object> ex = example(name);
        long expires = ((Number) req(ex).get("expiresInSeconds")).longValue();
        PresignedUrl url = SigV4Signer.create(config(ex).build())
                .presign(request(ex, new byte[0]), Duration.ofSeconds(expires));
        assertEquals(expected(ex).get("canonicalRequest"), url.canonicalRequest());
        assertEquals(expected(ex).get("stringToSign"), url.stringToSign());
        assertEquals(expected(ex).get("signature"), url.signature());
        // same URL; the parameters are appended in aws-c-auth's order (SignedHeaders before Expires)
        assertEquals(urlParts((String) expected(ex).get("presignedUrl")), urlParts(url.url()));
        assertEquals(time(ex).plusSeconds(expires), url.expiration());
        SignableRequest received = SignableRequest.builder().method("GET").uri(url.url())
                .headers(url.signedHeaders()).build();
        VerificationResult v = SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build())
                .verify(received, SecretLookup.of(credentials(ex)), time(ex).plusSeconds(expires - 1));
        assertTrue(v.isValid(), v::toString);
    }

    private static List<String> urlParts(String url) {
        int q = url.indexOf('?');
        List<String> params = new ArrayList<>(Arrays.asList(url.substring(q + 1).split("&")));
        params.sort(null);
        params.add(0, url.substring(0, q));
        return params;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chunkedExamples")
    void chunkedExampleMatchesSeedChunkAndTrailerSignatures(String name) throws IOException {
        Map<String, Object> ex = example(name);
        Map<String, Object> exp = expected(ex);
        boolean trailer = exp.containsKey("trailer");
        byte[] body = new byte[66560];
        Arrays.fill(body, (byte) 'a');
        SigningConfig.Builder cfg = config(ex)
                .option(SigV4Options.CHUNK_SIZE, 65536)
                .option(SigV4Options.PAYLOAD_SIGNING,
                        trailer ? PayloadSigning.STREAMING_SIGNED_TRAILER : PayloadSigning.STREAMING_SIGNED);
        if (trailer) {
            // as the example's note says, this example does not sign content-length
            cfg.option(SigV4Options.SIGNED_HEADERS, SignedHeadersPolicy.excluding("content-length"))
                    .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC32C);
        }
        SignedRequest s = SigV4Signer.create(cfg.build()).sign(request(ex, body));
        assertEquals(exp.get("canonicalRequest"), s.canonicalRequest());
        assertEquals(exp.get("stringToSign"), s.stringToSign());
        assertEquals(exp.get("seedSignature"), s.signature());

        byte[] encoded;
        try (InputStream in = s.request().payload().openStream()) {
            encoded = in.readAllBytes();
        }
        assertEquals(s.request().payload().contentLength().getAsLong(), encoded.length);
        assertEquals(Long.toString(encoded.length), s.request().headers().firstValue("Content-Length").orElseThrow());
        if (!trailer) {
            assertEquals(66824, encoded.length, "Content-Length of the documented example");
        }
        String text = new String(encoded, StandardCharsets.ISO_8859_1);
        int at = 0;
        List<Object> chunks = Json.arr(exp.get("chunks"));
        for (Object o : chunks) {
            Map<String, Object> chunk = Json.obj(o);
            String header = chunk.get("sizeHex") + ";chunk-signature=" + chunk.get("signature") + "\r\n";
            if (chunk.containsKey("encodedChunkHeader")) {
                assertEquals(chunk.get("encodedChunkHeader"), header);
            }
            assertEquals(header, text.substring(at, at + header.length()), "chunk header at " + at);
            at += header.length();
            int size = ((Number) chunk.get("size")).intValue();
            if (size > 0) {
                at += size;
                assertEquals("\r\n", text.substring(at, at + 2));
                at += 2;
            }
        }
        if (trailer) {
            Map<String, Object> t = Json.obj(exp.get("trailer"));
            String tail = t.get("headers") + "\r\nx-amz-trailer-signature:" + t.get("signature") + "\r\n\r\n";
            assertEquals(tail, text.substring(at));
        } else {
            assertEquals("\r\n", text.substring(at));
        }

        InputStream decoded = SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build())
                .verifyStreaming(s.request(), SecretLookup.of(credentials(ex)), time(ex),
                        new ByteArrayInputStream(encoded));
        assertArrayEquals(body, decoded.readAllBytes());
    }
}
