package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.internal.UriEncoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Differential test against an independent implementation, the AWS SDK for Java v2 signer
 * ({@code software.amazon.awssdk:http-auth-aws}): randomized requests (paths with spaces,
 * reserved and non-ASCII characters, {@code //} and {@code ..}; repeated, empty and valueless
 * query parameters; multi-valued headers and whitespace; S3 and other services; header and
 * presigned modes; with and without session tokens) must get the same signature from both, and
 * {@link SigV4Verifier} must accept every request the SDK signed.
 * The seed is logged; replay with {@code -Dawssig.seed=<seed>}, and set the count with
 * {@code -Dawssig.differential.count=<n>}.
 */
class SdkV2DifferentialTest {
    private static final Logger LOG = LoggerFactory.getLogger(SdkV2DifferentialTest.class);
    private static final AwsV4HttpSigner SDK = AwsV4HttpSigner.create();
    private static final String[] SEGMENT_PIECES = {"a", "b", "key", "photos", "2024", "file.txt", " ", "  ",
        "+", "~", "-", "_", ".", "!", "$", "&", "'", "(", ")", "*", ",", ";", "=", ":", "@", "%", "é", "ü", "中文",
        "😀", "ß", "Ω", "[", "]", "{", "}", "^", "`", "|", "\"", "<", ">", "#", "?"};
    private static final String[] QUERY_PIECES = {"a", "b", "X", "id", "prefix", "max-keys", "1", "2", " ", "+",
        "~", "*", "-", "_", ".", "!", "$", "'", "(", ")", ",", ";", ":", "@", "/", "=", "&", "%", "é", "中", "😀",
        "?", "#", "[", "]"};
    private static final String[] HEADER_NAMES = {"X-Amz-Meta-Color", "x-amz-meta-color", "X-Custom", "Content-Type",
        "Range", "If-Match", "x-amz-storage-class", "Cache-Control", "My-Header", "my-header", "Date",
        "x-amz-acl", "Content-MD5"};
    private static final String[] HEADER_PIECES = {"value", "a", "b", " ", "   ", "\t", "text/plain", "bytes=0-9",
        "\"quoted  value\"", ",", ";", "=", "é", "x y", "1", "/"};
    private static final String[] REGIONS = {"us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"};
    private static final String[] SERVICES = {"s3", "s3", "iam", "sts", "execute-api", "dynamodb", "service"};
    private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "HEAD"};

    @Test
    void signaturesAgreeWithTheAwsSdkV2SignerOnRandomizedRequests() {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        int count = Integer.getInteger("awssig.differential.count", 10_000);
        LOG.info("SdkV2DifferentialTest: seed={} count={} (replay with -Dawssig.seed={})", seed, count, seed);
        System.out.println("SdkV2DifferentialTest seed=" + seed + " count=" + count);
        Random rnd = new Random(seed);
        int header = 0;
        int query = 0;
        for (int i = 0; i < count; i++) {
            Generated g = generate(rnd);
            String mine;
            String theirs;
            String canonical;
            try {
                if (g.presign) {
                    PresignedUrl url = SigV4Signer.create(g.config()).presign(g.request(), Duration.ofSeconds(g.expires));
                    mine = url.signature();
                    canonical = url.canonicalRequest();
                    theirs = sdkPresign(g);
                    query++;
                } else {
                    SignedRequest s = SigV4Signer.create(g.config()).sign(g.request());
                    mine = s.signature();
                    canonical = s.canonicalRequest();
                    theirs = sdkSign(g);
                    header++;
                }
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " (seed " + seed + ") failed: " + g, e);
            }
            if (!mine.equals(theirs)) {
                fail("case " + i + " of seed " + seed + ": signature differs from the AWS SDK v2 for " + g
                        + "\nour canonical request:\n" + canonical);
            }
        }
        LOG.info("SdkV2DifferentialTest: {} header-signed and {} presigned requests agreed", header, query);
        assertEquals(count, header + query);
    }

    /** Header-name sets an application sends again and again, with case variants and repeats. */
    private static final String[][] REPEATED_NAME_SETS = {
        {"Range"},
        {"Content-Type", "X-Amz-Meta-Color", "x-amz-meta-color"},
        {"My-Header", "Cache-Control", "my-header", "x-amz-acl"},
        {},
    };

    @Test
    void signaturesAgreeWithTheAwsSdkV2WhenOneSignerSeesTheSameHeaderNamesAgainWithNewValues() {
        // One signer on one thread: the per-thread plan of which headers to sign (worked out from
        // the names) is reused for every request whose names repeat; values, methods, paths,
        // services and signing kinds change from request to request.
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        LOG.info("repeated header names: seed={} (replay with -Dawssig.seed={})", seed, seed);
        Random rnd = new Random(seed);
        int count = Math.min(2_000, Integer.getInteger("awssig.differential.count", 10_000));
        for (int i = 0; i < count; i++) {
            Generated g = generate(rnd);
            g.headers.clear();
            for (String name : REPEATED_NAME_SETS[rnd.nextInt(REPEATED_NAME_SETS.length)]) {
                String value = randomText(rnd, HEADER_PIECES, 1 + rnd.nextInt(4));
                g.headers.add(new String[] {name, value.trim().isEmpty() ? "v" + i : value});
            }
            g.unsignedPayload = false;
            String mine;
            String theirs;
            if (g.presign) {
                mine = SigV4Signer.create(g.config()).presign(g.request(), Duration.ofSeconds(g.expires)).signature();
                theirs = sdkPresign(g);
            } else {
                mine = SigV4Signer.create(g.config()).sign(g.request()).signature();
                theirs = sdkSign(g);
            }
            assertEquals(theirs, mine, "case " + i + " of seed " + seed + ": " + g);
        }
    }

    /** One random request and how to sign it. */
    static final class Generated {
        String method;
        String host;
        String service;
        String region;
        boolean presign;
        long expires;
        String encodedPath;
        String ourPath;
        String rawQuery;
        final List<String[]> headers = new ArrayList<>();
        byte[] body;
        String token;
        Instant time;
        boolean unsignedPayload;

        boolean s3() {
            return "s3".equals(service);
        }

        SigningConfig config() {
            return SigningConfig.builder()
                    .credentials(Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token))
                    .region(region).service(service)
                    .clock(Clock.fixed(time, ZoneOffset.UTC))
                    .option(SigV4Options.PAYLOAD_SIGNING, unsignedPayload ? PayloadSigning.UNSIGNED : null)
                    // the SDK sends x-amz-content-sha256 for every service in header mode
                    .option(SigV4Options.CONTENT_SHA256_HEADER, true)
                    .build();
        }

        SignableRequest request() {
            SignableRequest.Builder b = SignableRequest.builder().method(method)
                    .uri("https://" + host + ourPath + (rawQuery == null ? "" : "?" + rawQuery));
            for (String[] h : headers) {
                b.header(h[0], h[1]);
            }
            return b.payload(Payload.ofBytes(body)).build();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(presign ? "PRESIGN(" + expires + "s) " : "HEADER ").append(method).append(' ')
                    .append("https://").append(host).append(ourPath);
            if (rawQuery != null) {
                sb.append('?').append(rawQuery);
            }
            sb.append(" [sdk path ").append(encodedPath).append("] service=").append(service).append(" region=")
                    .append(region).append(" time=").append(time).append(" token=").append(token != null)
                    .append(" bodyLength=").append(body.length).append(" unsignedPayload=").append(unsignedPayload).append(" headers=");
            for (String[] h : headers) {
                sb.append('{').append(h[0]).append(": '").append(h[1]).append("'}");
            }
            return sb.toString();
        }
    }

    private static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    static Generated generate(Random r) {
        Generated g = new Generated();
        g.method = pick(r, METHODS);
        g.service = pick(r, SERVICES);
        g.region = pick(r, REGIONS);
        g.host = g.s3() ? "bucket-" + r.nextInt(100) + ".s3." + g.region + ".amazonaws.com"
                : g.service + "." + g.region + ".amazonaws.com";
        g.presign = r.nextInt(3) == 0;
        g.expires = 1 + r.nextInt(604800);
        g.time = Instant.ofEpochSecond(1_300_000_000L + (long) r.nextInt(600_000_000));
        g.token = r.nextInt(4) == 0 ? "FQoGZXIvYXdzE" + r.nextInt(1_000_000) + "/+=token" : null;

        // path: segments of random characters, some empty (//), some "." or ".."
        StringBuilder sdkPath = new StringBuilder();
        StringBuilder ourPath = new StringBuilder();
        int segments = r.nextInt(5);
        boolean rawForm = r.nextBoolean();
        int depth = 0;
        for (int s = 0; s < segments; s++) {
            sdkPath.append('/');
            ourPath.append('/');
            int kind = r.nextInt(10);
            String seg;
            if (kind == 0) {
                seg = "";
            } else if (kind == 1 && !g.s3()) {
                // a '..' that climbs above the root is left out: the SDK (java.net.URI#normalize)
                // keeps it, while RFC 3986, botocore and this signer drop it
                seg = depth > 0 && r.nextBoolean() ? ".." : ".";
                depth += seg.equals("..") ? -1 : 0;
            } else {
                StringBuilder sb = new StringBuilder();
                int pieces = 1 + r.nextInt(4);
                for (int p = 0; p < pieces; p++) {
                    sb.append(pick(r, SEGMENT_PIECES));
                }
                seg = sb.toString();
                if (!g.s3() && (seg.equals(".") || seg.equals(".."))) {
                    seg = seg + "x";
                }
                depth++;
            }
            String enc = UriEncoding.encode(seg, false);
            sdkPath.append(enc);
            // S3 decodes the path, so a raw (not yet encoded) form without '%' signs the same
            ourPath.append(g.s3() && rawForm && seg.indexOf('%') < 0 && seg.indexOf('#') < 0 && seg.indexOf('?') < 0
                    ? seg : enc);
        }
        if (segments == 0 || r.nextInt(4) == 0) {
            sdkPath.append('/');
            ourPath.append('/');
        }
        g.encodedPath = sdkPath.toString();
        g.ourPath = ourPath.toString();

        // query: repeated, empty and valueless parameters; space as %20 or '+'
        int params = r.nextInt(5);
        if (params > 0 || r.nextInt(10) == 0) {
            StringBuilder q = new StringBuilder();
            String last = null;
            for (int p = 0; p < params; p++) {
                String name = last != null && r.nextInt(3) == 0 ? last : randomText(r, QUERY_PIECES, 1 + r.nextInt(3));
                last = name;
                if (q.length() > 0) {
                    q.append('&');
                }
                q.append(encodeQuery(r, name));
                int v = r.nextInt(5);
                if (v == 0) {
                    continue; // valueless: "name"
                }
                q.append('=');
                if (v == 1) {
                    continue; // empty: "name="
                }
                q.append(encodeQuery(r, randomText(r, QUERY_PIECES, 1 + r.nextInt(4))));
            }
            g.rawQuery = q.toString();
        }

        int headers = r.nextInt(6);
        for (int h = 0; h < headers; h++) {
            String name = pick(r, HEADER_NAMES);
            String value = r.nextInt(6) == 0 ? "" : randomText(r, HEADER_PIECES, 1 + r.nextInt(4));
            if (value.trim().isEmpty()) {
                value = "v";
            }
            g.headers.add(new String[] {name, value});
        }
        if (g.s3() && !g.presign && r.nextBoolean()) {
            g.headers.add(new String[] {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"});
            g.unsignedPayload = true;
        }
        int bodyKind = r.nextInt(3);
        g.body = bodyKind == 0 ? new byte[0]
                : randomText(r, QUERY_PIECES, 1 + r.nextInt(20)).getBytes(StandardCharsets.UTF_8);
        return g;
    }

    private static String randomText(Random r, String[] pieces, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(pick(r, pieces));
        }
        return sb.toString();
    }

    /** Percent-encodes query text, a space as '+' or '%20' at random. */
    private static String encodeQuery(Random r, String s) {
        String e = UriEncoding.encode(s, false);
        return r.nextBoolean() ? e.replace("%20", "+") : e;
    }

    private static SdkHttpRequest sdkRequest(Generated g) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(g.method))
                .uri(URI.create("https://" + g.host + g.encodedPath + (g.rawQuery == null ? "" : "?" + g.rawQuery)));
        for (String[] h : g.headers) {
            b.appendHeader(h[0], h[1]);
        }
        return b.build();
    }

    private static AwsCredentialsIdentity identity(Generated g) {
        return g.token == null
                ? AwsCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
                : AwsSessionCredentialsIdentity.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                        g.token);
    }

    private static final SigV4Verifier VERIFIER = SigV4Verifier.create(SigningConfig.builder().build());

    /** Our verifier must accept what the SDK signed. */
    private static void verifySdkSigned(Generated g, SdkHttpRequest signed) {
        SignableRequest.Builder b = SignableRequest.builder().method(g.method).uri(signed.getUri().toString());
        signed.forEachHeader((name, values) -> values.forEach(v -> b.header(name, v)));
        dev.awssig.VerificationResult r = VERIFIER.verify(b.payload(Payload.ofBytes(g.body)).build(),
                dev.awssig.SecretLookup.of(Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
                g.time);
        if (!r.isValid()) {
            fail("our verifier rejected the AWS SDK v2's signature of " + g + ": " + r + "\n"
                    + r.canonicalRequest().orElse(""));
        }
    }

    private static String sdkSign(Generated g) {
        software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed = SDK.sign(b -> b
                .identity(identity(g))
                .request(sdkRequest(g))
                .payload(ContentStreamProvider.fromByteArray(g.body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, g.region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, g.service)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(g.time, ZoneOffset.UTC))
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !g.s3())
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !g.s3())
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, !g.unsignedPayload));
        verifySdkSigned(g, signed.request());
        String auth = signed.request().firstMatchingHeader("Authorization").orElseThrow();
        return auth.substring(auth.indexOf("Signature=") + 10);
    }

    private static String sdkPresign(Generated g) {
        software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed = SDK.sign(b -> b
                .identity(identity(g))
                .request(sdkRequest(g))
                .payload(ContentStreamProvider.fromByteArray(g.body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, g.region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, g.service)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(g.time, ZoneOffset.UTC))
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !g.s3())
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !g.s3())
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, !g.s3())
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofSeconds(g.expires)));
        verifySdkSigned(g, signed.request());
        return signed.request().firstMatchingRawQueryParameter("X-Amz-Signature").orElseThrow();
    }
}
