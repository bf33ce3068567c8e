package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Differential tests of SigV4 POST forms against an independent implementation, the MinIO Java
 * client's {@code io.minio.PostPolicy}, over randomized policies (field values with quotes,
 * backslashes, control and non-ASCII characters, session tokens, size ranges).
 *
 * <p>The seed is logged; replay a run with {@code -Dawssig.seed=<seed>}.
 */
class MinioDifferentialTest {
    private static final Logger LOG = LoggerFactory.getLogger(MinioDifferentialTest.class);
    private static final int CASES = 300;
    private static final String[] REGIONS = {"us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"};
    private static final String[] EQ_FIELDS = {"acl", "Content-Type", "Cache-Control", "Content-Disposition",
        "Content-Encoding", "Expires", "success_action_status", "x-amz-server-side-encryption", "x-amz-storage-class",
        "x-amz-website-redirect-location", "x-amz-checksum-algorithm"};
    private static final String[] STARTS_WITH_FIELDS = {"Content-Type", "Cache-Control", "Content-Disposition",
        "success_action_redirect", "redirect", "acl"};
    private static final String[] PIECES = {"a", "Z", "0", "/", "-", "_", ".", " ", "\"", "\\", "'", "<", ">", "&",
        "$", "{", "}", "[", "]", ",", ":", "\n", "\r", "\t", "\u0001", "\u001f", "\u007f", "\u00e9", "\u00df",
        "\u4e2d", "\u2028", "\ud83d\ude00", "$filename", "%2F", "+", "="};

    private static long seed;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void chooseSeed() {
        String given = System.getProperty("awssig.seed");
        seed = given != null ? Long.parseLong(given) : new Random().nextLong();
        System.out.println("MinioDifferentialTest seed = " + seed + " (replay with -Dawssig.seed=" + seed + ")");
        LOG.info("MinioDifferentialTest seed = {} (replay with -Dawssig.seed={})", seed, seed);
    }

    @Test
    void randomizedSigV4FormsAgreeWithMinio() throws Exception {
        Random rnd = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            runCase(i, rnd);
        }
    }

    private void runCase(int n, Random rnd) throws Exception {
        String where = "case " + n + " (seed " + seed + ")";
        String bucket = randomBucket(rnd);
        String region = REGIONS[rnd.nextInt(REGIONS.length)];
        String accessKey = "AKID" + Long.toHexString(rnd.nextLong()).toUpperCase(java.util.Locale.ROOT);
        String secret = randomAscii(rnd, 40);
        String token = rnd.nextInt(3) == 0 ? "FwoGZXIvYXdzE" + randomAscii(rnd, 60) : null;
        Instant expiration = Instant.ofEpochMilli(1_900_000_000_000L + (rnd.nextLong() & 0xffffffffL) * 1000
                + rnd.nextInt(1000));

        io.minio.PostPolicy minio = new io.minio.PostPolicy(bucket, ZonedDateTime.ofInstant(expiration, ZoneOffset.UTC));
        // the same conditions, in the order MinIO writes them: $bucket, the eq block, the starts-with block, the range
        List<PolicyCondition> eqs = new ArrayList<>();
        List<PolicyCondition> prefixes = new ArrayList<>();
        Map<String, String> used = new LinkedHashMap<>();
        if (rnd.nextBoolean()) {
            String key = randomValue(rnd, 1, 30);
            minio.addEqualsCondition("key", key);
            eqs.add(PolicyCondition.eq("key", key));
            used.put("key", key);
        } else {
            String prefix = randomValue(rnd, 0, 20);
            minio.addStartsWithCondition("key", prefix);
            prefixes.add(PolicyCondition.startsWith("key", prefix));
            used.put("key", prefix);
        }
        int nEq = rnd.nextInt(5);
        for (int i = 0; i < nEq; i++) {
            String field = rnd.nextInt(3) == 0 ? "x-amz-meta-" + randomName(rnd) : EQ_FIELDS[rnd.nextInt(EQ_FIELDS.length)];
            if (used.containsKey(field.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            String value = field.equals("success_action_status") ? "201" : randomValue(rnd, 0, 25);
            minio.addEqualsCondition(field, value);
            eqs.add(PolicyCondition.eq(field, value));
            used.put(field.toLowerCase(java.util.Locale.ROOT), value);
        }
        int nSw = rnd.nextInt(4);
        for (int i = 0; i < nSw; i++) {
            String field = rnd.nextInt(2) == 0 ? "x-amz-meta-" + randomName(rnd)
                    : STARTS_WITH_FIELDS[rnd.nextInt(STARTS_WITH_FIELDS.length)];
            if (used.containsKey(field.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            String prefix = rnd.nextInt(4) == 0 ? "" : randomValue(rnd, 1, 15);
            minio.addStartsWithCondition(field, prefix);
            prefixes.add(PolicyCondition.startsWith(field, prefix));
            used.put(field.toLowerCase(java.util.Locale.ROOT), prefix);
        }
        long min = -1;
        long max = -1;
        if (rnd.nextBoolean()) {
            min = rnd.nextInt(1000);
            max = min + rnd.nextInt(1 << 20);
            minio.addContentLengthRangeCondition(min, max);
        }

        // field names are case-insensitive: MinIO 9 writes X-Amz-Date and X-Amz-Security-Token, the rest in lower case
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        m.putAll(minio.formData(new io.minio.credentials.Credentials(accessKey, secret, token, null), region));
        Instant signedAt = Timestamps.parseAmzDate(m.get("x-amz-date"), "x-amz-date");

        PostPolicy.Builder ours = PostPolicy.builder().expiration(expiration).eq("bucket", bucket)
                .conditions(eqs).conditions(prefixes);
        if (min >= 0) {
            ours.contentLengthRange(min, max);
        }
        PostFormRequest.Builder req = PostFormRequest.builder().bucket(bucket).policy(ours.build());
        if (token != null && rnd.nextBoolean()) {
            req.securityToken(token);
            token = null; // given explicitly rather than through the session credentials
        }
        PostFormSigner signer = PostFormSigner.v4(SigningConfig.builder()
                .credentials(Credentials.of(accessKey, secret, token))
                .region(region).clock(Clock.fixed(signedAt, ZoneOffset.UTC)).build());
        PostForm form = signer.sign(req.build());

        // the same authentication fields
        for (String f : new String[] {"x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-security-token"}) {
            assertEquals(m.get(f), form.field(f).orElse(null), where + ": field " + f);
        }
        // the same policy (MinIO writes every exact match as ["eq", ...]; we write the authentication
        // conditions in the object form as AWS's examples do): equal when read by our parser ...
        PostPolicy theirs = PostPolicy.fromBase64(m.get("policy"));
        assertEquals(theirs.expiration(), form.policy().expiration(), where + ": expiration");
        assertEquals(triples(theirs), triples(form.policy()), where + ": policy");
        assertEquals(triples(theirs), triples(PostPolicy.fromBase64(form.field("policy").orElseThrow())),
                where + ": our encoded policy");
        // ... and when read by an independent parser (checks our escaping)
        JsonNode theirTree = MAPPER.readTree(Base64.getDecoder().decode(m.get("policy")));
        String ourJson = new String(Base64.getDecoder().decode(form.field("policy").orElseThrow()), StandardCharsets.UTF_8);
        JsonNode ourTree = MAPPER.readTree(ourJson);
        assertEquals(theirTree.get("expiration"), ourTree.get("expiration"), where + ": expiration text");
        assertEquals(triples(theirTree.get("conditions")), triples(ourTree.get("conditions")), where + ": JSON conditions");
        for (int i = 0; i < ourJson.length(); i++) {
            assertTrue(ourJson.charAt(i) >= 0x20 && ourJson.charAt(i) < 0x7f, where + ": our JSON is printable ASCII");
        }
        // each side's signature, recomputed by the other
        String ourSig = form.field("x-amz-signature").orElseThrow();
        assertEquals(io.minio.Signer.postPresignV4(form.field("policy").orElseThrow(), secret,
                ZonedDateTime.ofInstant(signedAt, ZoneOffset.UTC), region), ourSig, where + ": MinIO signs our policy");
        assertEquals(m.get("x-amz-signature"), signer.signature(m.get("policy")), where + ": we sign MinIO's policy");

        // both forms pass the enforcer; a broken condition fails it
        long size = min >= 0 ? min + (max - min) / 2 : 1234;
        PostPolicyEnforcer enforcer = PostPolicyEnforcer.builder().region(region).build();
        SecretLookup lookup = SecretLookup.of(Map.of(accessKey, secret));
        Instant now = signedAt.plusSeconds(60);
        VerificationResult mine = enforcer.verify(PostSubmission.of(form, "photo.jpg", size), lookup, now);
        assertTrue(mine.isValid(), where + ": our form: " + mine);

        // MinIO's fields under the names MinIO gives them; the key and the policy's other fields from our form
        PostSubmission.Builder theirSub = PostSubmission.builder().bucket(bucket).fileName("photo.jpg").fileSize(size);
        m.forEach(theirSub::field);
        for (PostForm.Field f : form.fields()) {
            if (!m.containsKey(f.name())) {
                theirSub.field(f.name(), f.value());
            }
        }
        VerificationResult minioForm = enforcer.verify(theirSub.build(), lookup, now);
        assertTrue(minioForm.isValid(), where + ": MinIO's form: " + minioForm);

        List<PolicyCondition> breakable = new ArrayList<>();
        for (PolicyCondition c : form.policy().conditions()) {
            if (c.operator() != PolicyCondition.Operator.CONTENT_LENGTH_RANGE && !c.field().equals("bucket")
                    && !(c.operator() == PolicyCondition.Operator.STARTS_WITH && c.value().isEmpty())) {
                breakable.add(c);
            }
        }
        PolicyCondition victim = breakable.get(rnd.nextInt(breakable.size()));
        PostSubmission.Builder broken = PostSubmission.builder().bucket(bucket).fileName("photo.jpg").fileSize(size);
        for (PostForm.Field f : form.fields()) {
            broken.field(f.name(), victim.appliesTo(f.name()) ? "\u0000broken" + f.value() : f.value());
        }
        VerificationResult bad = enforcer.verify(broken.build(), lookup, now);
        assertFalse(bad.isValid(), where + ": broken " + victim);
        if (victim.field().equalsIgnoreCase("x-amz-algorithm") || victim.field().equalsIgnoreCase("x-amz-date")) {
            assertEquals(AuthError.INVALID_ARGUMENT, bad.error().orElseThrow(), where + ": " + bad);
        } else if (victim.field().equalsIgnoreCase("x-amz-credential")) {
            assertEquals(AuthError.INVALID_ACCESS_KEY_ID, bad.error().orElseThrow(), where + ": " + bad);
        } else {
            assertEquals(AuthError.ACCESS_DENIED, bad.error().orElseThrow(), where + ": " + bad);
            assertEquals("Invalid according to Policy: Policy Condition failed: " + victim.describe(), bad.message(),
                    where);
        }
    }

    /** Conditions as [operation, $field (lower case), value...], whatever form the exact matches are in. */
    private static List<List<String>> triples(PostPolicy p) {
        List<List<String>> out = new ArrayList<>();
        for (PolicyCondition c : p.conditions()) {
            switch (c.operator()) {
                case CONTENT_LENGTH_RANGE:
                    out.add(List.of("content-length-range", Long.toString(c.min()), Long.toString(c.max())));
                    break;
                case STARTS_WITH:
                    out.add(List.of("starts-with", "$" + c.field().toLowerCase(java.util.Locale.ROOT), c.value()));
                    break;
                default:
                    out.add(List.of("eq", "$" + c.field().toLowerCase(java.util.Locale.ROOT), c.value()));
            }
        }
        return out;
    }

    private static List<List<String>> triples(JsonNode conditions) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode c : conditions) {
            if (c.isObject()) {
                Map.Entry<String, JsonNode> e = c.properties().iterator().next();
                out.add(List.of("eq", "$" + e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue().asText()));
            } else if (c.get(0).asText().equals("content-length-range")) {
                out.add(List.of("content-length-range", c.get(1).asText(), c.get(2).asText()));
            } else {
                out.add(List.of(c.get(0).asText(), c.get(1).asText().toLowerCase(java.util.Locale.ROOT), c.get(2).asText()));
            }
        }
        return out;
    }

    private static String randomBucket(Random rnd) {
        int len = 3 + rnd.nextInt(20);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(rnd.nextInt(36)));
        }
        return sb.toString();
    }

    private static String randomName(Random rnd) {
        int len = 1 + rnd.nextInt(10);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append("abcdefghijklmnopqrstuvwxyz0123456789-_".charAt(rnd.nextInt(38)));
        }
        return sb.toString();
    }

    private static String randomAscii(Random rnd, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charAt(rnd.nextInt(64)));
        }
        return sb.toString();
    }

    private static String randomValue(Random rnd, int minPieces, int maxPieces) {
        int n = minPieces + rnd.nextInt(maxPieces - minPieces + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[rnd.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }
}
