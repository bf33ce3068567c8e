package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import dev.awssig.post.PostPolicyEnforcer;
import dev.awssig.post.PostSubmission;
import dev.awssig.v2.QueryV2Verifier;
import dev.awssig.v2.S3V2Verifier;
import dev.awssig.v4.AwsChunkedException;
import dev.awssig.v4.SigV4Verifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Negative vectors as data, in the manner of Wycheproof: {@code negative/*.json} holds, per
 * verifier, hostile requests with an id, a comment and the S3 error code a server must answer
 * (and valid controls next to them). The signatures in the files were computed by
 * {@code src/test/negative/generate.py} from the AWS specifications with a fixed clock and the AWS
 * documentation's example key, not by awssig; the expected codes were written down from S3's
 * behaviour (docs/verification-errors.md, issue #12). One file is one parameter; every case of it
 * runs, and the test reports all cases that failed, not only the first.
 */
class NegativeVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sigv4-header.json", "sigv4-presigned.json", "sigv4-chunked.json", "sigv2-s3.json",
        "sigv2-query.json", "post.json"})
    void everyCaseGetsS3sAnswer(String file) throws IOException {
        JsonNode doc;
        try (InputStream in = NegativeVectorsTest.class.getResourceAsStream("/negative/" + file)) {
            assertTrue(in != null, "negative/" + file + " is on the test class path");
            doc = JSON.readTree(in);
        }
        String ak = doc.get("accessKeyId").asText();
        String sk = doc.get("secretAccessKey").asText();
        SecretLookup secrets = id -> ak.equals(id) ? Optional.of(sk) : Optional.empty();
        Instant now = Instant.parse(doc.get("now").asText());
        Function<JsonNode, String> verifier = verifierFor(file, doc, secrets, now);

        List<String> failures = new ArrayList<>();
        int cases = 0;
        int invalid = 0;
        for (JsonNode t : doc.get("tests")) {
            cases++;
            String expected;
            if (t.get("result").asText().equals("valid")) {
                expected = "valid";
            } else {
                invalid++;
                expected = (t.has("stage") ? t.get("stage").asText() + ": " : "") + t.get("code").asText();
            }
            String actual;
            try {
                actual = verifier.apply(t);
            } catch (RuntimeException | Error e) {
                actual = "threw " + e;
            }
            if (!expected.equals(actual)) {
                failures.add("#" + t.get("id").asInt() + " (" + t.get("comment").asText() + "): expected " + expected
                        + ", got " + actual);
            }
        }
        if (!failures.isEmpty()) {
            fail(file + ": " + failures.size() + " of " + cases + " cases failed:\n  " + String.join("\n  ", failures));
        }
        assertTrue(invalid >= 10 && cases > invalid, file + " has controls and at least 10 negative cases");
    }

    private static Function<JsonNode, String> verifierFor(String file, JsonNode doc, SecretLookup secrets,
                                                          Instant now) {
        switch (file) {
            case "sigv4-header.json":
            case "sigv4-presigned.json": {
                SigV4Verifier v = SigV4Verifier.create(sigV4Config(doc));
                return t -> outcome(v.verify(request(t.get("request")), secrets, now));
            }
            case "sigv4-chunked.json": {
                SigV4Verifier v = SigV4Verifier.create(sigV4Config(doc));
                return t -> streaming(v, request(t.get("request")), secrets, now,
                        t.has("unread") ? t.get("unread").asText() : "");
            }
            case "sigv2-s3.json": {
                S3V2Verifier v = S3V2Verifier.create(SigningConfig.builder().build());
                return t -> outcome(v.verify(request(t.get("request")), secrets, now));
            }
            case "sigv2-query.json": {
                QueryV2Verifier v = QueryV2Verifier.create(SigningConfig.builder().build());
                return t -> outcome(v.verify(request(t.get("request")), secrets, now));
            }
            case "post.json": {
                PostPolicyEnforcer e = PostPolicyEnforcer.builder().secretLookup(secrets)
                        .clock(Clock.fixed(now, ZoneOffset.UTC)).region(doc.get("region").asText())
                        .service(doc.get("service").asText()).build();
                return t -> outcome(e.verify(submission(t.get("request"))));
            }
            default:
                throw new IllegalArgumentException(file);
        }
    }

    private static SigningConfig sigV4Config(JsonNode doc) {
        return SigningConfig.builder().region(doc.get("region").asText()).service(doc.get("service").asText()).build();
    }

    private static String outcome(VerificationResult r) {
        return r.isValid() ? "valid" : r.error().map(e -> e.code()).orElse("invalid without a code");
    }

    /**
     * verifyStreaming, then the whole body in 7-byte reads; a valid body must leave exactly
     * {@code unread} on the connection (a pipelined request after a body framed by
     * Transfer-Encoding).
     */
    private static String streaming(SigV4Verifier v, SignableRequest request, SecretLookup secrets, Instant now,
                                    String unread) {
        byte[] body = request.payload().bytes();
        ByteArrayInputStream connection = new ByteArrayInputStream(body);
        InputStream decoded;
        try {
            decoded = v.verifyStreaming(request, secrets, now, connection);
        } catch (VerificationException e) {
            return "request: " + e.result().error().map(x -> x.code()).orElse("?");
        }
        byte[] buf = new byte[7];
        try {
            while (decoded.read(buf, 0, buf.length) >= 0) {
                // read to the end: every chunk, the trailer, what follows
            }
        } catch (AwsChunkedException e) {
            // the stream repeats its refusal on a later read: nothing after it is handed on
            String code = e.result().error().map(x -> x.code()).orElse("?");
            try {
                decoded.read(buf, 0, buf.length);
                return "body: " + code + ", but a read after it went on";
            } catch (AwsChunkedException again) {
                String second = again.result().error().map(x -> x.code()).orElse("?");
                return "body: " + code + (second.equals(code) ? "" : ", then " + second);
            } catch (IOException other) {
                return "body: " + code + ", then " + other;
            }
        } catch (IOException e) {
            return "body: an IOException that is not AwsChunkedException: " + e;
        }
        String left = new String(connection.readAllBytes(), StandardCharsets.UTF_8);
        return left.equals(unread) ? "valid" : "valid, but the decoder left '" + left + "' unread instead of '"
                + unread + "'";
    }

    private static SignableRequest request(JsonNode r) {
        SignableRequest.Builder b = SignableRequest.builder().method(r.get("method").asText())
                .uri("https://" + r.get("host").asText() + "/").rawPath(r.get("path").asText());
        if (r.has("query")) {
            b.rawQuery(r.get("query").asText());
        }
        for (JsonNode h : r.get("headers")) {
            b.header(h.get(0).asText(), h.get(1).asText());
        }
        if (r.has("body")) {
            b.payload(Payload.ofBytes(r.get("body").asText().getBytes(StandardCharsets.UTF_8)));
        }
        return b.build();
    }

    private static PostSubmission submission(JsonNode r) {
        PostSubmission.Builder b = PostSubmission.builder().bucket(r.get("bucket").asText())
                .fileName(r.get("fileName").asText()).fileSize(r.get("fileSize").asLong());
        for (JsonNode f : r.get("fields")) {
            b.field(f.get(0).asText(), f.get(1).asText());
        }
        return b.build();
    }
}
