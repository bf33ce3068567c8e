package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Throwaway: proves the harness with the AWS SDK v2 signer and hand-rolled V2/POST signing. */
@ExtendWith(S3ProxyExtension.class)
class HarnessSmokeTest {
    private static final String BUCKET = "smoke";

    private static SignableRequest sdkV4(String method, String url, byte[] body, boolean chunked, Duration presign) {
        return sdkV4(method, url, body, chunked, presign, Map.of(), null, false, null);
    }

    static SignableRequest sdkV4(String method, String url, byte[] body, boolean chunked, Duration presign,
            Map<String, String> headers, java.time.Clock clock, boolean unsigned, String checksum) {
        SdkHttpRequest.Builder rb = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(URI.create(url));
        headers.forEach(rb::putHeader);
        SdkHttpRequest req = rb.build();
        SignedRequest s = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY))
                    .request(req)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false);
            if (body != null) {
                r.payload(ContentStreamProvider.fromByteArray(body));
            }
            if (chunked) {
                r.putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true);
            }
            if (clock != null) {
                r.putProperty(software.amazon.awssdk.http.auth.spi.signer.HttpSigner.SIGNING_CLOCK, clock);
            }
            if (unsigned) {
                r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
            }
            if (checksum != null) {
                r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, software.amazon.awssdk.checksums.DefaultChecksumAlgorithm.CRC32);
            }
            if (presign != null) {
                r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presign);
            }
        });
        SignableRequest.Builder b = SignableRequest.builder().method(method).uri(s.request().getUri().toString());
        s.request().forEachHeader((k, vs) -> vs.forEach(v -> b.header(k, v)));
        if (s.payload().isPresent()) {
            try (InputStream in = s.payload().get().newStream()) {
                b.payload(Payload.ofBytes(in.readAllBytes()));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return b.build();
    }

    private static byte[] hmac(String alg, byte[] key, String data) throws Exception {
        Mac m = Mac.getInstance(alg);
        m.init(new SecretKeySpec(key, alg));
        return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    private static void ensureBucket(S3ProxyServer s) {
        S3Http.Response r = S3Http.send(sdkV4("PUT", s.endpoint() + "/" + BUCKET, null, false, null), null);
        if (r.status() != 200 && !r.errorCode().equals("BucketAlreadyOwnedByYou")) {
            throw new AssertionError(r.describe());
        }
    }

    @Test
    void sdkV4RoundTripWithAwkwardKey(S3ProxyServer s) {
        ensureBucket(s);
        String key = "dir/with space+plus%pct~tilde/ünï/double.txt";
        byte[] body = "hello e2e".getBytes(StandardCharsets.UTF_8);
        String url = s.endpoint() + S3Paths.objectPath(BUCKET, key);
        S3Http.Response put = S3Http.send(sdkV4("PUT", url, body, false, null), null);
        assertEquals(200, put.status(), put.describe() + s.logTail());
        S3Http.Response get = S3Http.send(sdkV4("GET", url, null, false, null), null);
        assertEquals(200, get.status(), get.describe());
        assertArrayEquals(body, get.body());
        S3Http.Response list = S3Http.send(sdkV4("GET", s.endpoint() + "/" + BUCKET + "?list-type=2&prefix=dir%2F",
                null, false, null), null);
        assertEquals(List.of(key), list.xmlTexts("Key"), list.text());
    }

    @Test
    void doubleSlashExperiment(S3ProxyServer s) {
        ensureBucket(s);
        for (String raw : new String[] {"/x//y", "/x/%2Fy", "//lead", "/%2Flead2", "/trail/"}) {
            String url = s.endpoint() + "/" + BUCKET + raw;
            S3Http.Response put = S3Http.send(sdkV4("PUT", url, "z".getBytes(StandardCharsets.UTF_8), false, null), null);
            System.out.println("EXP " + raw + " -> " + put.describe());
        }
        S3Http.Response list = S3Http.send(sdkV4("GET", s.endpoint() + "/" + BUCKET + "?list-type=2", null, false, null), null);
        System.out.println("EXP list " + list.xmlTexts("Key"));
    }

    @Test
    void sdkV4ChunkedAndPresigned(S3ProxyServer s) {
        ensureBucket(s);
        byte[] body = new byte[300_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        String url = s.endpoint() + S3Paths.objectPath(BUCKET, "chunked.bin");
        S3Http.Response put = S3Http.send(sdkV4("PUT", url, body, true, null), null);
        assertEquals(200, put.status(), put.describe());
        SignableRequest pre = sdkV4("GET", url, null, false, Duration.ofMinutes(5));
        S3Http.Response get = S3Http.send("GET", pre.uri(), Map.of(), null);
        assertEquals(200, get.status(), get.describe());
        assertArrayEquals(body, get.body());
    }

    @Test
    void tinyV2HeaderAndWrongSecret(S3ProxyServer s) throws Exception {
        ensureBucket(s);
        String path = "/" + BUCKET + "/v2.txt";
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atZone(ZoneOffset.UTC));
        String sts = "PUT\n\ntext/plain\n" + date + "\n" + path;
        String sig = Base64.getEncoder().encodeToString(
                hmac("HmacSHA1", S3ProxyServer.SECRET_KEY.getBytes(StandardCharsets.UTF_8), sts));
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Date", date);
        h.put("Content-Type", "text/plain");
        h.put("Authorization", "AWS " + S3ProxyServer.ACCESS_KEY + ":" + sig);
        S3Http.Response put = S3Http.send("PUT", s.endpoint() + path, h, "v2".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, put.status(), put.describe());
        String bad = Base64.getEncoder().encodeToString(hmac("HmacSHA1", "wrong".getBytes(StandardCharsets.UTF_8), sts));
        h.put("Authorization", "AWS " + S3ProxyServer.ACCESS_KEY + ":" + bad);
        S3Http.Response denied = S3Http.send("PUT", s.endpoint() + path, h, "v2".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, denied.status(), denied.describe());
        assertEquals("SignatureDoesNotMatch", denied.errorCode());
    }

    private static Map<String, String> v4PostFields(String keyPrefix, long maxLen, Instant now) throws Exception {
        String date = DateTimeFormatter.ofPattern("yyyyMMdd").format(now.atZone(ZoneOffset.UTC));
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(now.atZone(ZoneOffset.UTC));
        String cred = S3ProxyServer.ACCESS_KEY + "/" + date + "/us-east-1/s3/aws4_request";
        String policy = "{\"expiration\":\"" + now.plusSeconds(600).toString() + "\",\"conditions\":["
                + "{\"bucket\":\"" + BUCKET + "\"},[\"starts-with\",\"$key\",\"" + keyPrefix + "\"],"
                + "[\"content-length-range\",0," + maxLen + "],"
                + "{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},{\"x-amz-credential\":\"" + cred + "\"},"
                + "{\"x-amz-date\":\"" + amzDate + "\"}]}";
        String b64 = Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        byte[] k = hmac("HmacSHA256", ("AWS4" + S3ProxyServer.SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        k = hmac("HmacSHA256", k, "us-east-1");
        k = hmac("HmacSHA256", k, "s3");
        k = hmac("HmacSHA256", k, "aws4_request");
        Map<String, String> f = new LinkedHashMap<>();
        f.put("key", keyPrefix + "${filename}");
        f.put("policy", b64);
        f.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        f.put("x-amz-credential", cred);
        f.put("x-amz-date", amzDate);
        f.put("x-amz-signature", hex(hmac("HmacSHA256", k, b64)));
        return f;
    }

    @Test
    void postFormByHttpClient(S3ProxyServer s) throws Exception {
        ensureBucket(s);
        Map<String, String> f = v4PostFields("uploads/", 1000, Instant.now());
        MultipartBody mb = new MultipartBody().fields(f).file("file", "a.txt", "text/plain",
                "posted".getBytes(StandardCharsets.UTF_8));
        S3Http.Response r = S3Http.send("POST", s.endpoint() + "/" + BUCKET, Map.of("Content-Type", mb.contentType()),
                mb.build());
        assertEquals(204, r.status(), r.describe() + s.logTail());
        S3Http.Response get = S3Http.send(sdkV4("GET", s.endpoint() + "/" + BUCKET + "/uploads/a.txt", null, false,
                null), null);
        assertEquals("posted", get.text());
        MultipartBody big = new MultipartBody().fields(f).file("file", "b.txt", "text/plain", new byte[2000]);
        S3Http.Response tooBig = S3Http.send("POST", s.endpoint() + "/" + BUCKET,
                Map.of("Content-Type", big.contentType()), big.build());
        assertEquals(400, tooBig.status(), tooBig.describe());
        assertEquals("EntityTooLarge", tooBig.errorCode());
    }

    @Test
    void postFormInBrowser(S3ProxyServer s) throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.isInstalled(), "Chromium not installed: browser test skipped");
        ensureBucket(s);
        Path work = Files.createDirectories(Paths.get(System.getProperty("awssig.e2e.workDir")));
        Path file = work.resolve("browser-upload.txt");
        Files.writeString(file, "from chromium", StandardCharsets.UTF_8);
        Map<String, String> f = v4PostFields("browser/", 1000, Instant.now());
        StringBuilder html = new StringBuilder("<!doctype html><html><body><form id=\"f\" method=\"post\" action=\""
                + s.endpoint() + "/" + BUCKET + "\" enctype=\"multipart/form-data\">");
        f.forEach((k, v) -> html.append("<input type=\"hidden\" name=\"").append(k).append("\" value=\"").append(v)
                .append("\">"));
        html.append("<input type=\"file\" name=\"file\"><input type=\"submit\" id=\"go\"></form></body></html>");
        try (LocalPages pages = new LocalPages(); HeadlessChromium chromium = HeadlessChromium.start(work)) {
            chromium.driver().get(pages.serve("/form.html", html.toString()));
            chromium.driver().findElement(By.name("file")).sendKeys(file.toString());
            chromium.driver().findElement(By.id("go")).click();
            S3Http.Response get = null;
            for (int i = 0; i < 100; i++) {
                get = S3Http.send(sdkV4("GET", s.endpoint() + "/" + BUCKET + "/browser/browser-upload.txt", null, false,
                        null), null);
                if (get.status() == 200) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals("from chromium", get.text(), get.describe());
        }
    }

    static String sha256(byte[] b) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
