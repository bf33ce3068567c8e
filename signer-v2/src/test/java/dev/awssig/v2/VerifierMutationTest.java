package dev.awssig.v2;

import static dev.awssig.v2.S3V2SignerTest.ID;
import static dev.awssig.v2.S3V2SignerTest.NOW;
import static dev.awssig.v2.S3V2SignerTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid signed requests at random (seed logged, {@code -Dawssig.seed=} replays) and
 * checks each verifier's invariant: {@code verify} answers, never throws; and a mutated request
 * verifies only when what an application reads as signed is unchanged, judged by an
 * independent view (the JDK's URL decoder, trimming, ASCII lower-casing and SigV2's list of
 * signed parts, not the code under test).
 */
class VerifierMutationTest {
    private static final int MUTATIONS = 3_000;
    private static final SecretLookup SECRETS = SecretLookup.of(Map.of(ID, SECRET));
    private static final Instant QUERY_NOW = Instant.parse("2011-10-03T15:19:30Z");
    private static final String[] BUCKETS = {"johnsmith", "photos", "my-bucket", "logs"};

    /** One mutation: what it changed and the request it gave. */
    private static final class Mutant {
        final String what;
        final SignableRequest request;

        Mutant(String what, SignableRequest request) {
            this.what = what;
            this.request = request;
        }
    }

    private static SignableRequest s3Original(Random r) {
        String bucket = BUCKETS[r.nextInt(BUCKETS.length)];
        SignableRequest.Builder b = SignableRequest.builder().method(r.nextBoolean() ? "GET" : "PUT")
                .uri("https://" + bucket + ".s3.amazonaws.com/photos/puppy%20" + r.nextInt(100) + ".jpg"
                        + (r.nextBoolean() ? "?acl&versionId=v%2B" + r.nextInt(9) + "&prefix=p" : "?prefix=q"))
                .header("Content-Type", "image/jpeg")
                .header("x-amz-meta-owner", "jane" + r.nextInt(9))
                .header("User-Agent", "test");
        if (r.nextBoolean()) {
            b.header("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==");
        }
        if (r.nextBoolean()) {
            b.header("x-amz-acl", "private");
        }
        return b.build();
    }

    /** The signed parts of an S3 SigV2 request, as an application reads them; null when unreadable. */
    private static String s3View(SignableRequest q, boolean presigned) {
        List<String[]> params = Mutations.params(q.rawQuery().orElse(null));
        if (params == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(q.method()).append('|').append(Mutations.asciiLower(q.headers().firstValue("Host")
                .orElse(q.host()))).append('|').append(q.rawPath()).append('|');
        TreeMap<String, List<String>> signed = new TreeMap<>();
        boolean amzDate = q.headers().contains("x-amz-date");
        for (Headers.Header h : q.headers().entries()) {
            String n = Mutations.asciiLower(h.name());
            if (Mutations.isAmz(n) || n.equals("content-md5") || n.equals("content-type")
                    || (n.equals("date") && !presigned && !amzDate) || n.equals("authorization") || n.equals("host")) {
                signed.computeIfAbsent(n, k -> new ArrayList<>()).add(Mutations.trimOws(h.value()));
            }
        }
        List<String> subResources = new ArrayList<>();
        for (String[] p : params) {
            if (V2Options.DEFAULT_SUB_RESOURCES.contains(p[0])) {
                subResources.add(p[0] + (p[1] == null ? "" : "=" + p[1]));
            } else if (Mutations.isAmz(p[0])) {
                // query-string auth signs them as headers; header auth must refuse them
                String n = presigned ? Mutations.asciiLower(p[0]) : "query:" + p[0];
                signed.computeIfAbsent(n, k -> new ArrayList<>()).add(p[1] == null ? "" : p[1]);
            } else if (presigned && (p[0].equals("AWSAccessKeyId") || p[0].equals("Expires")
                    || p[0].equals("Signature"))) {
                String v = p[1] == null ? "" : p[0].equals("Signature") ? p[1].replace(' ', '+') : p[1];
                signed.computeIfAbsent("auth:" + p[0], k -> new ArrayList<>()).add(v);
            }
        }
        subResources.sort(Comparator.comparing(s -> s.indexOf('=') < 0 ? s : s.substring(0, s.indexOf('='))));
        String authorization = signed.containsKey("authorization") && signed.get("authorization").size() == 1
                ? signed.get("authorization").get(0) : null;
        if (authorization != null && authorization.startsWith("AWS ")) {
            signed.put("authorization", List.of("AWS " + authorization.substring(4).trim()));
        }
        return sb.append(signed).append('|').append(subResources).toString();
    }

    private static Mutant mutateS3(Random r, SignableRequest q, boolean presigned) {
        SignableRequest.Builder b = q.toBuilder();
        List<Headers.Header> headers = q.headers().entries();
        switch (r.nextInt(presigned ? 8 : 9)) {
            case 0:
                return new Mutant("method", b.method(Mutations.edit(r, q.method())).build());
            case 1:
                return new Mutant("path", b.rawPath("/" + Mutations.edit(r, q.rawPath().substring(1))).build());
            case 2:
                return new Mutant("query", b.rawQuery(Mutations.edit(r, q.rawQuery().orElse(""))).build());
            case 3: { // a header value
                Headers.Header h = headers.get(r.nextInt(headers.size()));
                return new Mutant("value of " + h.name(), withHeader(q, h, h.name(), Mutations.edit(r, h.value())));
            }
            case 4: { // a header name
                Headers.Header h = headers.get(r.nextInt(headers.size()));
                return new Mutant("name of " + h.name(), withHeader(q, h, Mutations.edit(r, h.name()), h.value()));
            }
            case 5: { // a header repeated
                Headers.Header h = headers.get(r.nextInt(headers.size()));
                return new Mutant("repeated " + h.name(), b.header(h.name(), h.value()).build());
            }
            case 6: { // a header removed
                Headers.Header h = headers.get(r.nextInt(headers.size()));
                return new Mutant("removed " + h.name(), b.removeHeader(h.name()).build());
            }
            case 7: { // an x-amz-* header moved into the query
                String v = q.headers().firstValue("x-amz-meta-owner").orElse("x");
                return new Mutant("x-amz-meta-owner moved to the query", b.removeHeader("x-amz-meta-owner")
                        .appendQueryParameter("x-amz-meta-owner", v).build());
            }
            default: { // the bucket: one character of the first host label
                String host = q.host();
                int dot = host.indexOf('.');
                int at = r.nextInt(dot);
                char c = (char) ('a' + r.nextInt(26));
                if (c == host.charAt(at)) {
                    c = c == 'z' ? 'y' : (char) (c + 1);
                }
                return new Mutant("bucket", b.uri("https://" + host.substring(0, at) + c + host.substring(at + 1)
                        + q.rawPath() + q.rawQuery().map(x -> "?" + x).orElse("")).build());
            }
        }
    }

    private static SignableRequest withHeader(SignableRequest q, Headers.Header old, String name, String value) {
        Headers.Builder hb = Headers.builder();
        for (Headers.Header h : q.headers().entries()) {
            if (h == old) {
                hb.add(name, value);
            } else {
                hb.add(h.name(), h.value());
            }
        }
        return q.toBuilder().headers(hb.build()).build();
    }

    /** Runs the mutations: every answer is a result; a valid one only for an equivalent request. */
    private static int run(String test, Verifier verifier, Instant now, SignableRequest original,
                           java.util.function.BiFunction<Random, SignableRequest, Mutant> mutate,
                           java.util.function.Function<SignableRequest, String> view, Random r, long seed, int base) {
        String before = view.apply(original);
        assertNotNull(before);
        int accepted = 0;
        for (int i = 0; i < 60; i++) {
            Mutant m;
            try {
                m = mutate.apply(r, original);
            } catch (IllegalArgumentException e) {
                continue; // the request model itself refuses it (CR, LF, NUL, a bad URI): no server hands it on
            }
            VerificationResult v;
            try {
                v = verifier.verify(m.request, SECRETS, now);
            } catch (RuntimeException e) {
                throw new AssertionError(test + ": seed " + seed + ", case " + (base + i) + " (" + m.what
                        + ") threw instead of answering: " + m.request, e);
            }
            assertNotNull(v.message());
            if (v.isValid()) {
                String after = view.apply(m.request);
                if (!before.equals(after)) {
                    fail(test + ": seed " + seed + ", case " + (base + i) + " (" + m.what + ") verified although"
                            + " the signed parts changed:\n  " + before + "\n  " + after + "\n  " + m.request);
                }
                accepted++;
            }
        }
        return accepted;
    }

    @Test
    void mutatedHeaderSignedS3RequestsAreAnsweredAndNeverVerifyChanged() {
        long seed = RandomRequests.seed("mutatedHeaderSignedS3RequestsAreAnsweredAndNeverVerifyChanged");
        Random r = new Random(seed);
        S3V2Signer signer = S3V2SignerTest.signer();
        for (int n = 0; n < MUTATIONS; n += 60) {
            SignableRequest signed = signer.sign(s3Original(r)).request();
            assertEquals(true, S3V2Verifier.create().verify(signed, SECRETS, NOW).isValid());
            run("header auth", S3V2Verifier.create(), NOW, signed, (rr, q) -> mutateS3(rr, q, false),
                    q -> s3View(q, false), r, seed, n);
        }
    }

    @Test
    void mutatedPresignedS3RequestsAreAnsweredAndNeverVerifyChanged() {
        long seed = RandomRequests.seed("mutatedPresignedS3RequestsAreAnsweredAndNeverVerifyChanged");
        Random r = new Random(seed);
        S3V2Signer signer = S3V2Signer.create(SigningConfig.builder()
                .credentials(Credentials.of(ID, SECRET, "FQoGZXIvYXdzE+/bPx==")).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build());
        for (int n = 0; n < MUTATIONS; n += 60) {
            SignableRequest original = s3Original(r);
            PresignedUrl url = signer.presign(original.toBuilder().removeHeader("User-Agent").build(),
                    Duration.ofMinutes(5));
            SignableRequest.Builder received = SignableRequest.builder().method(url.method()).uri(url.url())
                    .header("User-Agent", "test");
            for (Headers.Header h : url.signedHeaders().entries()) {
                received.header(h.name(), h.value());
            }
            SignableRequest q = received.build();
            assertEquals(true, S3V2Verifier.create().verify(q, SECRETS, NOW).isValid());
            run("presigned", S3V2Verifier.create(), NOW, q, (rr, x) -> mutateS3(rr, x, true),
                    x -> s3View(x, true), r, seed, n);
        }
    }

    /** The signed parts of a query-API request: verb, host, path and every parameter (sorted). */
    private static String queryView(SignableRequest q) {
        boolean post = q.method().equals("POST") && q.payload().contentLength().orElse(0) > 0;
        String raw = post ? new String(q.payload().bytes(), StandardCharsets.UTF_8) : q.rawQuery().orElse(null);
        List<String[]> params = Mutations.params(raw);
        if (params == null || (post && !q.rawQuery().orElse("").isEmpty())) {
            return null;
        }
        List<String> pairs = new ArrayList<>();
        for (String[] p : params) {
            String v = p[1] == null ? "" : p[0].equals("Signature") ? p[1].replace(' ', '+') : p[1];
            pairs.add(p[0] + "=" + v);
        }
        pairs.sort(null);
        return q.method() + "|" + Mutations.asciiLower(q.headers().firstValue("Host").orElse(q.host())) + "|"
                + q.rawPath() + "|" + pairs;
    }

    private static Mutant mutateQuery(Random r, SignableRequest q) {
        boolean post = q.method().equals("POST");
        SignableRequest.Builder b = q.toBuilder();
        switch (r.nextInt(6)) {
            case 0:
                return new Mutant("method", b.method(Mutations.edit(r, q.method())).build());
            case 1:
                return new Mutant("path", b.rawPath("/" + Mutations.edit(r, q.rawPath().substring(1))).build());
            case 2:
                if (post) {
                    String body = new String(q.payload().bytes(), StandardCharsets.UTF_8);
                    return new Mutant("body", b.payload(Payload.ofBytes(Mutations.edit(r, body)
                            .getBytes(StandardCharsets.UTF_8))).build());
                }
                return new Mutant("query", b.rawQuery(Mutations.edit(r, q.rawQuery().orElse(""))).build());
            case 3: // a parameter in the URL of a POST, or repeated in a GET
                return new Mutant("parameter added", b.appendQueryParameter("Action", "TerminateInstances").build());
            case 4:
                return new Mutant("second Host", b.header("Host", "iam.amazonaws.com").header("Host",
                        "ec2.amazonaws.com").build());
            default: // the body bytes themselves: not UTF-8
                return new Mutant("body bytes", b.payload(Payload.ofBytes(new byte[] {'A', '=', (byte) (0x80
                        + r.nextInt(0x80))})).build());
        }
    }

    @Test
    void mutatedQueryApiRequestsAreAnsweredAndNeverVerifyChanged() {
        long seed = RandomRequests.seed("mutatedQueryApiRequestsAreAnsweredAndNeverVerifyChanged");
        Random r = new Random(seed);
        for (int n = 0; n < MUTATIONS; n += 60) {
            QueryV2Signer signer = QueryV2Signer.create(SigningConfig.builder()
                    .credentials(Credentials.of(ID, SECRET, r.nextBoolean() ? "tok+en/=" : null))
                    .clock(Clock.fixed(QUERY_NOW, ZoneOffset.UTC))
                    .option(V2Options.SIGNATURE_METHOD, r.nextBoolean() ? "HmacSHA1" : "HmacSHA256").build());
            String params = "Action=DescribeInstances&InstanceId.1=i-" + r.nextInt(1000) + "&Filter.1.Name=a%20b";
            SignableRequest unsigned = r.nextBoolean()
                    ? SignableRequest.builder().method("GET").uri("https://ec2.amazonaws.com/?" + params).build()
                    : SignableRequest.builder().method("POST").uri("https://ec2.amazonaws.com/")
                            .payload(Payload.ofBytes(params.getBytes(StandardCharsets.UTF_8))).build();
            SignableRequest signed = signer.sign(unsigned).request();
            assertEquals(true, QueryV2Verifier.create().verify(signed, SECRETS, QUERY_NOW).isValid());
            run("query API", QueryV2Verifier.create(), QUERY_NOW, signed, VerifierMutationTest::mutateQuery,
                    VerifierMutationTest::queryView, r, seed, n);
        }
    }
}
