package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Differential test: random S3 requests signed and presigned by {@code awssig} (from
 * {@code s3://BUCKET/KEY}, headers and a body on the command line) and by the AWS SDK for Java
 * v2's {@code AwsV4HttpSigner} (with its own key encoding), must carry the same signature.
 * The seed is printed; replay with {@code -Dawssig.seed=<seed>}.
 */
class SdkDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = Integer.getInteger("awssig.cases", 150);
    private static final String[] REGIONS = {"us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2", "sa-east-1"};
    private static final String[] METHODS = {"GET", "PUT", "DELETE", "HEAD", "POST"};
    private static final String KEY_CHARS = "abcXYZ019-_.~ $&+,:;=@!*'()%é日/";
    private static final String VALUE_CHARS = "abcXYZ019-_.~ $&+,:;=@!*'()\"é/";

    @TempDir
    Path home;

    private static String random(Random rnd, String alphabet, int min, int max) {
        int n = min + rnd.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        alphabet.codePoints().toArray();
        int[] cps = alphabet.codePoints().toArray();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(cps[rnd.nextInt(cps.length)]);
        }
        return sb.toString();
    }

    private static String key(Random rnd) {
        // no empty, "." or ".." segments: those are path-normalisation cases, not the CLI's business
        while (true) {
            String k = random(rnd, KEY_CHARS, 1, 24);
            boolean ok = !k.startsWith("/") && !k.endsWith("/") && !k.contains("//");
            for (String seg : k.split("/")) {
                ok &= !seg.equals(".") && !seg.equals("..");
            }
            if (ok) {
                return k;
            }
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
        }
        return sb.toString();
    }

    private static String sha256(String s) throws NoSuchAlgorithmException {
        return hex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String param(String url, String name) {
        for (String p : url.substring(url.indexOf('?') + 1).split("&")) {
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    @Test
    void signaturesAgreeWithTheAwsSdkOverRandomS3Requests() throws Exception {
        long seed = Long.getLong("awssig.seed", System.nanoTime());
        System.out.println("SdkDifferentialTest seed=" + seed + " (replay with -Dawssig.seed=" + seed + ")");
        Random rnd = new Random(seed);
        AwsV4HttpSigner sdk = AwsV4HttpSigner.create();
        AwsCredentialsIdentity identity = AwsCredentialsIdentity.create(CliHarness.AKID, CliHarness.SECRET);
        for (int i = 0; i < CASES; i++) {
            String bucket = "b" + random(rnd, "abcdefghijklmnopqrstuvwxyz0123456789-", 2, 20) + "z";
            String key = key(rnd);
            String region = REGIONS[rnd.nextInt(REGIONS.length)];
            String method = METHODS[rnd.nextInt(METHODS.length)];
            Instant time = Instant.ofEpochSecond(1262304000L + (long) rnd.nextInt(630720000));
            String amzTime = time.toString().replace("-", "").replace(":", "");
            List<String[]> headers = new ArrayList<>();
            int nh = rnd.nextInt(4);
            for (int h = 0; h < nh; h++) {
                headers.add(new String[] {"x-amz-meta-" + random(rnd, "abcdefghij", 1, 6),
                        random(rnd, VALUE_CHARS, 1, 16).strip().replace("  ", " ") + "v"});
            }
            boolean presign = rnd.nextBoolean();
            String host = bucket + (region.equals("us-east-1") ? ".s3.amazonaws.com" : ".s3." + region + ".amazonaws.com");
            URI uri = URI.create("https://" + host + "/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
            SdkHttpRequest.Builder req = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
            for (String[] h : headers) {
                req.appendHeader(h[0], h[1]);
            }
            List<String> args = new ArrayList<>(List.of(presign ? "presign" : "sign", "--json", "--time", amzTime,
                    "--method", method, "--region", region, "s3://" + bucket + "/" + key));
            for (String[] h : headers) {
                args.add("-H");
                args.add(h[0] + ": " + h[1]);
            }
            String context = "case " + i + " (seed " + seed + "): " + method + " s3://" + bucket + "/" + key + " "
                    + region + " " + amzTime + (presign ? " presign" : " sign");
            Clock clock = Clock.fixed(time, ZoneOffset.UTC);
            if (presign) {
                long expires = 1 + rnd.nextInt(604800);
                args.add("--expires");
                args.add(Long.toString(expires));
                SignedRequest s = sdk.sign(r -> r.identity(identity).request(req.build())
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(expires))
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
                JsonNode out = run(args, context);
                String sdkUrl = s.request().getUri().toString();
                assertEquals(param(sdkUrl, "X-Amz-Signature"), param(out.get("url").asText(), "X-Amz-Signature"),
                        () -> context + "\nawssig: " + out.get("url").asText() + "\nsdk:    " + sdkUrl
                                + "\nawssig canonical request:\n" + out.get("canonicalRequest").asText());
                assertEquals(new TreeSet<>(List.of(sdkUrl.substring(sdkUrl.indexOf('?') + 1).split("&"))),
                        new TreeSet<>(List.of(out.get("url").asText().substring(out.get("url").asText().indexOf('?') + 1)
                                .split("&"))), context);
            } else {
                String body = method.equals("PUT") || method.equals("POST") ? random(rnd, VALUE_CHARS, 0, 64) : "";
                if (!body.isEmpty()) {
                    if (body.startsWith("-")) {
                        // picocli reads a value like "-X=a" as the -X option, even as --data=-X=a
                        Path file = Files.writeString(home.resolve("body-" + i), body, StandardCharsets.UTF_8);
                        args.add("--data-file");
                        args.add(file.toString());
                    } else {
                        args.add("--data");
                        args.add(body);
                    }
                }
                req.putHeader("x-amz-content-sha256", sha256(body));
                SignedRequest s = sdk.sign(r -> r.identity(identity).request(req.build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
                JsonNode out = run(args, context);
                String sdkAuth = s.request().firstMatchingHeader("Authorization").orElseThrow();
                String ours = null;
                for (JsonNode h : out.get("headers")) {
                    if (h.get(0).asText().equalsIgnoreCase("Authorization")) {
                        ours = h.get(1).asText();
                    }
                }
                String oursFinal = ours;
                assertEquals(sdkAuth.substring(sdkAuth.indexOf("Signature=")),
                        ours.substring(ours.indexOf("Signature=")),
                        () -> context + "\nbody: [" + body + "]\nawssig: " + oursFinal + "\nsdk:    " + sdkAuth
                                + "\nawssig canonical request:\n" + out.get("canonicalRequest").asText());
            }
        }
    }

    private JsonNode run(List<String> args, String context) throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home).run(args.toArray(new String[0]));
        assertEquals(0, r.code, () -> context + "\n" + r);
        return JSON.readTree(r.out);
    }
}
