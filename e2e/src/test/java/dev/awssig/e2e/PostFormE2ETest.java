package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Browser-based POST uploads signed by post-policy (SigV4 and SigV2 forms), the multipart body
 * built here as a browser builds it; and the policy conditions the server enforces.
 */
@ExtendWith(S3ProxyExtension.class)
class PostFormE2ETest {
    private static final String BUCKET = "post-forms";

    private static S3Client owner;

    @BeforeAll
    static void bucket(S3ProxyServer s) {
        owner = new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v4()));
        Scenarios.createBucket(owner, BUCKET);
    }

    static Stream<Arguments> versions() {
        Function<Clock, PostFormSigner> v4 = clock -> PostFormSigner.v4(Fixtures.config(Fixtures.credentials(), clock)
                .build());
        Function<Clock, PostFormSigner> v2 = clock -> PostFormSigner.v2(Fixtures.config(Fixtures.credentials(), clock)
                .build());
        return Stream.of(Arguments.of("SigV4", v4), Arguments.of("SigV2", v2));
    }

    /** A form for keys under {@code prefix}, files up to {@code maxLength} bytes, valid 10 minutes from the clock. */
    static PostForm form(PostFormSigner signer, Clock clock, S3ProxyServer s, String prefix, long maxLength,
            String key) {
        PostPolicy policy = PostPolicy.builder()
                .expiration(clock.instant().plus(Duration.ofMinutes(10)))
                .keyStartsWith(prefix)
                .contentLengthRange(0, maxLength)
                .build();
        return signer.sign(PostFormRequest.builder()
                .bucket(BUCKET)
                .policy(policy)
                .key(key)
                .endpoint(URI.create(s.endpoint()))
                .build());
    }

    /** Posts the form's fields (with overrides) and a file, as a browser would. */
    static S3Http.Response post(PostForm form, Map<String, String> overrides, String filename, byte[] content) {
        Map<String, String> fields = new LinkedHashMap<>(form.fieldMap());
        fields.putAll(overrides);
        MultipartBody body = new MultipartBody().fields(fields).file("file", filename, "application/octet-stream",
                content);
        return S3Http.send("POST", form.actionUrl().toString(), Map.of("Content-Type", body.contentType()),
                body.build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void formUploadsAFileThatReadsBackByteForByte(String version, Function<Clock, PostFormSigner> signer,
            S3ProxyServer s) {
        Clock clock = Clock.systemUTC();
        String key = "uploads/" + version + "/form object+\u00fc~.bin";
        byte[] content = Scenarios.bytes(777, 41);
        S3Http.Response r = post(form(signer.apply(clock), clock, s, "uploads/", 1000, key), Map.of(), "f.bin", content);
        assertEquals(204, r.status(), r::describe);
        S3Http.Response get = owner.get(BUCKET, key);
        assertEquals(200, get.status(), get::describe);
        assertArrayEquals(content, get.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void filenameVariableInTheKeyTakesTheUploadedFileName(String version, Function<Clock, PostFormSigner> signer,
            S3ProxyServer s) {
        Clock clock = Clock.systemUTC();
        byte[] content = "named by the browser".getBytes(StandardCharsets.UTF_8);
        S3Http.Response r = post(form(signer.apply(clock), clock, s, "named/" + version + "/", 1000,
                "named/" + version + "/${filename}"), Map.of(), "report.txt", content);
        assertEquals(204, r.status(), r::describe);
        S3Http.Response get = owner.get(BUCKET, "named/" + version + "/report.txt");
        assertEquals(200, get.status(), get::describe);
        assertArrayEquals(content, get.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void keyOutsideThePolicyPrefixIsAccessDenied(String version, Function<Clock, PostFormSigner> signer,
            S3ProxyServer s) {
        Clock clock = Clock.systemUTC();
        PostForm form = form(signer.apply(clock), clock, s, "allowed/", 1000, "allowed/" + version + ".txt");
        S3Http.Response r = post(form, Map.of("key", "elsewhere/" + version + ".txt"), "f.txt", new byte[10]);
        assertEquals(403, r.status(), r::describe);
        assertEquals("AccessDenied", r.errorCode(), r::describe);
        assertEquals(404, owner.head(BUCKET, "elsewhere/" + version + ".txt").status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void fileOverContentLengthRangeIsEntityTooLarge(String version, Function<Clock, PostFormSigner> signer,
            S3ProxyServer s) {
        Clock clock = Clock.systemUTC();
        String key = "limited/" + version + ".bin";
        PostForm form = form(signer.apply(clock), clock, s, "limited/", 100, key);
        S3Http.Response r = post(form, Map.of(), "big.bin", new byte[101]);
        assertEquals(400, r.status(), r::describe);
        assertEquals("EntityTooLarge", r.errorCode(), r::describe);
        assertEquals(404, owner.head(BUCKET, key).status());
        assertEquals(204, post(form, Map.of(), "ok.bin", new byte[100]).status(), "at the limit it is accepted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void expiredPolicyIsAccessDenied(String version, Function<Clock, PostFormSigner> signer, S3ProxyServer s) {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        String key = "expired/" + version + ".txt";
        S3Http.Response r = post(form(signer.apply(twoHoursAgo), twoHoursAgo, s, "expired/", 1000, key), Map.of(),
                "f.txt", new byte[10]);
        assertEquals(403, r.status(), r::describe);
        assertEquals("AccessDenied", r.errorCode(), r::describe);
        assertEquals(404, owner.head(BUCKET, key).status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void policyChangedAfterSigningIsForbiddenThoughS3ProxySendsNoErrorDocument(String version, Function<Clock, PostFormSigner> signer,
            S3ProxyServer s) {
        Clock clock = Clock.systemUTC();
        String key = "widened/" + version + ".txt";
        PostForm narrow = form(signer.apply(clock), clock, s, "widened/", 10, key);
        PostForm wide = form(signer.apply(clock), clock, s, "widened/", 1_000_000, key);
        // The wider policy with the narrow form's signature.
        Map<String, String> swapped = new LinkedHashMap<>();
        swapped.put("policy", wide.field("policy").orElseThrow());
        S3Http.Response r = post(narrow, swapped, "f.txt", new byte[500]);
        // s3proxy answers a bad form signature with a bare 403 (S3 sends SignatureDoesNotMatch).
        assertEquals(403, r.status(), r::describe);
        assertEquals(404, owner.head(BUCKET, key).status(), "nothing was stored");
        assertEquals(204, post(wide, Map.of(), "f.txt", new byte[500]).status(), "the wide form itself is good");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versions")
    void formSignedWithAWrongSecretIsForbiddenThoughS3ProxySendsNoErrorDocument(String version,
            Function<Clock, PostFormSigner> signer, S3ProxyServer s) {
        Clock clock = Clock.systemUTC();
        dev.awssig.SigningConfig wrong = Fixtures.config(dev.awssig.Credentials.of(S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY + "x"), clock).build();
        PostFormSigner bad = version.equals("SigV4") ? PostFormSigner.v4(wrong) : PostFormSigner.v2(wrong);
        String key = "wrong-secret/" + version + ".txt";
        S3Http.Response r = post(form(bad, clock, s, "wrong-secret/", 1000, key), Map.of(), "f.txt", new byte[5]);
        assertEquals(403, r.status(), r::describe);
        assertEquals(404, owner.head(BUCKET, key).status(), "nothing was stored");
    }
}
