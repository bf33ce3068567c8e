package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.BasicSessionCredentials;
import com.amazonaws.auth.QueryStringSigner;
import com.amazonaws.auth.SignatureVersion;
import com.amazonaws.auth.SigningAlgorithm;
import com.amazonaws.http.HttpMethodName;
import com.amazonaws.services.s3.internal.RestUtils;
import com.amazonaws.services.s3.internal.S3QueryStringSigner;
import com.amazonaws.services.s3.internal.S3Signer;
import com.amazonaws.util.SdkHttpUtils;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v2.RandomRequests.Query;
import dev.awssig.v2.internal.Params;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Differential tests against an independent implementation, the AWS SDK for Java v1 signers
 * ({@code S3Signer}, {@code S3QueryStringSigner}, {@code QueryStringSigner}), over 5,000
 * randomized requests per mode from a logged seed ({@code -Dawssig.seed=} replays a run).
 *
 * <p>Both sides get the same request; the SDK's string to sign is recomputed with its own
 * {@code RestUtils.makeS3CanonicalString} so that a difference shows the two strings, and the
 * signatures must be equal. Every signed request must also pass our verifier.
 *
 * <p>Corners where SDK v1 departs from S3's rules in known ways, left out of the random space:
 * <ul>
 *   <li>SDK v1 does not trim header values; HTTP strips leading/trailing whitespace on the wire,
 *       and this signer trims, so generated values have none at either end.</li>
 *   <li>SDK v1's {@code S3Signer} rewrites {@code //} in the resource to {@code /%2F} (to match
 *       its HTTP client's URL rewriting); S3 signs the path as sent, so keys have no {@code //}
 *       and no leading {@code /}. {@code S3Signer} also percent-encodes the (unencoded) resource
 *       itself, so header-auth paths are RFC 3986-encoded; presigned paths, which
 *       {@code S3QueryStringSigner} takes as sent, also use lower-case hex and raw
 *       sub-delimiters.</li>
 *   <li>SDK v1 headers are a case-insensitive single-valued map, so repeated headers are given to
 *       it already joined with {@code ,} (S3's rule, which this signer applies itself).</li>
 *   <li>SDK v1 treats only lower-case {@code x-amz-} query parameters as headers and lets one
 *       replace a header of the same name; this signer lower-cases them and refuses a name sent
 *       in both places. Generated {@code x-amz-} query parameters are lower-case and distinct from
 *       the headers.</li>
 *   <li>SDK v1's {@code S3Signer} also signs {@code x-amz-} query parameters of a header-signed
 *       request as headers; S3 (like botocore and Ceph RGW) reads them as headers only in
 *       query-string authentication, so this signer refuses them with the Authorization header
 *       (see the README, "x-amz-* query parameters"). Only presigned cases get them here.</li>
 *   <li>With session credentials SDK v1 overwrites an {@code x-amz-security-token} already on the
 *       request; this signer keeps it (DevPay). A request has either one or the other here (the
 *       keep rule has its own unit test).</li>
 *   <li>Query API: SDK v1 always signs the verb {@code POST} (it sends query-API calls as POST
 *       forms), so requests here are POST forms; and it sorts parameters by their percent-encoded
 *       names, where the spec (and botocore) sort the unencoded names by UTF-8 bytes. The two
 *       orders differ only when a name with a reserved or non-ASCII character is compared with
 *       one with an unreserved character at the same position; such parameter sets are
 *       regenerated (counted and logged), and the spec order has its own unit test.</li>
 * </ul>
 */
class SdkV1DifferentialTest {
    private static final int CASES = 5_000;
    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final SecretLookup SECRETS = SecretLookup.of(Map.of(ID, SECRET));

    /** One random S3 request, as both sides see it. */
    private static final class S3Case {
        String method;
        String host;
        String rawPath;
        String sdkResource;
        Query query;
        final List<String[]> headers = new ArrayList<>();
        String sessionToken;

        DefaultRequest<Void> sdkRequest() {
            DefaultRequest<Void> req = new DefaultRequest<>("Amazon S3");
            req.setHttpMethod(HttpMethodName.valueOf(method));
            req.setEndpoint(URI.create("https://" + host));
            Map<String, String> joined = new LinkedHashMap<>();
            Map<String, String> firstName = new LinkedHashMap<>();
            for (String[] h : headers) {
                String lk = h[0].toLowerCase(Locale.ROOT);
                firstName.putIfAbsent(lk, h[0]);
                joined.merge(lk, h[1], (a, b) -> a + "," + b);
            }
            for (Map.Entry<String, String> e : joined.entrySet()) {
                req.addHeader(firstName.get(e.getKey()), e.getValue());
            }
            req.setParameters(query.asSdkParameters());
            return req;
        }

        SignableRequest.Builder ourRequest() {
            String raw = query.raw();
            SignableRequest.Builder b = SignableRequest.builder().method(method)
                    .uri("https://" + host + rawPath + (raw.isEmpty() ? "" : "?" + raw));
            for (String[] h : headers) {
                b.header(h[0], h[1]);
            }
            return b;
        }

        AWSCredentials sdkCredentials() {
            return sessionToken == null ? new BasicAWSCredentials(ID, SECRET)
                    : new BasicSessionCredentials(ID, SECRET, sessionToken);
        }

        Credentials ourCredentials() {
            return Credentials.of(ID, SECRET, sessionToken);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(method).append(" https://").append(host).append(rawPath)
                    .append(" query=").append(query.raw()).append(" headers=");
            for (String[] h : headers) {
                sb.append('[').append(h[0]).append(": ").append(h[1]).append(']');
            }
            return sb.append(" session=").append(sessionToken != null).toString();
        }
    }

    private static S3Case s3Case(Random r, boolean presign) {
        S3Case c = new S3Case();
        String[] methods = {"GET", "PUT", "HEAD", "DELETE", "POST"};
        c.method = methods[r.nextInt(methods.length)];
        String bucket = RandomRequests.bucket(r);
        String key = r.nextInt(10) == 0 ? "" : RandomRequests.key(r);
        // S3Signer (header auth) takes the resource unencoded and encodes it itself (RFC 3986, '/'
        // kept); S3QueryStringSigner takes it as sent, so presigning also tries other encodings
        String encodedKey = presign ? RandomRequests.encodePath(r, key) : UriEncoding.encode(key, true);
        String sdkKey = presign ? encodedKey : key;
        int style = r.nextInt(6);
        switch (style) {
            case 0: // virtual-hosted, global endpoint
                c.host = bucket + ".s3.amazonaws.com";
                c.rawPath = "/" + encodedKey;
                break;
            case 1: // virtual-hosted, regional endpoint
                c.host = bucket + ".s3." + (r.nextBoolean() ? "us-west-2" : "eu-central-1") + ".amazonaws.com";
                c.rawPath = "/" + encodedKey;
                break;
            case 2: // virtual-hosted, legacy dash endpoint
                c.host = bucket + ".s3-external-1.amazonaws.com";
                c.rawPath = "/" + encodedKey;
                break;
            case 3: // path-style AWS endpoint
                c.host = r.nextBoolean() ? "s3.amazonaws.com" : "s3.us-east-2.amazonaws.com";
                c.rawPath = "/" + bucket + "/" + encodedKey;
                break;
            case 4: // path-style S3-compatible service by IP
                c.host = "127.0.0.1:9000";
                c.rawPath = "/" + bucket + "/" + encodedKey;
                break;
            default: // CNAME
                bucket = "static." + bucket + ".example.net";
                c.host = bucket + (r.nextBoolean() ? ":8080" : "");
                c.rawPath = "/" + encodedKey;
        }
        c.sdkResource = "/" + bucket + "/" + sdkKey;
        if (key.isEmpty() && r.nextBoolean() && style != 3 && style != 4) {
            c.sdkResource = "/" + bucket + "/";
        }
        c.query = RandomRequests.s3Query(r);
        if (presign && r.nextInt(4) == 0) {
            c.query.add("x-amz-meta-q" + r.nextInt(100), RandomRequests.text(r, 4, true));
        }
        int nh = r.nextInt(7);
        for (int i = 0; i < nh; i++) {
            switch (r.nextInt(7)) {
                case 0:
                    c.headers.add(new String[] {RandomRequests.mixCase(r, "Content-Type"),
                        r.nextBoolean() ? "image/jpeg" : "text/plain; charset=utf-8"});
                    break;
                case 1:
                    c.headers.add(new String[] {RandomRequests.mixCase(r, "Content-MD5"), "4gJE4saaMU4BqNR0kLY+lw=="});
                    break;
                case 2:
                    c.headers.add(new String[] {"User-Agent", "curl/7.15.5"});
                    break;
                case 3:
                    c.headers.add(new String[] {RandomRequests.mixCase(r, "x-amz-acl"), "public-read"});
                    break;
                default:
                    String name = RandomRequests.headerName(r, "x-amz-meta-");
                    c.headers.add(new String[] {name, RandomRequests.headerValue(r)});
                    if (r.nextInt(3) == 0) { // repeated, possibly with another case
                        c.headers.add(new String[] {RandomRequests.mixCase(r, name), RandomRequests.headerValue(r)});
                    }
            }
        }
        if (!presign && r.nextInt(5) == 0) {
            c.headers.add(new String[] {RandomRequests.mixCase(r, "x-amz-date"), "Tue, 27 Mar 2007 21:20:26 +0000"});
        }
        int tokenMode = r.nextInt(4);
        if (tokenMode == 0) {
            c.sessionToken = RandomRequests.token(r);
        } else if (tokenMode == 1) {
            // a DevPay token already on the request: header (userToken,productToken) or, presigning, query
            String devpay = RandomRequests.token(r) + (presign ? "" : "," + RandomRequests.token(r));
            if (presign) {
                c.query.add("x-amz-security-token", devpay);
            } else {
                c.headers.add(new String[] {"x-amz-security-token", devpay});
            }
        }
        return c;
    }

    @Test
    void s3HeaderAuthMatchesSdkV1S3Signer() {
        long seed = RandomRequests.seed("s3HeaderAuthMatchesSdkV1S3Signer");
        Random r = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            S3Case c = s3Case(r, false);
            String msg = "seed " + seed + ", case " + i + ": " + c;
            DefaultRequest<Void> sdk = c.sdkRequest();
            new S3Signer(c.method, c.sdkResource).sign(sdk, c.sdkCredentials());
            String sdkDate = sdk.getHeaders().get("Date");
            assertNotNull(sdkDate, msg);
            String sdkStringToSign = RestUtils.makeS3CanonicalString(c.method,
                    SdkHttpUtils.urlEncode(c.sdkResource, true), sdk, null);

            SignableRequest ours = c.ourRequest().header("Date", sdkDate).build();
            SignedRequest signed = S3V2Signer.create(SigningConfig.builder().credentials(c.ourCredentials())
                    .clock(Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC)).build()).sign(ours);
            assertEquals(sdkStringToSign, signed.stringToSign(), msg);
            assertEquals(sdk.getHeaders().get("Authorization"),
                    signed.request().headers().firstValue("Authorization").orElseThrow(), msg);
            assertEquals(sdk.getHeaders().get("x-amz-security-token"),
                    signed.request().headers().firstValue("x-amz-security-token").orElse(null), msg);

            // the server's clock agrees with the request's x-amz-date, else its Date
            VerificationResult v = S3V2Verifier.create().verify(signed.request(), SECRETS, signed.signingTime());
            assertTrue(v.isValid(), () -> msg + " -> " + v);
        }
    }

    @Test
    void s3PresignedUrlsMatchSdkV1S3QueryStringSigner() {
        long seed = RandomRequests.seed("s3PresignedUrlsMatchSdkV1S3QueryStringSigner");
        Random r = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            S3Case c = s3Case(r, true);
            String msg = "seed " + seed + ", case " + i + ": " + c;
            Instant now = Instant.ofEpochSecond(1_000_000_000L + (long) r.nextInt(1_000_000_000));
            long seconds = 1 + r.nextInt(7 * 24 * 3600);
            long expires = now.getEpochSecond() + seconds;

            DefaultRequest<Void> sdk = c.sdkRequest();
            new S3QueryStringSigner(c.method, c.sdkResource, new Date(expires * 1000L)).sign(sdk, c.sdkCredentials());
            String sdkStringToSign = RestUtils.makeS3CanonicalString(c.method, c.sdkResource, sdk,
                    Long.toString(expires));

            PresignedUrl url = S3V2Signer.create(SigningConfig.builder().credentials(c.ourCredentials())
                    .clock(Clock.fixed(now, ZoneOffset.UTC)).build())
                    .presign(c.ourRequest().build(), Duration.ofSeconds(seconds));
            assertEquals(sdkStringToSign, url.stringToSign(), msg);
            Params ourParams = Params.parse(url.url().substring(url.url().indexOf('?') + 1));
            for (String p : new String[] {"AWSAccessKeyId", "Expires", "Signature", "x-amz-security-token"}) {
                List<String> sdkValues = sdk.getParameters().get(p);
                assertEquals(sdkValues == null ? null : sdkValues.get(0), ourParams.first(p), msg + " parameter " + p);
            }
            assertEquals(Instant.ofEpochSecond(expires), url.expiration(), msg);

            SignableRequest.Builder received = SignableRequest.builder().method(c.method).uri(url.url());
            for (Headers.Header h : url.signedHeaders().entries()) {
                received.header(h.name(), h.value());
            }
            VerificationResult v = S3V2Verifier.create().verify(received.build(), SECRETS, now);
            assertTrue(v.isValid(), () -> msg + " -> " + v);
        }
    }

    private static final String[] NAME_PIECES = {"Action", "Version", "Attribute", ".", "1", "2", "Name", "Value",
        "_", "-", "~", "Filter", "x", "Q", " ", "é", "+", "%", "*", "/", "日"};

    private static String paramName(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.append(NAME_PIECES[r.nextInt(NAME_PIECES.length)]);
        }
        return sb.toString();
    }

    /** Whether the spec order (unencoded, UTF-8 bytes) and SDK v1's order (encoded) agree. */
    private static boolean ordersAgree(List<String> names) {
        List<String> byRaw = new ArrayList<>(names);
        byRaw.sort(dev.awssig.v2.internal.QueryCanonicalizer::compareCodePoints);
        TreeMap<String, String> byEncoded = new TreeMap<>();
        for (String n : names) {
            byEncoded.put(UriEncoding.encode(n, false), n);
        }
        return byRaw.equals(new ArrayList<>(byEncoded.values()));
    }

    @Test
    void queryApiMatchesSdkV1QueryStringSigner() throws Exception {
        long seed = RandomRequests.seed("queryApiMatchesSdkV1QueryStringSigner");
        Random r = new Random(seed);
        Method overrideDate = QueryStringSigner.class.getDeclaredMethod("overrideDate", Date.class);
        overrideDate.setAccessible(true);
        int regenerated = 0;
        for (int i = 0; i < CASES; i++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("Action", r.nextBoolean() ? "DescribeJobFlows" : "ListUsers");
            params.put("Version", "2010-05-08");
            int n = r.nextInt(8);
            for (int k = 0; k < n; k++) {
                params.put(paramName(r), RandomRequests.text(r, 6, true));
            }
            params.remove("Signature");
            params.remove("AWSAccessKeyId");
            params.remove("SignatureVersion");
            params.remove("SignatureMethod");
            params.remove("Timestamp");
            params.remove("Expires");
            params.remove("SecurityToken");
            if (!ordersAgree(new ArrayList<>(params.keySet()))) {
                regenerated++;
                i--;
                continue;
            }
            String scheme = r.nextBoolean() ? "https" : "http";
            String host = RandomRequests.mixCase(r, r.nextBoolean() ? "elasticmapreduce.amazonaws.com"
                    : "iam.us-east-1.amazonaws.com");
            String[] ports = {"", ":443", ":80", ":8443"};
            String port = ports[r.nextInt(ports.length)];
            String path = r.nextBoolean() ? "/" : "/" + UriEncoding.encode(RandomRequests.text(r, 3, false), true);
            SigningAlgorithm alg = r.nextBoolean() ? SigningAlgorithm.HmacSHA256 : SigningAlgorithm.HmacSHA1;
            String token = r.nextInt(3) == 0 ? RandomRequests.token(r) : null;
            Instant now = Instant.ofEpochSecond(1_000_000_000L + (long) r.nextInt(1_000_000_000), r.nextInt(1000) * 1_000_000L);
            String msg = "seed " + seed + ", case " + i + ": " + scheme + "://" + host + port + path + " " + params;

            DefaultRequest<Void> sdk = new DefaultRequest<>("query");
            sdk.setHttpMethod(HttpMethodName.POST);
            sdk.setEndpoint(URI.create(scheme + "://" + host + port));
            sdk.setResourcePath(path);
            for (Map.Entry<String, String> p : params.entrySet()) {
                sdk.addParameter(p.getKey(), p.getValue());
            }
            QueryStringSigner sdkSigner = new QueryStringSigner();
            overrideDate.invoke(sdkSigner, Date.from(now));
            sdkSigner.sign(sdk, SignatureVersion.V2, alg, token == null ? new BasicAWSCredentials(ID, SECRET)
                    : new BasicSessionCredentials(ID, SECRET, token));
            String sdkTimestamp = sdk.getParameters().get("Timestamp").get(0);

            Query body = new Query();
            for (Map.Entry<String, String> p : params.entrySet()) {
                body.add(p.getKey(), p.getValue());
            }
            body.add("Timestamp", sdkTimestamp);
            SignableRequest ours = SignableRequest.builder().method("POST").uri(scheme + "://" + host + port + path)
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .payload(Payload.ofBytes(body.raw().getBytes(StandardCharsets.UTF_8))).build();
            SignedRequest signed = QueryV2Signer.create(SigningConfig.builder()
                    .credentials(Credentials.of(ID, SECRET, token)).clock(Clock.fixed(now, ZoneOffset.UTC))
                    .option(V2Options.SIGNATURE_METHOD, alg.toString()).build()).sign(ours);

            Params sent = Params.parse(new String(signed.request().payload().bytes(), StandardCharsets.UTF_8));
            Map<String, String> ourParams = new TreeMap<>();
            for (int k = 0; k < sent.size(); k++) {
                ourParams.put(sent.name(k), sent.value(k));
            }
            Map<String, String> sdkParams = new TreeMap<>();
            for (Map.Entry<String, List<String>> p : sdk.getParameters().entrySet()) {
                sdkParams.put(p.getKey(), p.getValue().get(0));
            }
            assertEquals(sdkParams, ourParams, msg);
            assertEquals(sdk.getParameters().get("Signature").get(0), signed.signature(), msg);

            VerificationResult v = QueryV2Verifier.create().verify(signed.request(), SECRETS, now);
            assertTrue(v.isValid(), () -> msg + " -> " + v);
        }
        org.slf4j.LoggerFactory.getLogger(SdkV1DifferentialTest.class)
                .info("query API: {} parameter sets regenerated (SDK v1 encoded-name order differs from the spec)",
                        regenerated);
    }
}
