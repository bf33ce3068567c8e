package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.devpay.DevPayOptions;
import dev.awssig.devpay.DevPayTokens;
import dev.awssig.internal.ApiAccess;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On the class path (where {@code dev.awssig.internal} is not encapsulated), no public path puts
 * a CR, LF or NUL into a request: the public builders check every header value, path and query;
 * the values a signer puts into headers (credentials, scope, DevPay tokens) are checked where
 * they are made; and the internal trusted path that skips the checks is refused to any class
 * outside awssig's own packages.
 */
class NoUncheckedHeaderTest {
    private static final Instant NOW = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b"})
    void thePublicBuildersRefuseTheValue(String bad) {
        List<Executable> ways = List.of(
                () -> new Headers.Header("X-Meta", bad),
                () -> Headers.builder().add("X-Meta", bad),
                () -> Headers.builder().set("X-Meta", bad),
                () -> Headers.builder().add("X-Meta", "ok").build().toBuilder().add("X-Other", bad),
                () -> request().header("X-Meta", bad),
                () -> request().setHeader("X-Meta", bad),
                () -> request().uri("https://examplebucket.s3.amazonaws.com/" + bad),
                () -> request().rawPath("/" + bad),
                () -> request().rawQuery("a=" + bad),
                () -> request().appendQueryParameter("a", bad),
                () -> request().appendQueryParameter(bad, "b"),
                () -> PresignedUrl.builder().url("https://examplebucket.s3.amazonaws.com/a?" + bad).method("GET")
                        .signedHeaders(Headers.empty()).expiration(NOW).stringToSign("sts").signature("sig")
                        .build(),
                () -> Credentials.of("AKID" + bad, SECRET),
                () -> Credentials.of("AKIDEXAMPLE", SECRET + bad),
                () -> Credentials.of("AKIDEXAMPLE", SECRET, "token" + bad),
                () -> SigningConfig.builder().region("us-east-1" + bad),
                () -> SigningConfig.builder().service("s3" + bad),
                () -> DevPayTokens.of("{UserToken}" + bad),
                () -> DevPayTokens.legacy("{UserToken}BA4PXRKl+mJ/8bQ=Kczg==", "{ProductToken}" + bad),
                () -> signers().signer("DEVPAY+" + Algorithms.SIGV4, config()
                        .option(DevPayOptions.USER_TOKEN, "{UserToken}" + bad).build()));
        for (int i = 0; i < ways.size(); i++) {
            assertThrows(IllegalArgumentException.class, ways.get(i), "way " + i);
        }
    }

    @Test
    void theTrustedPathIsRefusedToApplicationCode() {
        IllegalCallerException e = assertThrows(IllegalCallerException.class, ApiAccess::bridge);
        assertTrue(e.getMessage().contains(NoUncheckedHeaderTest.class.getName()), e.getMessage());
        assertThrows(IllegalCallerException.class, () -> ApiAccess.install(null));
        // nor through reflection's front door: the caller is still this class
        InvocationTargetException viaReflection = assertThrows(InvocationTargetException.class,
                () -> ApiAccess.class.getMethod("bridge").invoke(null));
        assertTrue(viaReflection.getCause() instanceof IllegalCallerException, String.valueOf(viaReflection.getCause()));
        // nor by handing the method to awssig code to call: a method reference is this package's class
        java.util.function.Supplier<ApiAccess.Bridge> handed = ApiAccess::bridge;
        assertThrows(IllegalCallerException.class, handed::get);
    }

    @Test
    void everySignerStillSignsOnTheClassPathWithCleanHeaders() {
        Consumer<Headers> clean = headers -> {
            for (Headers.Header h : headers.entries()) {
                for (char c : h.value().toCharArray()) {
                    assertFalse(c == '\r' || c == '\n' || c == 0, h.name());
                }
            }
        };
        SignableRequest request = SignableRequest.builder().method("PUT")
                .uri("https://examplebucket.s3.amazonaws.com/a%20b.txt?acl")
                .header("x-amz-meta-note", " tab\tand  spaces ").build();
        for (String algorithm : List.of(Algorithms.SIGV4, Algorithms.SIGV4A, Algorithms.SIGV2_S3,
                "DEVPAY+" + Algorithms.SIGV4, "DEVPAY+" + Algorithms.SIGV2_S3)) {
            SigningConfig config = config().option(DevPayOptions.USER_TOKEN, "{UserToken}BA4PXRKl+mJ/8bQ=Kczg==").build();
            SignedRequest signed = signers().signer(algorithm, config).sign(request);
            clean.accept(signed.request().headers());
            assertTrue(signed.request().headers().contains("Authorization"), algorithm);
            PresignedUrl url = signers().presigner(algorithm, config).presign(request, Duration.ofMinutes(5));
            clean.accept(url.signedHeaders());
            assertEquals(-1, url.url().indexOf('\n'), algorithm);
        }
    }

    private static SignableRequest.Builder request() {
        return SignableRequest.builder().method("GET").uri("https://examplebucket.s3.amazonaws.com/test.txt");
    }

    private static SigningConfig.Builder config() {
        return SigningConfig.builder().credentials(Credentials.of("AKIDEXAMPLE", SECRET)).region("us-east-1")
                .service("s3").clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Signers signers() {
        return Signers.discover();
    }
}
