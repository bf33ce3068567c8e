package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@code policy} field of a signed form is the JDK's standard Base64 of the policy's UTF-8
 * bytes, for every length modulo 3 and for ASCII and non-ASCII documents (the form signer encodes
 * ASCII text from its characters). Fixed seed: the inputs are lengths and characters, not
 * randomized requests.
 */
class PolicyBase64Test {
    @Test
    void policyFieldIsTheJdkBase64OfTheUtf8Document() {
        Random rnd = new Random(14);
        PostFormSigner signer = PostFormSigner.v4(dev.awssig.SigningConfig.builder()
                .credentials(dev.awssig.Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .region("us-east-1").clock(java.time.Clock.fixed(Instant.parse("2015-12-29T00:00:00Z"),
                        java.time.ZoneOffset.UTC)).build());
        for (int len = 0; len < 60; len++) {
            StringBuilder value = new StringBuilder();
            for (int i = 0; i < len; i++) {
                value.append(len % 4 == 3 && i == 0 ? '\u00e9' : (char) (' ' + rnd.nextInt(95)));
            }
            PostPolicy policy = PostPolicy.builder().expiration(Instant.parse("2015-12-30T12:00:00Z"))
                    .bucket("b").keyStartsWith("u/").exact("x-amz-meta-v", value.toString()).build();
            PostForm form = signer.sign(PostFormRequest.builder().bucket("b").policy(policy).key("u/a")
                    .field("x-amz-meta-v", value.toString()).build());
            String json = form.policy().toJson();
            assertEquals(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)),
                    form.field("policy").orElseThrow(), "value of length " + len);
            assertEquals(json, PostPolicy.decodeBase64(form.field("policy").orElseThrow()), "value of length " + len);
        }
    }

    @Test
    void verbatimDocumentsOfEveryLengthModuloThreeKeepTheirBytes() {
        String[] prefixes = {"", "a", "ab", "\u00e9"};
        PostFormSigner signer = PostFormSigner.v2(dev.awssig.SigningConfig.builder()
                .credentials(dev.awssig.Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .clock(java.time.Clock.fixed(Instant.parse("2015-12-29T00:00:00Z"), java.time.ZoneOffset.UTC)).build());
        for (String prefix : prefixes) {
            String doc = "{\"expiration\":\"2015-12-30T12:00:00.000Z\",\"conditions\":[{\"bucket\":\"b\"},"
                    + "[\"starts-with\",\"$key\",\"" + prefix + "\"]]}";
            PostForm form = signer.sign(PostFormRequest.builder().bucket("b").policyDocument(doc).key(prefix + "k")
                    .build());
            assertEquals(Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8)),
                    form.field("policy").orElseThrow(), doc);
        }
    }

    /**
     * {@code decodeBase64} against the JDK's decoder and a strict UTF-8 decoder over random texts
     * of Base64 characters, padding, whitespace and others: the same document or the same refusal.
     */
    @Test
    void decodeBase64AgreesWithTheJdk() {
        Random rnd = new Random(1414);
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String odd = "==  \r\n\t-_.?\u00e9\u4e2d";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(9) : rnd.nextInt(40);
            for (int j = 0; j < len; j++) {
                sb.append(rnd.nextInt(25) == 0 ? odd.charAt(rnd.nextInt(odd.length())) : chars.charAt(rnd.nextInt(64)));
            }
            if (rnd.nextInt(3) == 0) {
                sb.append(rnd.nextBoolean() ? "=" : "==");
            }
            if (rnd.nextInt(3) == 0) {
                // mostly-ASCII documents: Base64 of printable text, sometimes with a non-ASCII byte
                byte[] doc = new byte[rnd.nextInt(20)];
                for (int j = 0; j < doc.length; j++) {
                    doc[j] = (byte) (rnd.nextInt(30) == 0 ? 0x80 + rnd.nextInt(128) : 0x20 + rnd.nextInt(95));
                }
                sb.setLength(0);
                sb.append(Base64.getEncoder().encodeToString(doc));
            }
            String text = sb.toString();
            String expected;
            try {
                byte[] bytes = Base64.getDecoder().decode(text.replaceAll("[\r\n \t]", ""));
                try {
                    expected = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                } catch (java.nio.charset.CharacterCodingException e) {
                    expected = "refused: Invalid Policy: the policy is not UTF-8 text.";
                }
            } catch (IllegalArgumentException e) {
                expected = "refused: Invalid Policy: Invalid Base64 encoding of the policy.";
            }
            String actual;
            try {
                actual = PostPolicy.decodeBase64(text);
            } catch (IllegalArgumentException e) {
                actual = "refused: " + e.getMessage();
            }
            assertEquals(expected, actual, "'" + text + "'");
        }
    }
}
