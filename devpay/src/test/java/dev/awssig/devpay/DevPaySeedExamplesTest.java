package dev.awssig.devpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.http.HttpMethodName;
import com.amazonaws.services.s3.internal.S3QueryStringSigner;
import com.amazonaws.services.s3.internal.S3Signer;
import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v2.S3V2Signer;
import dev.awssig.v2.S3V2Verifier;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4.SigV4Verifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 (query-string authentication with a DevPay web product) reproduced: a presigned GET
 * of {@code /photos/puppy.jpg} from bucket {@code johnsmith} with the user token, expiring at
 * the seed's {@code Expires=1141889120}. The SigV2 signatures are checked against AWS SDK for
 * Java v1, whose S3 signers put a session token exactly where DevPay puts the user token (an
 * {@code x-amz-security-token} query parameter signed as a header, or the header itself).
 */
class DevPaySeedExamplesTest {
    private static final Credentials PRODUCT_KEYS = DevPayRoundTripTest.PRODUCT_KEYS;
    /** The seed's example user token, shortened as in the seed. */
    private static final String SEED_USER_TOKEN = "{UserToken}BA4PXRKl...Kczg==";
    private static final long SEED_EXPIRES = 1141889120L;
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(SEED_EXPIRES - 600);
    private static final Clock CLOCK = Clock.fixed(SIGNED_AT, ZoneOffset.UTC);
    private static final String RESOURCE = "/johnsmith/photos/puppy.jpg";

    private static SigningConfig config() {
        return SigningConfig.builder().credentials(PRODUCT_KEYS).region("us-east-1").service("s3").clock(CLOCK).build();
    }

    private static SignableRequest puppy() {
        return SignableRequest.builder().method("GET").uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build();
    }

    private static DefaultRequest<Void> sdkRequest(HttpMethodName method) {
        DefaultRequest<Void> r = new DefaultRequest<>("Amazon S3");
        r.setHttpMethod(method);
        r.setEndpoint(URI.create("https://johnsmith.s3.amazonaws.com"));
        r.setResourcePath("/photos/puppy.jpg");
        return r;
    }

    @Test
    void seed000PresignedGetOfPuppyWithSigV2MatchesTheSeedShapeAndAwsSdkV1() {
        PresignedUrl url = DevPay.presigner(S3V2Signer.create(config()), DevPayTokens.of(SEED_USER_TOKEN))
                .presign(puppy(), Duration.ofMinutes(10));

        // the seed: "...puppy.jpg?x-amz-security-token={UserToken}BA4PXRKl...Kczg==&AWSAccessKeyId=...
        //  &Signature=...&Expires=1141889120", the token URL-encoded in the URL
        String prefix = "https://johnsmith.s3.amazonaws.com/photos/puppy.jpg"
                + "?x-amz-security-token=%7BUserToken%7DBA4PXRKl...Kczg%3D%3D"
                + "&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1141889120&Signature=";
        assertTrue(url.url().startsWith(prefix), url.url());
        // "... not to URL encode it when including it in the string to sign"
        assertEquals("GET\n\n\n1141889120\nx-amz-security-token:{UserToken}BA4PXRKl...Kczg==\n" + RESOURCE,
                url.stringToSign());

        DefaultRequest<Void> sdk = sdkRequest(HttpMethodName.GET);
        new S3QueryStringSigner("GET", RESOURCE, new Date(SEED_EXPIRES * 1000)).sign(sdk,
                new BasicSessionCredentials(PRODUCT_KEYS.accessKeyId(), PRODUCT_KEYS.secretAccessKey(), SEED_USER_TOKEN));
        assertEquals(List.of(SEED_USER_TOKEN), sdk.getParameters().get("x-amz-security-token"));
        String sdkSignature = sdk.getParameters().get("Signature").get(0);
        assertEquals(sdkSignature, url.signature());
        assertEquals(prefix + UriEncoding.encode(sdkSignature, false), url.url());

        SignableRequest received = SignableRequest.builder().method("GET").uri(url.url()).build();
        assertTrue(DevPay.verifier(S3V2Verifier.create()).verify(received, DevPayRoundTripTest.SECRETS, SIGNED_AT).isValid());
    }

    @Test
    void seed000PresignedGetOfPuppyWithSigV4() {
        PresignedUrl url = DevPay.presigner(SigV4Signer.create(config()), DevPayTokens.of(SEED_USER_TOKEN))
                .presign(puppy(), Duration.ofMinutes(10));
        assertTrue(url.url().startsWith("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg"
                + "?X-Amz-Security-Token=%7BUserToken%7DBA4PXRKl...Kczg%3D%3D&X-Amz-Algorithm=AWS4-HMAC-SHA256&"),
                url.url());
        assertTrue(url.canonicalRequest().contains("X-Amz-Security-Token=%7BUserToken%7DBA4PXRKl...Kczg%3D%3D"));
        SignableRequest received = SignableRequest.builder().method("GET").uri(url.url()).build();
        var verifier = DevPay.verifier(SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build()));
        assertEquals(Algorithms.devpay(Algorithms.SIGV4), verifier.algorithm());
        assertTrue(verifier.verify(received, DevPayRoundTripTest.SECRETS, SIGNED_AT).isValid());
    }

    @Test
    void legacyHeaderSignedPutWithSigV2MatchesAwsSdkV1WithTheTokensAsSessionToken() {
        String amzDate = "Thu, 09 Mar 2006 06:55:20 GMT";
        SignableRequest put = SignableRequest.builder().method("PUT")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg")
                .header("Content-Type", "image/jpeg")
                .header("x-amz-date", amzDate)
                .header("x-amz-meta-uuid", "14365123651274")
                .build();
        DevPayTokens legacy = DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT);
        SignedRequest signed = DevPay.signer(S3V2Signer.create(config()), legacy).sign(put);
        assertEquals("PUT\n\nimage/jpeg\n\nx-amz-date:" + amzDate + "\nx-amz-meta-uuid:14365123651274\n"
                + "x-amz-security-token:" + TestTokens.USER + "," + TestTokens.PRODUCT + "\n" + RESOURCE,
                signed.stringToSign());

        DefaultRequest<Void> sdk = sdkRequest(HttpMethodName.PUT);
        sdk.addHeader("Content-Type", "image/jpeg");
        sdk.addHeader("x-amz-date", amzDate);
        sdk.addHeader("x-amz-meta-uuid", "14365123651274");
        new S3Signer("PUT", RESOURCE).sign(sdk, new BasicSessionCredentials(PRODUCT_KEYS.accessKeyId(),
                PRODUCT_KEYS.secretAccessKey(), TestTokens.USER + "," + TestTokens.PRODUCT));
        assertEquals(TestTokens.USER + "," + TestTokens.PRODUCT, sdk.getHeaders().get("x-amz-security-token"));
        assertEquals(sdk.getHeaders().get("Authorization"), signed.request().headers().firstValue("Authorization").orElseThrow());
    }
}
