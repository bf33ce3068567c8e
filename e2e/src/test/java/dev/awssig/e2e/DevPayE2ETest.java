package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.devpay.DevPayOptions;
import dev.awssig.devpay.DevPayTokens;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DevPay decorator, found by name ({@code DEVPAY+AWS4-HMAC-SHA256}, {@code DEVPAY+AWS-S3-V2})
 * around our SigV4 and SigV2 signers, and DevPay user tokens in POST forms. s3proxy has one
 * static key pair and no DevPay: it cannot tell a good token from a bad one, so these tests prove
 * what it can check — the token is sent, is covered by the signature (changing it after signing
 * is rejected) and the request is accepted — and say in their names that the token itself is not
 * validated.
 */
@ExtendWith(S3ProxyExtension.class)
class DevPayE2ETest {
    private static final String BUCKET = "devpay-tokens";
    /** Base64-looking tokens with '+', '/' and '=' (encoding mistakes show). */
    private static final String USER_TOKEN = "{UserToken}AAAHVXNlclRrbn+user/token=";
    private static final String PRODUCT_TOKEN = "{ProductToken}AAAGUHJvZFRrbn+product/token=";

    private static S3Client owner;
    private static String endpoint;

    @BeforeAll
    static void bucket(S3ProxyServer s) {
        endpoint = s.endpoint();
        owner = new S3Client(endpoint, Fixtures.signing(Fixtures.v4()));
        Scenarios.createBucket(owner, BUCKET);
    }

    static Stream<Arguments> algorithms() {
        return Stream.of(Arguments.of(Algorithms.SIGV4), Arguments.of(Algorithms.SIGV2_S3));
    }

    private static SigningConfig devPayConfig(boolean legacy) {
        SigningConfig.Builder b = Fixtures.config(Fixtures.credentials(), Clock.systemUTC())
                .option(DevPayOptions.USER_TOKEN, USER_TOKEN);
        if (legacy) {
            b.option(DevPayOptions.PRODUCT_TOKEN, PRODUCT_TOKEN);
        }
        return b.build();
    }

    private static SignableRequest put(String key, byte[] body) {
        return SignableRequest.builder().method("PUT").uri(endpoint + S3Paths.objectPath(BUCKET, key))
                .payload(Payload.ofBytes(body)).build();
    }

    /** Signs a PUT, checks the token on the wire, sends it, and reads the object back. */
    private static void putAndReadBack(Signer signer, String key, String expectedTokenHeader) {
        byte[] body = Scenarios.bytes(300, key.hashCode());
        SignableRequest signed = signer.sign(put(key, body)).request();
        assertEquals(expectedTokenHeader, signed.headers().firstValue("x-amz-security-token").orElse(null));
        S3Http.Response r = S3Http.send(signed, null);
        assertEquals(200, r.status(), r::describe);
        assertArrayEquals(body, owner.get(BUCKET, key).body());

        SignableRequest tampered = signer.sign(put(key, body)).request().toBuilder()
                .setHeader("x-amz-security-token", expectedTokenHeader + "x").build();
        S3Http.Response denied = S3Http.send(tampered, null);
        assertEquals(403, denied.status(), denied::describe);
        assertEquals("SignatureDoesNotMatch", denied.errorCode(), denied::describe);
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void devPayUserTokenIsSignedAndAcceptedThoughS3ProxyDoesNotValidateIt(String algorithm) {
        putAndReadBack(Fixtures.SIGNERS.signer(Algorithms.devpay(algorithm), devPayConfig(false)),
                "devpay/" + algorithm, USER_TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void devPayLegacyUserAndProductTokensAreSignedAndAcceptedThoughS3ProxyDoesNotValidateThem(String algorithm) {
        putAndReadBack(Fixtures.SIGNERS.signer(Algorithms.devpay(algorithm), devPayConfig(true)),
                "devpay-legacy/" + algorithm, USER_TOKEN + "," + PRODUCT_TOKEN);
    }

    /*
     * Presigned URLs with a token are tested with SigV4 only: s3proxy 4.1.0 leaves the
     * x-amz-security-token query parameter out of its SigV2 string to sign, where S3 (and the AWS
     * SDK for Java v1, signer-v2's differential oracle) puts it among the amz headers, so it
     * rejects a correct SigV2 URL that carries a token.
     */


    @org.junit.jupiter.api.Test
    void presignedGetWithDevPayUserTokenIsAcceptedThoughS3ProxyDoesNotValidateIt() {
        String algorithm = Algorithms.SIGV4;
        presignedGet(Fixtures.SIGNERS.presigner(Algorithms.devpay(algorithm), devPayConfig(false))
                .presign(get("presigned-devpay/" + algorithm), Duration.ofMinutes(5)), "presigned-devpay/" + algorithm,
                USER_TOKEN);
    }

    private static SignableRequest get(String key) {
        return SignableRequest.builder().method("GET").uri(endpoint + S3Paths.objectPath(BUCKET, key)).build();
    }

    private static void presignedGet(PresignedUrl url, String key, String token) {
        byte[] body = Scenarios.bytes(120, key.hashCode());
        assertEquals(200, owner.put(BUCKET, key, body).status());
        String query = URI.create(url.url()).getRawQuery();
        assertEquals(true, query.toLowerCase(java.util.Locale.ROOT).contains("x-amz-security-token="
                + S3Paths.encodeQuery(token).toLowerCase(java.util.Locale.ROOT)), "token in the URL, encoded");
        S3Http.Response r = S3Http.send("GET", url.url(), Map.of(), null);
        assertEquals(200, r.status(), r::describe);
        assertArrayEquals(body, r.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void postFormWithDevPayUserTokenIsAcceptedThoughS3ProxyDoesNotValidateIt(String algorithm) {
        PostFormSigner signer = algorithm.equals(Algorithms.SIGV4) ? PostFormSigner.v4(Fixtures.config())
                : PostFormSigner.v2(Fixtures.config());
        String key = "post-token/" + algorithm + ".txt";
        PostForm form = signer.sign(PostFormRequest.builder()
                .bucket(BUCKET)
                .policy(PostPolicy.builder().expiration(Clock.systemUTC().instant().plus(Duration.ofMinutes(10)))
                        .keyStartsWith("post-token/").contentLengthRange(0, 1000).build())
                .key(key)
                .securityToken(DevPayTokens.of(USER_TOKEN).postFormSecurityToken())
                .endpoint(URI.create(endpoint))
                .build());
        assertEquals(USER_TOKEN, form.field("x-amz-security-token").orElse(null));
        byte[] content = Scenarios.bytes(99, 5);
        S3Http.Response r = PostFormE2ETest.post(form, new LinkedHashMap<>(), "f.bin", content);
        assertEquals(204, r.status(), r::describe);
        assertArrayEquals(content, owner.get(BUCKET, key).body());
    }
}
