package dev.awssig.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicy;
import dev.awssig.post.PostPolicyEnforcer;
import dev.awssig.post.PostSubmission;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The POST policy parser and enforcer under the fuzzer. {@link #policyDocument}: a policy
 * document made from the data is parsed (a policy, or an IllegalArgumentException) and enforced
 * over a form signed for it; {@link #signedForm}: a signed SigV4 form whose fields, file size and
 * bucket the data edits. Invariants: the enforcer answers within an allocation bound, and accepts
 * a submission only when an {@link #satisfies independent reading} of the policy (Jackson's JSON,
 * S3's documented rules) accepts it too.
 */
class PostPolicyFuzzTest {
    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant T0 = Instant.parse("2030-06-01T12:00:00Z");
    private static final Instant NOW = T0.plusSeconds(60);
    private static final SecretLookup LOOKUP = SecretLookup.of(Credentials.of(ID, SECRET));
    private static final PostPolicyEnforcer ENFORCER = PostPolicyEnforcer.builder().secretLookup(LOOKUP)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private static final PostFormSigner V2 = PostFormSigner.v2(SigningConfig.builder()
            .credentials(Credentials.of(ID, SECRET)).clock(Clock.fixed(T0, ZoneOffset.UTC)).build());
    private static final PostFormSigner V4 = PostFormSigner.v4(SigningConfig.builder()
            .credentials(Credentials.of(ID, SECRET)).region("us-east-1").clock(Clock.fixed(T0, ZoneOffset.UTC)).build());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIELD_NAMES = {"key", "Key", "acl", "success_action_status", "Content-Type",
        "x-amz-meta-tag", "x-ignore-me", "policy", "x-amz-signature", "X-Amz-Credential", "x-amz-date", "file",
        "bucket", "AWSAccessKeyId", "signature", "x-amz-security-token", "success_action_redirect", "\u212aey"};
    private static final PostForm FORM = V4.sign(PostFormRequest.builder().bucket("examplebucket")
            .key("user/eric/${filename}")
            .policy(PostPolicy.builder().expiration(T0.plusSeconds(3600)).acl("public-read")
                    .contentLengthRange(1, 1000).contentTypeStartsWith("image/").keyStartsWith("user/eric/")
                    .header("x-amz-meta-tag", "blue").successActionStatus(201).build())
            .field("acl", "public-read").field("Content-Type", "image/png").field("x-amz-meta-tag", "blue")
            .field("success_action_status", "201").build());

    /** A policy document made from the data, parsed and enforced over a SigV2 form signed for it. */
    @FuzzTest(maxDuration = "10m")
    void policyDocument(FuzzedDataProvider d) {
        String key = d.consumeString(24);
        long size = d.consumeLong(-1, 2000);
        String json = d.consumeRemainingAsString();
        long loaded = Fuzz.loadedClasses();
        long before = Fuzz.allocatedBytes();
        try {
            PostPolicy policy = PostPolicy.parse(json);
            Fuzz.check(policy.expiration() != null && policy.conditions() != null, "a parsed policy is whole");
        } catch (IllegalArgumentException expected) {
            Fuzz.check(expected.getMessage() != null, "a refusal says why");
        }
        Fuzz.bounded(Fuzz.allocatedBytes() - before, json.length(), loaded, "PostPolicy.parse");
        String b64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("AWSAccessKeyId", ID);
        fields.put("policy", b64);
        fields.put("signature", V2.signature(b64));
        if (size < 0 || key.isEmpty()) {
            return; // PostSubmission refuses a negative size; an empty key is a missing field
        }
        enforce("examplebucket", fields, size, json);
    }

    /** A signed SigV4 form whose fields, file size or bucket the data edits. */
    @FuzzTest(maxDuration = "10m")
    void signedForm(FuzzedDataProvider d) {
        List<String[]> fields = new ArrayList<>();
        for (PostForm.Field f : FORM.fields()) {
            fields.add(new String[] {f.name(), f.value()});
        }
        String bucket = "examplebucket";
        long size = 10;
        int edits = d.consumeInt(1, 4);
        for (int i = 0; i < edits; i++) {
            int k = d.consumeInt(0, fields.size() - 1);
            switch (d.consumeInt(0, 5)) {
                case 0:
                    fields.get(k)[1] = Fuzz.edit(d, fields.get(k)[1]);
                    break;
                case 1:
                    fields.get(k)[0] = Fuzz.edit(d, fields.get(k)[0]);
                    break;
                case 2:
                    fields.add(d.consumeInt(0, fields.size()), new String[] {d.consumeBoolean()
                            ? d.pickValue(FIELD_NAMES) : d.consumeString(16), d.consumeString(24)});
                    break;
                case 3:
                    fields.remove(k);
                    if (fields.isEmpty()) {
                        return;
                    }
                    break;
                case 4:
                    size = d.consumeLong(0, 1L << 40);
                    break;
                default:
                    bucket = Fuzz.edit(d, bucket);
                    break;
            }
        }
        Map<String, String> map = new LinkedHashMap<>();
        PostSubmission.Builder b;
        try {
            b = PostSubmission.builder().bucket(bucket).fileName("cat.png").fileSize(size);
            for (String[] f : fields) {
                b.field(f[0], f[1]);
                map.putIfAbsent(f[0], f[1]);
            }
        } catch (IllegalArgumentException e) {
            return; // the submission model refuses it
        }
        VerificationResult r = answered(b.build());
        if (r.isValid()) {
            String policy = FORM.field("policy").orElseThrow();
            Fuzz.check(satisfies(policy, bucket, fields, size),
                    "an edited form was accepted that the signed policy does not allow: " + fields + " size " + size
                            + " bucket " + bucket);
        }
    }

    private static void enforce(String bucket, Map<String, String> fields, long size, String json) {
        PostSubmission.Builder b = PostSubmission.builder().bucket(bucket).fileName("cat.png").fileSize(size);
        List<String[]> list = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : fields.entrySet()) {
                b.field(e.getKey(), e.getValue());
                list.add(new String[] {e.getKey(), e.getValue()});
            }
        } catch (IllegalArgumentException e) {
            return;
        }
        VerificationResult r = answered(b.build());
        if (r.isValid()) {
            Fuzz.check(satisfies(fields.get("policy"), bucket, list, size),
                    "a form was accepted that its policy does not allow: " + json + " fields " + list);
        }
    }

    private static VerificationResult answered(PostSubmission s) {
        long units = 64;
        for (Map.Entry<String, String> e : s.fields()) {
            units += e.getKey().length() + e.getValue().length();
        }
        long loaded = Fuzz.loadedClasses();
        long before = Fuzz.allocatedBytes();
        VerificationResult r = ENFORCER.verify(s);
        Fuzz.bounded(Fuzz.allocatedBytes() - before, units, loaded, "PostPolicyEnforcer.verify");
        Fuzz.check(r != null && r.message() != null && r.isValid() == r.error().isEmpty(), "an answer: " + r);
        return r;
    }

    /**
     * S3's documented rules, read with Jackson: the policy is a JSON object whose expiration is
     * after now; every condition holds (an object {"field": "value"} or ["eq", "$field", v] for
     * equality, ["starts-with", "$field", prefix], ["content-length-range", min, max]); field
     * names in ASCII case, one value each, ${filename} replaced by the file's name; every field
     * before the file but x-amz-signature, signature, AWSAccessKeyId, policy and x-ignore-* has a
     * condition.
     */
    static boolean satisfies(String policyBase64, String bucket, List<String[]> fields, long size) {
        JsonNode policy;
        try {
            String text = new String(Base64.getMimeDecoder().decode(policyBase64), StandardCharsets.UTF_8);
            policy = JSON.readTree(text);
        } catch (Exception e) {
            return false;
        }
        if (policy == null || !policy.isObject() || !policy.path("expiration").isTextual()
                || !policy.path("conditions").isArray()) {
            return false;
        }
        try {
            if (!Instant.parse(policy.get("expiration").asText()).isAfter(NOW)) {
                return false;
            }
        } catch (RuntimeException e) {
            // not ISO-8601 as Instant reads it: a looser reading may still be right; go on
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String[] f : fields) {
            String name = Fuzz.asciiLower(f[0]);
            if (name.equals("file")) {
                break;
            }
            if (form.put(name, f[1].replace("${filename}", "cat.png")) != null) {
                return false;
            }
        }
        List<String> covered = new ArrayList<>();
        for (JsonNode c : policy.get("conditions")) {
            String field;
            String value;
            boolean prefix;
            if (c.isObject() && c.size() == 1) {
                Map.Entry<String, JsonNode> e = c.properties().iterator().next();
                field = e.getKey();
                value = e.getValue().asText();
                prefix = false;
            } else if (c.isArray() && c.size() == 3 && c.get(0).asText().equals("content-length-range")) {
                if (size < c.get(1).asLong() || size > c.get(2).asLong()) {
                    return false;
                }
                continue;
            } else if (c.isArray() && c.size() == 3) {
                String op = Fuzz.asciiLower(c.get(0).asText());
                if (!op.equals("eq") && !op.equals("starts-with") || !c.get(1).asText().startsWith("$")) {
                    return false;
                }
                field = c.get(1).asText().substring(1);
                value = c.get(2).asText();
                prefix = op.equals("starts-with");
            } else {
                return false;
            }
            String name = Fuzz.asciiLower(field);
            covered.add(name);
            String actual = name.equals("bucket") ? bucket : form.getOrDefault(name, "");
            if (prefix ? !actual.startsWith(value) : !actual.equals(value)) {
                return false;
            }
        }
        for (String name : form.keySet()) {
            boolean exempt = name.equals("x-amz-signature") || name.equals("signature") || name.equals("awsaccesskeyid")
                    || name.equals("policy") || name.startsWith("x-ignore-");
            if (!exempt && !covered.contains(name)) {
                return false;
            }
        }
        return size <= 5L * 1024 * 1024 * 1024;
    }
}
