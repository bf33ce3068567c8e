package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import dev.awssig.v4.support.JdkSigV4;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of what the SigV4 signer and verifier accept: exactly at each limit is accepted,
 * one past it is refused. Expected canonical requests are written out by hand and expected
 * signatures come from {@link JdkSigV4} (the JDK's own {@code Mac}), never from the code under
 * test; requests signed by that oracle alone are handed to the verifier.
 */
class BoundariesTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final String AMZ_DATE = "20240301T102030Z";
    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Credentials CREDS = Credentials.of(ID, SECRET);
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final String REGION = "eu-west-1";
    private static final String EMPTY_SHA = JdkSigV4.sha256Hex(new byte[0]);

    private static SigningConfig.Builder cfg(String service, Instant at) {
        return SigningConfig.builder().credentials(CREDS).region(REGION).service(service)
                .clock(Clock.fixed(at, ZoneOffset.UTC));
    }

    private static SigV4Verifier verifier(String service) {
        return SigV4Verifier.create(SigningConfig.builder().region(REGION).service(service).build());
    }

    private static void assertRejected(AuthError expected, VerificationResult r) {
        assertFalse(r.isValid(), () -> "expected " + expected.code() + " but the request was accepted");
        assertEquals(expected, r.error().orElseThrow(), r::toString);
    }

    /** An iam GET (no x-amz-content-sha256: the canonical request is short enough to write out). */
    private static SignableRequest.Builder iamGet(String rawQuery) {
        return SignableRequest.builder().method("GET")
                .uri("https://iam.amazonaws.com/" + (rawQuery == null ? "" : "?" + rawQuery));
    }

    /**
     * Signs {@code r} for iam, checks the canonical request and the signature against the
     * hand-written canonical request and the JDK oracle, then has the verifier accept a request
     * whose Authorization header the oracle alone computed.
     */
    private static void assertCanonical(SignableRequest r, String canonicalQuery, String extraHeaders,
                                        String extraSigned) {
        String signedHeaders = extraSigned.isEmpty() ? "host;x-amz-date" : extraSigned + ";host;x-amz-date";
        String canonical = "GET\n/\n" + canonicalQuery + "\n" + extraHeaders + "host:iam.amazonaws.com\n"
                + "x-amz-date:" + AMZ_DATE + "\n\n" + signedHeaders + "\n" + EMPTY_SHA;
        String signature = JdkSigV4.signature(SECRET, AMZ_DATE, REGION, "iam", canonical);

        SignedRequest s = SigV4Signer.create(cfg("iam", NOW).build()).sign(r);
        assertEquals(canonical, s.canonicalRequest());
        assertEquals(signature, s.signature());

        SignableRequest byOracle = r.toBuilder().setHeader("X-Amz-Date", AMZ_DATE)
                .setHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + ID + "/20240301/" + REGION
                        + "/iam/aws4_request, SignedHeaders=" + signedHeaders + ", Signature=" + signature)
                .build();
        VerificationResult v = verifier("iam").verify(byOracle, SECRETS, NOW);
        assertTrue(v.isValid(), v::toString);
        assertEquals(canonical, v.canonicalRequest().orElseThrow());
        String wrong = signature.substring(0, 63) + (signature.charAt(63) == '0' ? '1' : '0');
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verifier("iam").verify(byOracle.toBuilder()
                .setHeader("Authorization", byOracle.headers().firstValue("Authorization").orElseThrow()
                        .replace(signature, wrong)).build(), SECRETS, NOW));
    }

    // ------------------------------------------------------------------ canonical query and headers

    /**
     * Above 16 parameters the canonical query is sorted by a merge sort instead of an insertion
     * sort: 20 parameters that need escaping (so the copy-the-ranges path is not taken), given in
     * reverse order, with a repeated name whose values must sort too.
     */
    @Test
    void twentyEscapedQueryParametersSortAsTheCanonicalQuery() {
        List<String> raw = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            String n = String.format("p%02d", i);
            raw.add(n + "=v%20" + i + "+x");
            canonical.add(n + "=v%20" + i + "%20x");
        }
        raw.add("k=b%2A");
        raw.add("k=a%2A");
        canonical.add("k=a%2A");
        canonical.add("k=b%2A");
        Collections.reverse(raw);
        Collections.sort(canonical);
        assertEquals(20, raw.size());
        assertCanonical(iamGet(String.join("&", raw)).build(), String.join("&", canonical), "", "");
    }

    /** The same without escapes: the raw ranges are sorted (merge sort above 16 parameters). */
    @Test
    void twentyPlainQueryParametersSortAsTheCanonicalQuery() {
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            raw.add(String.format("p%02d=v%d", 19 - i, i));
        }
        List<String> canonical = new ArrayList<>(raw);
        Collections.sort(canonical);
        assertCanonical(iamGet(String.join("&", raw)).build(), String.join("&", canonical), "", "");
    }

    /** A name that is a prefix of another sorts first; so does a value that is a prefix of another. */
    @Test
    void prefixNamedQueryKeysSortShorterFirst() {
        assertCanonical(iamGet("a1=x&a=y").build(), "a=y&a1=x", "", "");
        assertCanonical(iamGet("a=b1&a=b").build(), "a=b&a=b1", "", "");
        assertCanonical(iamGet("ab=1&a=2&a=").build(), "a=&a=2&ab=1", "", "");
        // the same with an escape, which takes the decode-and-encode path
        assertCanonical(iamGet("a1=%78&a=y").build(), "a=y&a1=x", "", "");
        assertCanonical(iamGet("a=b1&a=%62").build(), "a=b&a=b1", "", "");
        // a parameter without '=' has an empty value
        assertCanonical(iamGet("b&a").build(), "a=&b=", "", "");
    }

    /** Header names that sort before {@code host}, so that the expected block reads in order. */
    @Test
    void aWhitespaceOnlyHeaderValueIsCanonicallyEmpty() {
        assertCanonical(iamGet(null).header("A-Blank", "   ").build(), "", "a-blank:\n", "a-blank");
        assertCanonical(iamGet(null).header("A-Blank", " \t ").build(), "", "a-blank:\n", "a-blank");
        assertCanonical(iamGet(null).header("A-Blank", "").build(), "", "a-blank:\n", "a-blank");
        assertCanonical(iamGet(null).header("A-Spaced", "  a \t b  ").header("A-Tail", "c ").build(), "",
                "a-spaced:a b\na-tail:c\n", "a-spaced;a-tail");
        // values of a repeated name are joined with ',' in the order received, each trimmed
        assertCanonical(iamGet(null).header("A-Rep", " z ").header("A-Rep", "   ").header("a-rep", "a").build(), "",
                "a-rep:z,,a\n", "a-rep");
    }

    // ------------------------------------------------------------------ unsigned x-amz-* headers

    /**
     * Every x-amz-* header must be signed, whatever the case of its name as sent: {@code X-Amz-Acl}
     * and {@code X-AMZ-ACL} (which only lower-case to {@code x-amz-} when every letter from
     * {@code A} to {@code Z} is lower-cased) added unsigned are refused.
     */
    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Acl", "X-AMZ-ACL", "x-amz-acl", "X-aMZ-aCL"})
    void aMixedCaseXAmzHeaderSentUnsignedIsRefused(String name) {
        SignedRequest s = SigV4Signer.create(cfg("s3", NOW).build()).sign(SignableRequest.builder().method("PUT")
                .uri("https://bucket.s3.eu-west-1.amazonaws.com/k").payload(Payload.ofBytes(new byte[] {1})).build());
        assertTrue(verifier("s3").verify(s.request(), SECRETS, NOW).isValid());
        VerificationResult r = verifier("s3").verify(s.request().toBuilder().header(name, "public-read").build(),
                SECRETS, NOW);
        assertRejected(AuthError.ACCESS_DENIED, r);
        assertTrue(r.message().contains("x-amz-acl"), r.message());
        // the same request presigned
        PresignedUrl url = SigV4Signer.create(cfg("s3", NOW).build()).presign(SignableRequest.builder().method("GET")
                .uri("https://bucket.s3.eu-west-1.amazonaws.com/k").build(), Duration.ofMinutes(5));
        SignableRequest received = SignableRequest.builder().method("GET").uri(url.url()).headers(url.signedHeaders())
                .build();
        assertTrue(verifier("s3").verify(received, SECRETS, NOW).isValid());
        assertRejected(AuthError.ACCESS_DENIED, verifier("s3").verify(received.toBuilder().header(name, "public-read")
                .build(), SECRETS, NOW));
    }

    @Test
    void signedHeadersWithAnUpperCaseLetterAreMalformed() {
        SignedRequest s = SigV4Signer.create(cfg("iam", NOW).build()).sign(iamGet(null).build());
        String auth = s.request().headers().firstValue("Authorization").orElseThrow();
        for (String list : new String[] {"Host;x-amz-date", "host;X-amz-date", "host;x-amz-datE", "host;x-amz-Zdate"}) {
            VerificationResult r = verifier("iam").verify(s.request().toBuilder().setHeader("Authorization",
                    auth.replace("SignedHeaders=host;x-amz-date", "SignedHeaders=" + list)).build(), SECRETS, NOW);
            assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, r);
        }
    }

    /** More than ten unsigned names are listed ten at a time, with a count of the rest. */
    @Test
    void aMessageListsTenUnsignedHeadersAndCountsTheRest() {
        SignedRequest s = SigV4Signer.create(cfg("iam", NOW).build()).sign(iamGet(null).build());
        SignableRequest.Builder b = s.request().toBuilder();
        for (int i = 0; i < 12; i++) {
            b.header("x-amz-meta-u" + (char) ('a' + i), "v");
        }
        VerificationResult r = verifier("iam").verify(b.build(), SECRETS, NOW);
        assertRejected(AuthError.ACCESS_DENIED, r);
        assertTrue(r.message().endsWith("x-amz-meta-ua, x-amz-meta-ub, x-amz-meta-uc, x-amz-meta-ud, x-amz-meta-ue,"
                + " x-amz-meta-uf, x-amz-meta-ug, x-amz-meta-uh, x-amz-meta-ui, x-amz-meta-uj, ... (2 more)"),
                r.message());
        assertTrue(r.message().contains("signed): x-amz-meta-ua, x-amz-meta-ub"), r.message());
    }

    /**
     * A name in SignedHeaders that the request does not carry is canonically empty ({@code name:}),
     * never filled with another header's value: the server's canonical request says so.
     */
    @Test
    void aSignedHeaderTheRequestLacksIsCanonicallyEmpty() {
        String signedHeaders = "host;x-absent;x-amz-date";
        String canonical = "GET\n/\n\nhost:iam.amazonaws.com\nx-absent:\nx-amz-date:" + AMZ_DATE + "\n\n"
                + signedHeaders + "\n" + EMPTY_SHA;
        SignableRequest r = iamGet(null).header("X-Amz-Date", AMZ_DATE)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ID + "/20240301/" + REGION
                        + "/iam/aws4_request, SignedHeaders=" + signedHeaders + ", Signature=" + "0".repeat(64))
                .build();
        VerificationResult v = verifier("iam").verify(r, SECRETS, NOW);
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, v);
        assertEquals(canonical, v.canonicalRequest().orElseThrow());
    }

    // ------------------------------------------------------------------ time

    /** A Date or X-Amz-Date exactly 15 minutes old (or ahead) is in time; one second more is not. */
    @ParameterizedTest
    @ValueSource(longs = {-900, 900})
    void aTimestampExactlyFifteenMinutesAwayIsAccepted(long offsetSeconds) {
        Instant signedAt = NOW.plusSeconds(offsetSeconds);
        SignedRequest s = SigV4Signer.create(cfg("iam", signedAt).build()).sign(iamGet(null).build());
        assertTrue(verifier("iam").verify(s.request(), SECRETS, NOW).isValid());
        Instant oneMore = NOW.minusSeconds(Long.signum(offsetSeconds));
        VerificationResult late = verifier("iam").verify(s.request(), SECRETS, oneMore);
        assertRejected(AuthError.REQUEST_TIME_TOO_SKEWED, late);
        // a configured skew moves the edge
        SigV4Verifier strict = SigV4Verifier.create(SigningConfig.builder().region(REGION).service("iam")
                .option(SigV4Options.MAX_CLOCK_SKEW, Duration.ofSeconds(899)).build());
        assertRejected(AuthError.REQUEST_TIME_TOO_SKEWED, strict.verify(s.request(), SECRETS, NOW));
    }

    private static SignableRequest received(PresignedUrl url) {
        return SignableRequest.builder().method(url.method()).uri(url.url()).headers(url.signedHeaders()).build();
    }

    /** A URL presigned for the longest validity, 604800 s, still works at its last second. */
    @Test
    void aWeekLongPresignedUrlWorksAtItsLastSecond() {
        PresignedUrl url = SigV4Signer.create(cfg("s3", NOW).build()).presign(SignableRequest.builder().method("GET")
                .uri("https://bucket.s3.eu-west-1.amazonaws.com/k").build(), Duration.ofSeconds(604800));
        assertTrue(url.url().contains("X-Amz-Expires=604800&"), url.url());
        SignableRequest r = received(url);
        assertTrue(verifier("s3").verify(r, SECRETS, NOW.plusSeconds(604800)).isValid());
        VerificationResult after = verifier("s3").verify(r, SECRETS, NOW.plusSeconds(604801));
        assertRejected(AuthError.ACCESS_DENIED, after);
        assertTrue(after.message().contains("expired"), after.message());
    }

    /**
     * X-Amz-Expires is read as a decimal number of at most 604800: 0 is valid at its own second,
     * 604801 and negative or non-decimal values are refused before the signature is checked.
     */
    @Test
    void xAmzExpiresIsReadAtItsEdges() {
        String canonicalFor = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + ID + "%2F20240301%2F"
                + REGION + "%2Fs3%2Faws4_request&X-Amz-Date=" + AMZ_DATE + "&X-Amz-Expires=";
        for (String expires : new String[] {"0", "604800"}) {
            String query = canonicalFor + expires + "&X-Amz-SignedHeaders=host";
            String canonical = "GET\n/k\n" + query + "\nhost:bucket.s3.eu-west-1.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD";
            String sig = JdkSigV4.signature(SECRET, AMZ_DATE, REGION, "s3", canonical);
            SignableRequest r = SignableRequest.builder().method("GET")
                    .uri("https://bucket.s3.eu-west-1.amazonaws.com/k?" + query + "&X-Amz-Signature=" + sig).build();
            VerificationResult ok = verifier("s3").verify(r, SECRETS, NOW);
            assertTrue(ok.isValid(), ok::toString);
            assertEquals(canonical, ok.canonicalRequest().orElseThrow());
            assertRejected(AuthError.ACCESS_DENIED, verifier("s3").verify(r, SECRETS,
                    NOW.plusSeconds(Long.parseLong(expires) + 1)));
        }
        for (String expires : new String[] {"604801", "-1", "-0", "-x", "+60", "1e3", "", "99999999999999999999"}) {
            SignableRequest r = SignableRequest.builder().method("GET")
                    .uri("https://bucket.s3.eu-west-1.amazonaws.com/k?" + canonicalFor + expires
                            + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + "0".repeat(64)).build();
            VerificationResult v = verifier("s3").verify(r, SECRETS, NOW);
            assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, v);
            assertTrue(v.message().contains(expires.equals("-1") || expires.equals("-0") ? "non-negative"
                    : expires.equals("604801") ? "604800" : "number"), expires + ": " + v.message());
        }
    }

    /** A URL dated up to 15 minutes ahead of the server is valid; one second more is "not valid yet". */
    @Test
    void aPresignedUrlFromTheFutureIsValidUpToTheSkew() {
        for (long ahead : new long[] {900, 901}) {
            PresignedUrl url = SigV4Signer.create(cfg("s3", NOW.plusSeconds(ahead)).build()).presign(
                    SignableRequest.builder().method("GET").uri("https://bucket.s3.eu-west-1.amazonaws.com/k").build(),
                    Duration.ofSeconds(60));
            VerificationResult r = verifier("s3").verify(received(url), SECRETS, NOW);
            if (ahead == 900) {
                assertTrue(r.isValid(), r::toString);
            } else {
                assertRejected(AuthError.ACCESS_DENIED, r);
                assertTrue(r.message().contains("not valid yet"), r.message());
            }
        }
    }

    /**
     * The time edges to the nanosecond, as {@link Duration#between} and {@link Instant#isAfter}
     * read them (the verifier compares without building either): a presigned URL is valid
     * through the instant {@code X-Amz-Date + X-Amz-Expires} and expired one nanosecond later;
     * dated exactly the skew ahead it is valid, a nanosecond more is "not valid yet"; a
     * header-signed request exactly the skew away (either way) is accepted, a nanosecond more
     * is {@code RequestTimeTooSkewed}.
     */
    @Test
    void timeEdgesHoldToTheNanosecond() {
        Duration skew = Duration.ofMinutes(15);
        PresignedUrl url = SigV4Signer.create(cfg("s3", NOW).build()).presign(SignableRequest.builder().method("GET")
                .uri("https://bucket.s3.eu-west-1.amazonaws.com/k").build(), Duration.ofSeconds(60));
        SignableRequest presigned = received(url);
        Instant last = NOW.plusSeconds(60);
        assertTrue(verifier("s3").verify(presigned, SECRETS, last).isValid());
        assertTrue(verifier("s3").verify(presigned, SECRETS, last.minusNanos(1)).isValid());
        assertRejected(AuthError.ACCESS_DENIED, verifier("s3").verify(presigned, SECRETS, last.plusNanos(1)));
        assertRejected(AuthError.ACCESS_DENIED, verifier("s3").verify(presigned, SECRETS, last.plusSeconds(1)));
        assertTrue(verifier("s3").verify(presigned, SECRETS, NOW.minus(skew)).isValid(), "exactly the skew early");
        VerificationResult early = verifier("s3").verify(presigned, SECRETS, NOW.minus(skew).minusNanos(1));
        assertRejected(AuthError.ACCESS_DENIED, early);
        assertTrue(early.message().contains("not valid yet"), early.message());
        assertRejected(AuthError.ACCESS_DENIED, verifier("s3").verify(presigned, SECRETS,
                NOW.minus(skew).minusSeconds(1)));

        SignableRequest signed = SigV4Signer.create(cfg("s3", NOW).build()).sign(SignableRequest.builder()
                .method("GET").uri("https://bucket.s3.eu-west-1.amazonaws.com/k").build()).request();
        for (Instant now : new Instant[] {NOW.plus(skew), NOW.minus(skew), NOW.plus(skew).minusNanos(1),
            NOW.minus(skew).plusNanos(1), NOW.plus(skew).minusSeconds(1).plusNanos(999_999_999)}) {
            assertTrue(verifier("s3").verify(signed, SECRETS, now).isValid(), now::toString);
        }
        for (Instant now : new Instant[] {NOW.plus(skew).plusNanos(1), NOW.minus(skew).minusNanos(1),
            NOW.plus(skew).plusSeconds(1), NOW.minus(skew).minusSeconds(1),
            NOW.plus(skew).plusNanos(999_999_999), NOW.minus(skew).minusNanos(999_999_999)}) {
            assertRejected(AuthError.REQUEST_TIME_TOO_SKEWED, verifier("s3").verify(signed, SECRETS, now));
        }
    }

    // ------------------------------------------------------------------ signing key

    /**
     * The signer remembers the last key it derived; after the credentials rotate (the secret, or
     * the key id, changes under the same scope) it must derive again.
     */
    @Test
    void aSignerDerivesANewKeyAfterItsCredentialsRotate() {
        AtomicReference<Credentials> current = new AtomicReference<>(CREDS);
        CredentialsProvider rotating = current::get;
        AtomicReference<Instant> clock = new AtomicReference<>(NOW);
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.get();
            }
        };
        SigV4Signer signer = SigV4Signer.create(SigningConfig.builder().credentialsProvider(rotating).region(REGION)
                .service("iam").clock(moving).build());
        SignableRequest r = iamGet(null).build();
        String canonical = "GET\n/\n\nhost:iam.amazonaws.com\nx-amz-date:" + AMZ_DATE + "\n\nhost;x-amz-date\n"
                + EMPTY_SHA;
        assertEquals(JdkSigV4.signature(SECRET, AMZ_DATE, REGION, "iam", canonical), signer.sign(r).signature());

        current.set(Credentials.of(ID, "rotated/Secret+Key"));
        assertEquals(JdkSigV4.signature("rotated/Secret+Key", AMZ_DATE, REGION, "iam", canonical),
                signer.sign(r).signature());

        current.set(Credentials.of("AKIDROTATED", "rotated/Secret+Key"));
        SignedRequest other = signer.sign(r);
        assertTrue(other.request().headers().firstValue("Authorization").orElseThrow()
                .contains("Credential=AKIDROTATED/20240301/"));

        // the next day under the same credentials: a new date in the scope and the key
        clock.set(NOW.plus(Duration.ofDays(1)));
        String nextDay = "20240302T102030Z";
        String canonical2 = canonical.replace(AMZ_DATE, nextDay);
        assertEquals(JdkSigV4.signature("rotated/Secret+Key", nextDay, REGION, "iam", canonical2),
                signer.sign(r).signature());
    }

    // ------------------------------------------------------------------ aws-chunked

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static SignedRequest signStreaming(PayloadSigning mode, ChecksumAlgorithm checksum, int chunkSize,
                                               byte[] body) {
        return SigV4Signer.create(cfg("s3", NOW)
                .option(SigV4Options.SIGNED_HEADERS, SignedHeadersPolicy.excluding("content-length"))
                .option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.CHUNK_SIZE, chunkSize)
                .option(SigV4Options.TRAILER_CHECKSUM, checksum).build())
                .sign(SignableRequest.builder().method("PUT").uri("https://bucket.s3.eu-west-1.amazonaws.com/k")
                        .payload(Payload.ofBytes(body)).build());
    }

    private static byte[] encode(SignedRequest s) throws IOException {
        try (InputStream in = s.request().payload().openStream()) {
            return in.readAllBytes();
        }
    }

    /** Decodes without Content-Length (unsigned here), so that the framing alone ends the body. */
    private static byte[] decode(SigV4Verifier v, SignableRequest r, byte[] encoded) throws IOException {
        return v.verifyStreaming(r.toBuilder().removeHeader("Content-Length").build(), SECRETS, NOW,
                new ByteArrayInputStream(encoded)).readAllBytes();
    }

    private static AwsChunkedException decodeFails(SigV4Verifier v, SignableRequest r, byte[] encoded) {
        SignableRequest noLength = r.toBuilder().removeHeader("Content-Length").build();
        return assertThrows(AwsChunkedException.class, () -> v.verifyStreaming(noLength, SECRETS, NOW,
                new ByteArrayInputStream(encoded)).transferTo(new ByteArrayOutputStream()));
    }

    /** A chunk of exactly the configured maximum is accepted; one byte more is InvalidRequest. */
    @ParameterizedTest
    @EnumSource(value = PayloadSigning.class, names = {"STREAMING_SIGNED", "STREAMING_UNSIGNED_TRAILER"})
    void aChunkOfExactlyTheMaximumSizeIsAccepted(PayloadSigning mode) throws IOException {
        byte[] body = data(8192);
        SignedRequest s = signStreaming(mode, ChecksumAlgorithm.CRC32, 8192, body);
        SigV4Verifier max8192 = SigV4Verifier.create(SigningConfig.builder().region(REGION).service("s3")
                .option(SigV4Options.MAX_CHUNK_SIZE, 8192).build());
        assertArrayEquals(body, decode(max8192, s.request(), encode(s)));
        SigV4Verifier max8191 = SigV4Verifier.create(SigningConfig.builder().region(REGION).service("s3")
                .option(SigV4Options.MAX_CHUNK_SIZE, 8191).build());
        AwsChunkedException e = decodeFails(max8191, s.request(), encode(s));
        assertEquals(AuthError.INVALID_REQUEST, e.error());
        assertTrue(e.getMessage().contains("8191"), e.getMessage());
    }

    private static String replaceValue(String text, String prefix, String value) {
        int at = text.indexOf(prefix) + prefix.length();
        int end = text.indexOf("\r\n", at);
        return text.substring(0, at) + value + text.substring(end);
    }

    /** A 63- or 65-digit signature (one digit short or long) is never a match. */
    @Test
    void aTrailerOrChunkSignatureOfTheWrongLengthIsRefused() throws IOException {
        SignedRequest s = signStreaming(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32, 8192,
                data(100));
        String text = new String(encode(s), StandardCharsets.ISO_8859_1);
        String sigLine = "x-amz-trailer-signature:";
        int at = text.indexOf(sigLine) + sigLine.length();
        String trailerSig = text.substring(at, at + 64);
        SigV4Verifier v = verifier("s3");
        assertArrayEquals(data(100), decode(v, s.request(), text.getBytes(StandardCharsets.ISO_8859_1)));
        for (String bad : new String[] {trailerSig.substring(0, 63), trailerSig + "0", trailerSig.toUpperCase()
                .substring(0, 63)}) {
            AwsChunkedException e = decodeFails(v, s.request(), replaceValue(text, sigLine, bad)
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error(), bad);
        }
        // the trailer signature in upper-case hex is the same signature
        assertArrayEquals(data(100), decode(v, s.request(), replaceValue(text, sigLine, trailerSig.toUpperCase())
                .getBytes(StandardCharsets.ISO_8859_1)));

        String chunkSig = ";chunk-signature=";
        int c = text.indexOf(chunkSig) + chunkSig.length();
        String first = text.substring(c, c + 64);
        for (String bad : new String[] {first.substring(0, 63), first + "a"}) {
            AwsChunkedException e = decodeFails(v, s.request(), replaceValue(text, chunkSig, bad)
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(AuthError.INCOMPLETE_BODY, e.error(), bad);
        }
        assertArrayEquals(data(100), decode(v, s.request(), replaceValue(text, chunkSig, first.toUpperCase())
                .getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String jdkChecksum(ChecksumAlgorithm algorithm, byte[] data) throws NoSuchAlgorithmException {
        switch (algorithm) {
            case CRC32: {
                CRC32 c = new CRC32();
                c.update(data);
                return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) c.getValue())
                        .array());
            }
            case CRC32C: {
                CRC32C c = new CRC32C();
                c.update(data);
                return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) c.getValue())
                        .array());
            }
            case SHA1:
                return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(data));
            case CRC64NVME:
                return Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(8).putLong(crc64NvmeBitwise(data))
                        .array());
            default:
                return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        }
    }

    /**
     * CRC-64/NVME one bit at a time (reflected polynomial 0x9a6c9329ac4bc9b5, initial value and final
     * xor all ones), independent of the module's table-driven implementation.
     */
    private static long crc64NvmeBitwise(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xffL;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9a6c9329ac4bc9b5L : crc >>> 1;
            }
        }
        return ~crc;
    }

    @Test
    void theBitwiseCrc64NvmeOracleHasTheCatalogueCheckValue() {
        assertEquals(0xae8b14860a799888L, crc64NvmeBitwise("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * In the unsigned-trailer mode the trailer checksum is the body's only integrity check. The
     * body here is framed by hand (two data chunks) and its checksum computed by the JDK: the
     * verifier accepts it, and refuses the same body with the checksum of the empty body, of the
     * first chunk only, or of the data with one bit changed.
     */
    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void theUnsignedTrailerChecksumCoversEveryChunk(ChecksumAlgorithm algorithm) throws Exception {
        byte[] body = data(300);
        SignedRequest s = signStreaming(PayloadSigning.STREAMING_UNSIGNED_TRAILER, algorithm, 200, body);
        String name = algorithm.headerName();
        String expected = jdkChecksum(algorithm, body);
        assertEquals(expected, runningOf(algorithm, body));
        assertTrue(new String(encode(s), StandardCharsets.ISO_8859_1).contains("\r\n" + name + ":" + expected + "\r\n"),
                "the signer's trailer carries the JDK's checksum");

        for (String checksum : new String[] {expected, jdkChecksum(algorithm, new byte[0]),
            jdkChecksum(algorithm, java.util.Arrays.copyOf(body, 200)), flipped(algorithm, body)}) {
            ByteArrayOutputStream framed = new ByteArrayOutputStream();
            framed.writeBytes("c8\r\n".getBytes(StandardCharsets.US_ASCII));
            framed.write(body, 0, 200);
            framed.writeBytes("\r\n64\r\n".getBytes(StandardCharsets.US_ASCII));
            framed.write(body, 200, 100);
            framed.writeBytes(("\r\n0\r\n" + name + ":" + checksum + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            if (checksum.equals(expected)) {
                assertArrayEquals(body, decode(verifier("s3"), s.request(), framed.toByteArray()));
            } else {
                AwsChunkedException e = decodeFails(verifier("s3"), s.request(), framed.toByteArray());
                assertEquals(AuthError.BAD_DIGEST, e.error(), checksum);
            }
        }
    }

    /**
     * The framing of an unsigned-trailer body, each way wrong alone (the body framed by hand, its
     * checksum from the JDK): chunk data not followed by CRLF, more data than
     * x-amz-decoded-content-length, a trailer without the declared checksum or repeating it.
     */
    @Test
    void eachFramingFlawOfAnUnsignedTrailerBodyIsNamed() throws Exception {
        byte[] body = data(300);
        SignedRequest s = signStreaming(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32, 200, body);
        String trailer = "x-amz-checksum-crc32:" + jdkChecksum(ChecksumAlgorithm.CRC32, body) + "\r\n";
        String[][] cases = {
            {"c8", "XX64", trailer, "INCOMPLETE_BODY", "not followed by CRLF"},
            {"c8", "\r\n65", trailer, "INCOMPLETE_BODY", "longer than x-amz-decoded-content-length"},
            {"c8", "\r\n64", "", "INCOMPLETE_BODY", "has no x-amz-checksum-crc32"},
            {"c8", "\r\n64", trailer + trailer, "INVALID_REQUEST", "repeats x-amz-checksum-crc32"},
        };
        for (String[] c : cases) {
            ByteArrayOutputStream framed = new ByteArrayOutputStream();
            framed.writeBytes((c[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
            framed.write(body, 0, 200);
            framed.writeBytes((c[1] + "\r\n").getBytes(StandardCharsets.US_ASCII));
            framed.write(body, 200, 100);
            if (c[1].endsWith("65")) {
                framed.write('!');
            }
            framed.writeBytes(("\r\n0\r\n" + c[2] + "\r\n").getBytes(StandardCharsets.US_ASCII));
            AwsChunkedException e = decodeFails(verifier("s3"), s.request(), framed.toByteArray());
            assertEquals(AuthError.valueOf(c[3]), e.error(), c[4]);
            assertTrue(e.getMessage().contains(c[4]), e.getMessage());
        }
    }

    /** A signed trailer must carry its x-amz-trailer-signature exactly once. */
    @Test
    void aSignedTrailerWithoutOrWithTwoSignaturesIsRefused() throws IOException {
        SignedRequest s = signStreaming(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32, 8192,
                data(100));
        String text = new String(encode(s), StandardCharsets.ISO_8859_1);
        int at = text.indexOf("x-amz-trailer-signature:");
        String sigLine = text.substring(at, text.indexOf("\r\n", at) + 2);
        String none = text.replace(sigLine, "");
        AwsChunkedException missing = decodeFails(verifier("s3"), s.request(), none.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(AuthError.INCOMPLETE_BODY, missing.error());
        assertTrue(missing.getMessage().contains("has no x-amz-trailer-signature"), missing.getMessage());
        String twice = text.replace(sigLine, sigLine + sigLine);
        AwsChunkedException repeated = decodeFails(verifier("s3"), s.request(),
                twice.getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(AuthError.INVALID_REQUEST, repeated.error());
        assertTrue(repeated.getMessage().contains("repeats x-amz-trailer-signature"), repeated.getMessage());
    }

    private static String runningOf(ChecksumAlgorithm algorithm, byte[] body) {
        ChecksumAlgorithm.Running r = algorithm.newRunning();
        r.update(body, 0, 7);
        r.update(body, 7, body.length - 7);
        return r.base64();
    }

    private static String flipped(ChecksumAlgorithm algorithm, byte[] body) throws NoSuchAlgorithmException {
        byte[] b = body.clone();
        b[250] ^= 1;
        String f = jdkChecksum(algorithm, b);
        assertNotEquals(jdkChecksum(algorithm, body), f);
        return f;
    }

    @Test
    void checksumAlgorithmsKnowTheirHeaderNamesInAnyAsciiCase() {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            assertEquals(a, ChecksumAlgorithm.fromHeaderName(a.headerName().toUpperCase(java.util.Locale.ROOT)));
            assertEquals(a, ChecksumAlgorithm.fromHeaderName(a.headerName()));
            assertEquals(a.base64Length(), Base64.getEncoder().encodeToString(new byte[
                    a == ChecksumAlgorithm.SHA1 ? 20 : a == ChecksumAlgorithm.SHA256 ? 32
                    : a == ChecksumAlgorithm.CRC64NVME ? 8 : 4]).length());
        }
        assertEquals(null, ChecksumAlgorithm.fromHeaderName(null));
        assertEquals(null, ChecksumAlgorithm.fromHeaderName("x-amz-checksum-md5"));
        assertEquals(null, ChecksumAlgorithm.fromHeaderName("x-amz-check\u017fum-crc32"));
    }

    /**
     * A streaming request whose x-amz-trailer names no supported checksum is refused before the
     * body: the request is signed by the JDK oracle, so that the seed signature matches.
     */
    @Test
    void aTrailerModeWithoutAKnownChecksumHeaderIsRefused() {
        for (String trailer : new String[] {"x-amz-checksum-md5", "x-amz-checksum-crc64", " x-amz-checksum-sha1 "}) {
            String canonical = "PUT\n/k\n\nhost:bucket.s3.eu-west-1.amazonaws.com\n"
                    + "x-amz-content-sha256:STREAMING-UNSIGNED-PAYLOAD-TRAILER\nx-amz-date:" + AMZ_DATE + "\n"
                    + "x-amz-decoded-content-length:0\nx-amz-trailer:" + trailer.trim() + "\n\n"
                    + "host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-trailer\n"
                    + "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
            SignableRequest r = SignableRequest.builder().method("PUT").uri("https://bucket.s3.eu-west-1.amazonaws.com/k")
                    .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                    .header("x-amz-date", AMZ_DATE)
                    .header("x-amz-decoded-content-length", "0")
                    .header("x-amz-trailer", trailer)
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + ID + "/20240301/" + REGION
                            + "/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;"
                            + "x-amz-decoded-content-length;x-amz-trailer, Signature="
                            + JdkSigV4.signature(SECRET, AMZ_DATE, REGION, "s3", canonical))
                    .build();
            byte[] body = ("0\r\nx-amz-checksum-sha1:" + Base64.getEncoder().encodeToString(sha1(new byte[0]))
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            if (trailer.trim().equals("x-amz-checksum-sha1")) {
                // the trimmed name is a supported one
                assertArrayEquals(new byte[0], decodeChecked(r, body));
                continue;
            }
            VerificationException e = assertThrows(VerificationException.class, () -> verifier("s3")
                    .verifyStreaming(r, SECRETS, NOW, new ByteArrayInputStream(body)));
            assertEquals(AuthError.INVALID_REQUEST, e.error());
            assertTrue(e.getMessage().contains("x-amz-trailer"), e.getMessage());
        }
    }

    private static byte[] decodeChecked(SignableRequest r, byte[] body) {
        try {
            return decode(verifier("s3"), r, body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
