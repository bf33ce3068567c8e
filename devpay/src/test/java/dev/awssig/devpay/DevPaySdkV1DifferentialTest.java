package dev.awssig.devpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.http.HttpMethodName;
import com.amazonaws.services.s3.internal.S3QueryStringSigner;
import com.amazonaws.services.s3.internal.S3Signer;
import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.devpay.internal.SecurityToken;
import dev.awssig.v2.S3V2Signer;
import dev.awssig.v2.S3V2Verifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DevPay over the real S3 SigV2 signer against AWS SDK for Java v1 given the DevPay tokens as
 * its session token (which its S3 signers put where DevPay puts them), over random tokens
 * (Base64 with {@code +}, {@code /}, {@code =}), keys, methods and headers from a logged seed;
 * {@code -Dawssig.seed=<seed>} replays a run.
 */
class DevPaySdkV1DifferentialTest {
    private static final Logger LOG = LoggerFactory.getLogger(DevPaySdkV1DifferentialTest.class);
    private static final int CASES = 500;
    private static final String[] METHODS = {"GET", "PUT", "DELETE", "HEAD"};
    private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~";

    private static long seed(String test) {
        String given = System.getProperty("awssig.seed");
        long seed = given != null && !given.isBlank() ? Long.parseLong(given.trim()) : System.nanoTime();
        LOG.info("{}: random seed {} (replay with -Dawssig.seed={})", test, seed, seed);
        return seed;
    }

    private static String token(Random r, String prefix) {
        byte[] bytes = new byte[1 + r.nextInt(200)];
        r.nextBytes(bytes);
        return prefix + Base64.getEncoder().encodeToString(bytes);
    }

    private static String key(Random r) {
        StringBuilder sb = new StringBuilder();
        int segments = 1 + r.nextInt(3);
        for (int s = 0; s < segments; s++) {
            if (s > 0) {
                sb.append('/');
            }
            int n = 1 + r.nextInt(12);
            for (int i = 0; i < n; i++) {
                sb.append(KEY_CHARS.charAt(r.nextInt(KEY_CHARS.length())));
            }
        }
        return sb.toString();
    }

    private static Credentials keys(Random r) {
        return Credentials.of("AKID" + Long.toUnsignedString(r.nextLong(), 36).toUpperCase(java.util.Locale.ROOT),
                token(r, ""));
    }

    private static DefaultRequest<Void> sdkRequest(String method, String key) {
        DefaultRequest<Void> d = new DefaultRequest<>("Amazon S3");
        d.setHttpMethod(HttpMethodName.valueOf(method));
        d.setEndpoint(URI.create("https://johnsmith.s3.amazonaws.com"));
        d.setResourcePath("/" + key);
        return d;
    }

    @Test
    void headerSignedRequestsMatchSdkV1S3SignerWithTheTokensAsSessionToken() {
        long seed = seed("headerSignedRequestsMatchSdkV1S3SignerWithTheTokensAsSessionToken");
        Random r = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            Credentials keys = keys(r);
            DevPayTokens tokens = r.nextBoolean() ? DevPayTokens.of(token(r, "{UserToken}"))
                    : DevPayTokens.legacy(token(r, "{UserToken}"), token(r, "{ProductToken}"));
            String method = METHODS[r.nextInt(METHODS.length)];
            String key = key(r);
            String amzDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    Instant.ofEpochSecond(1_000_000_000L + r.nextInt(1_000_000_000)).atOffset(ZoneOffset.UTC));
            SignableRequest.Builder b = SignableRequest.builder().method(method)
                    .uri("https://johnsmith.s3.amazonaws.com/" + key).header("x-amz-date", amzDate);
            DefaultRequest<Void> sdk = sdkRequest(method, key);
            sdk.addHeader("x-amz-date", amzDate);
            int metas = r.nextInt(3);
            for (int m = 0; m < metas; m++) {
                String v = key(r);
                b.header("x-amz-meta-m" + m, v);
                sdk.addHeader("x-amz-meta-m" + m, v);
            }
            String msg = "seed " + seed + ", case " + i + ": " + method + " /" + key + " legacy=" + tokens.isLegacy();

            SigningConfig config = SigningConfig.builder().credentials(keys).clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build();
            SignedRequest signed = DevPay.signer(S3V2Signer::create, config, tokens).sign(b.build());
            new S3Signer(method, "/johnsmith/" + key).sign(sdk,
                    new BasicSessionCredentials(keys.accessKeyId(), keys.secretAccessKey(), tokens.headerValue()));

            assertEquals(sdk.getHeaders().get("x-amz-security-token"),
                    signed.request().headers().firstValue(SecurityToken.NAME).orElseThrow(), msg);
            assertEquals(List.of(tokens.headerValue()), signed.request().headers().values(SecurityToken.NAME), msg);
            assertEquals(sdk.getHeaders().get("Authorization"),
                    signed.request().headers().firstValue("Authorization").orElseThrow(), msg);
        }
    }

    @Test
    void presignedUrlsMatchSdkV1S3QueryStringSignerWithTheUserTokenAsSessionToken() {
        long seed = seed("presignedUrlsMatchSdkV1S3QueryStringSignerWithTheUserTokenAsSessionToken");
        Random r = new Random(seed);
        Verifier verifier = DevPay.verifier(S3V2Verifier.create());
        for (int i = 0; i < CASES; i++) {
            Credentials keys = keys(r);
            String userToken = token(r, "{UserToken}");
            String method = METHODS[r.nextInt(METHODS.length)];
            String key = key(r);
            Instant now = Instant.ofEpochSecond(1_000_000_000L + r.nextInt(1_000_000_000));
            Duration expiresIn = Duration.ofSeconds(1 + r.nextInt(604_800));
            String msg = "seed " + seed + ", case " + i + ": " + method + " /" + key;

            SigningConfig config = SigningConfig.builder().credentials(keys).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
            PresignedUrl url = DevPay.presigner(S3V2Signer::create, config, DevPayTokens.of(userToken)).presign(
                    SignableRequest.builder().method(method).uri("https://johnsmith.s3.amazonaws.com/" + key).build(),
                    expiresIn);
            DefaultRequest<Void> sdk = sdkRequest(method, key);
            new S3QueryStringSigner(method, "/johnsmith/" + key, Date.from(now.plus(expiresIn))).sign(sdk,
                    new BasicSessionCredentials(keys.accessKeyId(), keys.secretAccessKey(), userToken));

            String query = url.url().substring(url.url().indexOf('?') + 1);
            assertEquals(sdk.getParameters().get("x-amz-security-token"), SecurityToken.queryValues(query), msg);
            assertEquals(sdk.getParameters().get("Signature").get(0), url.signature(), msg);
            assertEquals(Long.toString(now.plus(expiresIn).getEpochSecond()), sdk.getParameters().get("Expires").get(0), msg);

            VerificationResult v = verifier.verify(SignableRequest.builder().method(method).uri(url.url()).build(),
                    SecretLookup.of(keys), now);
            assertTrue(v.isValid(), () -> msg + ": " + v);
        }
    }
}
