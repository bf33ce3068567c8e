package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests an attacker would send to a SigV4 verifier, one test per attack (issue #12): each is
 * answered with a {@link VerificationResult} carrying S3's error code, never an exception, and
 * nothing forged verifies. Signer-side counterparts (text that cannot be signed) are here too.
 */
class HostileRequestTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final String HOST = "https://bucket.s3.eu-west-1.amazonaws.com";
    private static final String ZEROS = "0".repeat(64);

    private static SigningConfig.Builder cfg() {
        return SigningConfig.builder().credentials(CREDS).region("eu-west-1").service("s3")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SigV4Signer signer() {
        return SigV4Signer.create(cfg().build());
    }

    private static SigV4Verifier verifier() {
        return SigV4Verifier.create(SigningConfig.builder().region("eu-west-1").service("s3").build());
    }

    private static SigV4Verifier verifier(VerificationLimits limits) {
        return SigV4Verifier.create(SigningConfig.builder().region("eu-west-1").service("s3")
                .option(VerificationLimits.OPTION, limits).build());
    }

    private static VerificationResult verify(SignableRequest r) {
        return verifier().verify(r, SECRETS, NOW);
    }

    private static SignableRequest edit(SignableRequest r, UnaryOperator<SignableRequest.Builder> f) {
        return f.apply(r.toBuilder()).build();
    }

    private static void assertRejected(AuthError expected, VerificationResult r) {
        assertFalse(r.isValid(), "expected " + expected.code() + " but the request was accepted");
        assertEquals(expected, r.error().orElseThrow(), r::toString);
    }

    private static SignableRequest signed(String pathAndQuery) {
        return signer().sign(SignableRequest.builder().method("GET").uri(HOST + pathAndQuery).build()).request();
    }

    private static String authorization(SignableRequest r) {
        return r.headers().firstValue("Authorization").orElseThrow();
    }

    /**
     * An Authorization header with a zero signature whose signed-headers list has the request's
     * own three and {@code n} more names, in order, of headers the request does not have.
     */
    private static String zeroSignatureWithNames(int n) {
        StringBuilder names = new StringBuilder("host;x-amz-content-sha256;x-amz-date");
        for (int i = 0; i < n; i++) {
            names.append(";zz-").append(100000 + i);
        }
        return "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240301/eu-west-1/s3/aws4_request,"
                + " SignedHeaders=" + names + ", Signature=" + ZEROS;
    }

    /** Runs a task on a thread that has never signed or verified (its per-thread scratch is new). */
    private static <T> T onAFreshThread(Class<T> type, Callable<T> task) throws InterruptedException {
        Object[] out = new Object[1];
        Thread t = new Thread(() -> {
            try {
                out[0] = task.call();
            } catch (Throwable e) {
                out[0] = e;
            }
        }, "fresh");
        t.start();
        t.join();
        if (out[0] instanceof Throwable) {
            throw new AssertionError("threw on a fresh thread", (Throwable) out[0]);
        }
        return type.cast(out[0]);
    }

    // ------------------------------------------------------------------ crashes

    /** 17+ signed header entries on a thread that had not verified before threw NullPointerException. */
    @Test
    void fifteenMetaHeadersFromAClientVerifyOnAFreshThread() throws InterruptedException {
        SignableRequest.Builder b = SignableRequest.builder().method("PUT").uri(HOST + "/photo.jpg")
                .payload(Payload.ofBytes("x".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 15; i++) {
            b.header("x-amz-meta-field-" + i, "value " + i);
        }
        SignableRequest r = signer().sign(b.build()).request();
        VerificationResult result = onAFreshThread(VerificationResult.class, () -> verify(r));
        assertTrue(result.isValid(), result::toString);
    }

    @Test
    void longSignedHeadersListWithAZeroSignatureOnAFreshThreadIsSignatureDoesNotMatch() throws InterruptedException {
        SignableRequest r = signed("/k");
        String auth = zeroSignatureWithNames(40);
        VerificationResult result = onAFreshThread(VerificationResult.class,
                () -> verify(edit(r, b -> b.setHeader("Authorization", auth))));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, result);
    }

    /** A Date whose offset takes it out of 0000..9999 threw "year -1 cannot be formatted". */
    @ParameterizedTest
    @ValueSource(strings = {"01 Jan 0000 00:30:00 +0100", "Sat, 01 Jan 0000 00:30:00 +0100",
        "31 Dec 9999 23:30:00 -0100", "Fri, 31 Dec 9999 23:30:00 -0100"})
    void dateHeaderOutsideFourDigitYearsIsAccessDenied(String date) {
        SignableRequest r = edit(signed("/k"), b -> b.removeHeader("X-Amz-Date").setHeader("Date", date));
        VerificationResult result = verify(r);
        assertRejected(AuthError.ACCESS_DENIED, result);
        assertTrue(result.message().contains("Date"), result.message());
    }

    @Test
    void datesAtTheEdgesOfTheRangeAreAnsweredToo() {
        SignableRequest r = signed("/k");
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, verify(edit(r, b -> b.setHeader("X-Amz-Date",
                "00000101T000000Z"))));
        assertRejected(AuthError.REQUEST_TIME_TOO_SKEWED, verifier().verify(r, SECRETS, Instant.MAX));
        assertRejected(AuthError.REQUEST_TIME_TOO_SKEWED, verifier().verify(r, SECRETS, Instant.MIN));
        PresignedUrl url = signer().presign(SignableRequest.builder().method("GET").uri(HOST + "/k").build(),
                Duration.ofMinutes(5));
        SignableRequest p = SignableRequest.builder().method("GET").uri(url.url()).build();
        assertRejected(AuthError.ACCESS_DENIED, verifier().verify(p, SECRETS, Instant.MIN));
        assertRejected(AuthError.ACCESS_DENIED, verifier().verify(p, SECRETS, Instant.MAX));
        SigV4Verifier lenient = SigV4Verifier.create(SigningConfig.builder()
                .option(SigV4Options.MAX_CLOCK_SKEW, Duration.ofSeconds(Long.MAX_VALUE)).build());
        assertTrue(lenient.verify(p, SECRETS, NOW).isValid(), "a skew beyond Instant's range is compared, not added");
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, verify(edit(p, b -> b.rawQuery(
                p.rawQuery().orElseThrow().replace("X-Amz-Expires=300", "X-Amz-Expires=99999999999999999999")))));
    }

    // ------------------------------------------------------------------ forgeries

    /**
     * {@code /c%٦١t.jpg} verified as {@code /cat.jpg}: Character.digit reads other scripts' digits.
     * Now such a '%' is not an escape at all, and the one strict reading of the request target
     * refuses it before any signature work ({@code InvalidURI}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/c%\u0666\u0661t.jpg", "/c%\uff16\uff11t.jpg", "/c%6\uff11t.jpg", "/c%\u0666at.jpg"})
    void percentEscapeWithNonAsciiDigitsInThePathIsNotTheAsciiEscape(String forgedPath) {
        SignableRequest r = signed("/cat.jpg");
        assertRejected(AuthError.INVALID_URI, verify(edit(r, b -> b.rawPath(forgedPath))));
        assertTrue(verify(edit(r, b -> b.rawPath("/c%61t.jpg"))).isValid(), "an ASCII escape is the same key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prefix=c%\u0666\u0661t", "prefix=c%\uff16\uff11t", "pre%\u0666\u0666ix=cat"})
    void percentEscapeWithNonAsciiDigitsInTheQueryIsNotTheAsciiEscape(String forgedQuery) {
        SignableRequest r = signed("/k?prefix=cat");
        assertRejected(AuthError.INVALID_URI, verify(edit(r, b -> b.rawQuery(forgedQuery))));
        assertTrue(verify(edit(r, b -> b.rawQuery("prefix=c%61t"))).isValid());
    }

    /** Lone surrogates were signed as '?': a request signed over {@code %3F} verified with one. */
    @Test
    void loneSurrogateStandingInForAQuestionMarkIsRefused() {
        SignableRequest r = signer().sign(SignableRequest.builder().method("GET").uri(HOST + "/a%3F?q=%3F")
                .header("x-amz-meta-note", "a?").build()).request();
        VerificationResult path = verify(edit(r, b -> b.rawPath("/a\ud800")));
        assertRejected(AuthError.INVALID_URI, path);
        assertTrue(path.message().contains("path"), path.message());
        VerificationResult query = verify(edit(r, b -> b.rawQuery("q=\udc00")));
        assertRejected(AuthError.INVALID_URI, query);
        assertTrue(query.message().contains("query"), query.message());
        VerificationResult header = verify(edit(r, b -> b.setHeader("x-amz-meta-note", "a\ud800")));
        assertRejected(AuthError.INVALID_ARGUMENT, header);
        assertTrue(header.message().contains("x-amz-meta-note"), header.message());
        assertTrue(verify(r).isValid());
    }

    @Test
    void signingTextWithALoneSurrogateIsRefusedNamingTheField() {
        SigV4Signer signer = signer();
        for (boolean presign : new boolean[] {false, true}) {
            for (String[] c : new String[][] {{"/a\ud800", "", "path: "}, {"/a", "?q=\udc00", "query: "},
                {"/a", "?\ud83d=1", "query: "}}) {
                SignableRequest r = SignableRequest.builder().method("GET").uri(HOST + c[0] + c[1]).build();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> sign(signer, r, presign));
                assertTrue(e.getMessage().startsWith(c[2]) && e.getMessage().contains("lone UTF-16 surrogate"),
                        e.getMessage());
            }
            SignableRequest h = SignableRequest.builder().method("GET").uri(HOST + "/a")
                    .header("X-Amz-Meta-Note", "caf\ud83d").build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sign(signer, h, presign));
            assertTrue(e.getMessage().startsWith("header 'x-amz-meta-note': "), e.getMessage());
        }
        SigV4Signer iam = SigV4Signer.create(cfg().service("iam").build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> iam.sign(SignableRequest.builder().method("GET")
                .uri(HOST + "/x/\udbff/y").build())).getMessage().startsWith("path: "));
    }

    private static Object sign(SigV4Signer signer, SignableRequest r, boolean presign) {
        return presign ? signer.presign(r, Duration.ofMinutes(1)) : signer.sign(r);
    }

    // ------------------------------------------------------------------ ambiguity

    /** A repeated component of the Authorization header: the last one used to win. */
    @ParameterizedTest
    @ValueSource(strings = {"Signature", "Credential", "SignedHeaders"})
    void repeatedAuthorizationComponentIsMalformed(String component) {
        SignableRequest r = signed("/k");
        String auth = authorization(r);
        int at = auth.indexOf(component + "=");
        int end = auth.indexOf(',', at);
        String part = auth.substring(at, end < 0 ? auth.length() : end);
        String decoy = component.equals("Signature") ? "Signature=" + ZEROS
                : component.equals("Credential") ? "Credential=AKIDOTHER/20240301/eu-west-1/s3/aws4_request"
                : "SignedHeaders=host";
        // the decoy first, the genuine value last: "last wins" accepted this
        String twice = auth.replace(part, decoy + ", " + part);
        VerificationResult result = verify(edit(r, b -> b.setHeader("Authorization", twice)));
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, result);
        assertTrue(result.message().contains(component + "="), result.message());
    }

    @Test
    void twoAuthorizationHeadersAreMalformed() {
        SignableRequest r = signed("/k");
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, verify(edit(r, b -> b.header("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDOTHER/20240301/eu-west-1/s3/aws4_request, SignedHeaders=host,"
                        + " Signature=" + ZEROS))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Date", "x-amz-content-sha256"})
    void aRepeatedHeaderTheVerifierReadsIsInvalidArgument(String name) {
        SignableRequest r = signed("/k");
        String value = r.headers().firstValue(name).orElseThrow();
        assertRejected(AuthError.INVALID_ARGUMENT, verify(edit(r, b -> b.header(name, value))));
    }

    /** A second X-Amz-Signature in a presigned URL used to be dropped silently, whatever its spelling. */
    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Signature", "X-Amz-%53ignature", "x-amz-signature", "X-AMZ-SIGNATURE",
        "X-Amz-Credential", "X-Amz-%43redential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
        "X-Amz-Algorithm", "X-Amz-Security-Token"})
    void repeatedPresignParameterIsAuthorizationQueryParametersError(String name) {
        PresignedUrl url = SigV4Signer.create(cfg().credentials(Credentials.of(CREDS.accessKeyId(),
                CREDS.secretAccessKey(), "token")).build()).presign(SignableRequest.builder().method("GET")
                .uri(HOST + "/k").build(), Duration.ofMinutes(5));
        SignableRequest r = SignableRequest.builder().method("GET").uri(url.url()).build();
        SecretLookup secrets = SecretLookup.of(CREDS);
        assertTrue(verifier().verify(r, secrets, NOW).isValid());
        for (String query : new String[] {r.rawQuery().orElseThrow() + "&" + name + "=" + ZEROS,
            name + "=" + ZEROS + "&" + r.rawQuery().orElseThrow()}) {
            VerificationResult result = verifier().verify(edit(r, b -> b.rawQuery(query)), secrets, NOW);
            assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, result);
            assertTrue(result.message().contains("more than once"), result.message());
        }
    }

    @Test
    void anyCaseOfXAmzAlgorithmWithAnAuthorizationHeaderIsTwoMechanisms() {
        SignableRequest r = signed("/k");
        VerificationResult result = verify(edit(r, b -> b.rawQuery("x-amz-algorithm=AWS4-HMAC-SHA256")));
        assertRejected(AuthError.INVALID_ARGUMENT, result);
        assertTrue(result.message().contains("Only one auth mechanism"), result.message());
    }

    @Test
    void repeatedSignedHeaderNameIsMalformed() {
        SignableRequest r = signed("/k");
        String auth = authorization(r).replace("SignedHeaders=host;", "SignedHeaders=host;host;");
        VerificationResult result = verify(edit(r, b -> b.setHeader("Authorization", auth)));
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, result);
        assertTrue(result.message().contains("'host'"), result.message());
    }

    @Test
    void nonAsciiDigitsInNumbersAreNotNumbers() {
        PresignedUrl url = signer().presign(SignableRequest.builder().method("GET").uri(HOST + "/k").build(),
                Duration.ofSeconds(600));
        SignableRequest r = SignableRequest.builder().method("GET").uri(url.url()).build();
        String q = r.rawQuery().orElseThrow();
        for (String expires : new String[] {"%D9%A6%D9%A0%D9%A0", "+600", "%2B600", "600%20", "0x258"}) {
            VerificationResult result = verify(edit(r, b -> b.rawQuery(q.replace("X-Amz-Expires=600",
                    "X-Amz-Expires=" + expires))));
            assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, result);
            assertTrue(result.message().contains("X-Amz-Expires should be a number"), result.message());
        }
        assertTrue(verify(edit(r, b -> b.rawQuery(q.replace("X-Amz-Expires=600", "X-Amz-Expires=-600"))))
                .message().contains("non-negative"));
    }

    // ------------------------------------------------------------------ cost chosen by the sender

    private static final VerificationLimits ROOMY = VerificationLimits.builder().maxUriLength(4 << 20)
            .maxQueryParameters(1 << 20).maxHeaderCount(1 << 16).maxHeaderBytes(4 << 20)
            .maxAuthorizationLength(4 << 20).build();

    /** 64k parameters in descending order (the worst case of an insertion sort), clean and escaped. */
    private static String manyParameters(int n, boolean escaped) {
        StringBuilder q = new StringBuilder(n * 16);
        for (int i = n - 1; i >= 0; i--) {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append(escaped ? "p%20" : "p").append(100000 + i).append('=').append(i % 7);
        }
        return q.toString();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sixtyFourThousandQueryParametersAreAnsweredWithinRaisedLimits(boolean escaped) {
        String query = manyParameters(65_536, escaped);
        SignableRequest signedRequest = signed("/k?" + query);
        VerificationResult result = verifier(ROOMY).verify(signedRequest, SECRETS, NOW);
        assertTrue(result.isValid(), result::toString);
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verifier(ROOMY).verify(edit(signedRequest,
                b -> b.rawQuery(query + "&p=extra")), SECRETS, NOW));
        PresignedUrl url = signer().presign(SignableRequest.builder().method("GET").uri(HOST + "/k?" + query).build(),
                Duration.ofMinutes(5));
        assertTrue(verifier(ROOMY).verify(SignableRequest.builder().method("GET").uri(url.url()).build(), SECRETS,
                NOW).isValid());
    }

    @Test
    void sixtyFourThousandQueryParametersAreRefusedByTheDefaultLimits() {
        SignableRequest r = signed("/k");
        VerificationResult longUri = verify(edit(r, b -> b.rawQuery(manyParameters(65_536, false))));
        assertRejected(AuthError.INVALID_URI, longUri);
        assertTrue(longUri.message().contains("maxUriLength"), longUri.message());
        VerificationResult many = verify(edit(r, b -> b.rawQuery("a&".repeat(5_000) + "a")));
        assertRejected(AuthError.INVALID_URI, many);
        assertTrue(many.message().contains("maxQueryParameters"), many.message());
    }

    private static SignableRequest manyHeaders(int n) {
        SignableRequest.Builder b = SignableRequest.builder().method("GET").uri(HOST + "/k");
        for (int i = n - 1; i >= 0; i--) {
            b.header("x-amz-meta-h" + (100000 + i), "v" + (i % 13));
        }
        return b.build();
    }

    @Test
    void eightThousandHeadersAreAnsweredWithinRaisedLimits() {
        SignableRequest r = signer().sign(manyHeaders(8_192)).request();
        VerificationResult result = verifier(ROOMY).verify(r, SECRETS, NOW);
        assertTrue(result.isValid(), result::toString);
        String auth = authorization(r);
        String zeroed = auth.substring(0, auth.length() - 64) + ZEROS;
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verifier(ROOMY).verify(edit(r,
                b -> b.setHeader("Authorization", zeroed)), SECRETS, NOW));
        // a long signed-headers list naming headers the request does not have
        String absent = zeroSignatureWithNames(8_192);
        assertRejected(AuthError.ACCESS_DENIED, verifier(ROOMY).verify(edit(r, b -> b.setHeader("Authorization",
                absent)), SECRETS, NOW)); // the x-amz-meta-* headers are not in that list
    }

    @Test
    void eightThousandHeadersAreRefusedByTheDefaultLimits() {
        SignableRequest r = signer().sign(manyHeaders(8_192)).request();
        VerificationResult result = verify(r);
        assertRejected(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, result);
        assertTrue(result.message().contains("maxHeaderCount"), result.message());
    }

    @Test
    void unsignedHeadersAreListedBriefly() {
        SignableRequest r = signed("/k");
        SignableRequest.Builder b = r.toBuilder();
        for (int i = 0; i < 50; i++) {
            b.header("x-amz-meta-extra-" + i, "1");
        }
        VerificationResult result = verify(b.build());
        assertRejected(AuthError.ACCESS_DENIED, result);
        assertTrue(result.message().contains("x-amz-meta-extra-9,") && !result.message().contains("extra-49")
                && result.message().contains("40 more"), result.message());
    }

    // ------------------------------------------------------------------ follow-ups (#12)

    @Test
    void aSecondHostHeaderIsRefusedHeaderSignedAndPresigned() {
        SignableRequest r = signed("/cat.jpg");
        assertRejected(AuthError.INVALID_ARGUMENT, verify(edit(r, b -> b.header("Host", "evil.example.com"))));
        PresignedUrl url = signer().presign(SignableRequest.builder().method("GET").uri(HOST + "/cat.jpg").build(),
                Duration.ofMinutes(5));
        SignableRequest presigned = SignableRequest.builder().method("GET").uri(url.url())
                .header("Host", "bucket.s3.eu-west-1.amazonaws.com").header("Host", "evil.example.com").build();
        VerificationResult result = verify(presigned);
        assertRejected(AuthError.INVALID_ARGUMENT, result);
        assertTrue(result.message().contains("more than one host"), result.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a%FF.jpg", "/a%FE.jpg", "/cat.jpg?x=%FF", "/cat.jpg?x=%C3", "/cat.jpg?%FE=1",
        "/a%G1.jpg", "/a%.jpg", "/cat.jpg?x=%", "/cat.jpg?x=%2"})
    void percentEscapesThatAreNotUtf8OrNotHexAreRefusedNotReadAsReplacementCharacters(String pathAndQuery) {
        // before: %FF and %FE both decoded to U+FFFD in the query (one signature for two URLs) and a
        // lone '%' read as "%25"; now one strict reading: refused before any signature work
        SignableRequest r = signed("/cat.jpg");
        int q = pathAndQuery.indexOf('?');
        SignableRequest sent = q < 0 ? edit(r, b -> b.rawPath(pathAndQuery))
                : edit(r, b -> b.rawQuery(pathAndQuery.substring(q + 1)));
        VerificationResult result = verify(sent);
        assertRejected(AuthError.INVALID_URI, result);
    }

    @Test
    void xAmzContentSha256AsAPresignedQueryParameterIsThePayloadHashAndIsComparedWithTheBody() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        String sha = sha256Hex(hello);
        PresignedUrl url = signer().presign(SignableRequest.builder().method("PUT")
                .uri(HOST + "/up.txt?X-Amz-Content-Sha256=" + sha).build(), Duration.ofMinutes(5));
        SignableRequest put = SignableRequest.builder().method("PUT").uri(url.url()).payload(Payload.ofBytes(hello))
                .build();
        // the presigner signs the parameter; a server that reads it (MinIO does) gets the hash it names
        VerificationResult ok = verify(put);
        assertTrue(ok.isValid(), ok::toString);
        assertTrue(ok.canonicalRequest().orElseThrow().endsWith("\n" + sha), ok.canonicalRequest().orElseThrow());
        assertRejected(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH,
                verify(edit(put, b -> b.payload(Payload.ofBytes("world".getBytes(StandardCharsets.UTF_8))))));
        // a header added next to it is not signed: refused; both, and different, is not presigned at all
        assertRejected(AuthError.ACCESS_DENIED, verify(edit(put, b -> b.header("x-amz-content-sha256", ZEROS))));
        assertThrows(IllegalArgumentException.class, () -> signer().presign(SignableRequest.builder().method("PUT")
                .uri(HOST + "/up.txt?X-Amz-Content-Sha256=" + sha).header("x-amz-content-sha256", ZEROS).build(),
                Duration.ofMinutes(5)));
        // not a hash: refused by the verifier (before the signature) and by the presigner
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                verify(edit(put, b -> b.rawQuery(put.rawQuery().orElseThrow().replace(sha, "nothex")))));
        assertThrows(IllegalArgumentException.class, () -> signer().presign(SignableRequest.builder().method("PUT")
                .uri(HOST + "/up.txt?X-Amz-Content-Sha256=nothex").build(), Duration.ofMinutes(5)));
        // twice, in another spelling: ambiguous
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                verify(edit(put, b -> b.rawQuery(put.rawQuery().orElseThrow() + "&x-amz-content-sha256=" + sha))));
    }

    @Test
    void unsortedSignedHeadersAreRefusedHeaderSignedAndPresigned() {
        SignableRequest r = signed("/cat.jpg");
        String auth = authorization(r);
        String unsorted = auth.replace("SignedHeaders=host;x-amz-content-sha256;x-amz-date",
                "SignedHeaders=x-amz-date;host;x-amz-content-sha256");
        VerificationResult header = verify(edit(r, b -> b.setHeader("Authorization", unsorted)));
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, header);
        assertTrue(header.message().contains("sorted order"), header.message());
        PresignedUrl url = signer().presign(SignableRequest.builder().method("GET").uri(HOST + "/cat.jpg")
                .header("x-amz-meta-a", "1").build(), Duration.ofMinutes(5));
        String q = url.url().substring(url.url().indexOf('?') + 1).replace("X-Amz-SignedHeaders=host%3Bx-amz-meta-a",
                "X-Amz-SignedHeaders=x-amz-meta-a%3Bhost");
        VerificationResult presigned = verify(SignableRequest.builder().method("GET").uri(HOST + "/cat.jpg?" + q)
                .header("x-amz-meta-a", "1").build());
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, presigned);
        assertTrue(presigned.message().contains("sorted order"), presigned.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankSecretFromTheLookupIsAnUnknownKeyNotAnException(String blank) {
        SignableRequest r = signed("/cat.jpg");
        VerificationResult result = verifier().verify(r, id -> java.util.Optional.of(blank), NOW);
        assertRejected(AuthError.INVALID_ACCESS_KEY_ID, result);
        assertRejected(AuthError.INVALID_ACCESS_KEY_ID, verifier().verify(r, id -> null, NOW));
    }

    /** SHA-256 by the JDK, hex: an oracle independent of the signer's own payload hashing. */
    private static String sha256Hex(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
