package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.Signer;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests are kept out: each is first shown to be let in when signed properly, then
 * broken one way and answered with S3's status and error code.
 */
@ExtendWith(S3ProxyExtension.class)
class RejectedRequestsE2ETest {
    private static final String BUCKET = "rejected";
    private static final String KEY = "guarded object+\u00e9";

    static Stream<Arguments> algorithms() {
        return Stream.of(Arguments.of(Algorithms.SIGV4), Arguments.of(Algorithms.SIGV2_S3));
    }

    private static Signer signer(String algorithm, Credentials credentials) {
        return Fixtures.SIGNERS.signer(algorithm, Fixtures.config(credentials, Clock.systemUTC()).build());
    }

    private static SignableRequest putRequest(S3ProxyServer s) {
        return SignableRequest.builder().method("PUT").uri(s.endpoint() + S3Paths.objectPath(BUCKET, KEY))
                .header("Content-Type", "text/plain")
                .header("x-amz-meta-owner", "e2e")
                .payload(Payload.ofBytes(new byte[] {1, 2, 3}))
                .build();
    }

    @BeforeAll
    static void bucket(S3ProxyServer s) {
        Scenarios.createBucket(new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v4())), BUCKET);
    }

    private static void assertRejected(S3Http.Response r, int status, String code) {
        assertEquals(status, r.status(), r::describe);
        assertEquals(code, r.errorCode(), r::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void correctlySignedRequestIsAccepted(String algorithm, S3ProxyServer s) {
        S3Http.Response r = S3Http.send(signer(algorithm, Fixtures.credentials()).sign(putRequest(s)));
        assertEquals(200, r.status(), r::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void wrongSecretIsSignatureDoesNotMatch(String algorithm, S3ProxyServer s) {
        Credentials wrong = Credentials.of(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY + "x");
        assertRejected(S3Http.send(signer(algorithm, wrong).sign(putRequest(s))), 403, "SignatureDoesNotMatch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void unknownAccessKeyIsInvalidAccessKeyId(String algorithm, S3ProxyServer s) {
        Credentials unknown = Credentials.of("AKIDUNKNOWNEXAMPLE", S3ProxyServer.SECRET_KEY);
        assertRejected(S3Http.send(signer(algorithm, unknown).sign(putRequest(s))), 403, "InvalidAccessKeyId");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void flippedSignatureCharacterIsSignatureDoesNotMatch(String algorithm, S3ProxyServer s) {
        SignableRequest signed = signer(algorithm, Fixtures.credentials()).sign(putRequest(s)).request();
        String auth = signed.headers().firstValue("Authorization").orElseThrow();
        // The first character of the signature: every bit of it is signature data ('0' and '1'
        // are digits in both hex (v4) and base64 (v2)).
        int i = auth.contains("Signature=") ? auth.indexOf("Signature=") + "Signature=".length()
                : auth.lastIndexOf(':') + 1;
        char flipped = auth.charAt(i) == '0' ? '1' : '0';
        String tampered = auth.substring(0, i) + flipped + auth.substring(i + 1);
        assertNotEquals(auth, tampered);
        S3Http.Response r = S3Http.send(signed.toBuilder().setHeader("Authorization", tampered).build(), null);
        assertRejected(r, 403, "SignatureDoesNotMatch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void changedSignedHeaderIsSignatureDoesNotMatch(String algorithm, S3ProxyServer s) {
        SignableRequest signed = signer(algorithm, Fixtures.credentials()).sign(putRequest(s)).request();
        S3Http.Response r = S3Http.send(signed.toBuilder().setHeader("x-amz-meta-owner", "mallory").build(), null);
        assertRejected(r, 403, "SignatureDoesNotMatch");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void requestSignedTwoHoursAgoIsRequestTimeTooSkewed(String algorithm, S3ProxyServer s) {
        Clock twoHoursAgo = Clock.fixed(java.time.Instant.now().minus(java.time.Duration.ofHours(2)),
                java.time.ZoneOffset.UTC);
        Signer old = Fixtures.SIGNERS.signer(algorithm, Fixtures.config(Fixtures.credentials(), twoHoursAgo).build());
        assertRejected(S3Http.send(old.sign(putRequest(s))), 403, "RequestTimeTooSkewed");
    }

    @org.junit.jupiter.api.Test
    void sigV4BodyChangedAfterSigningIsXAmzContentSha256Mismatch(S3ProxyServer s) {
        SignableRequest signed = Fixtures.v4().sign(putRequest(s)).request();
        S3Http.Response r = S3Http.send(signed, new byte[] {1, 2, 4});
        assertEquals(400, r.status(), r::describe);
        assertEquals("XAmzContentSHA256Mismatch", r.errorCode(), r::describe);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("algorithms")
    void changedPathIsSignatureDoesNotMatch(String algorithm, S3ProxyServer s) {
        SignableRequest signed = signer(algorithm, Fixtures.credentials()).sign(putRequest(s)).request();
        S3Http.Response r = S3Http.send(signed.toBuilder().rawPath(S3Paths.objectPath(BUCKET, KEY + "2")).build(), null);
        assertRejected(r, 403, "SignatureDoesNotMatch");
    }
}
