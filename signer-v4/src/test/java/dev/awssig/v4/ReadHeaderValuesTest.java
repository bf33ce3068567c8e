package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import dev.awssig.v4.support.HandSigned;
import dev.awssig.v4.support.JdkSigV4;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * The header values the verifier reads for itself (x-amz-date, Date, x-amz-content-sha256,
 * x-amz-decoded-content-length, x-amz-trailer, Content-Length) are read as their trimmed text,
 * as the canonical request holds them; and what each decides when it is missing, unreadable or
 * at an edge. Requests are signed by the JDK oracle ({@link HandSigned}); bodies are framed by
 * hand with {@link CRC32} checksums.
 */
class ReadHeaderValuesTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final String AMZ_DATE = HandSigned.AMZ_DATE;
    private static final SecretLookup SECRETS = SecretLookup.of(Credentials.of(HandSigned.ID, HandSigned.SECRET));
    private static final String S3_HOST = "bucket.s3.eu-west-1.amazonaws.com";
    private static final String EMPTY_SHA = JdkSigV4.sha256Hex(new byte[0]);

    private static SigV4Verifier verifier(String service) {
        return SigV4Verifier.create(SigningConfig.builder().region(HandSigned.REGION).service(service).build());
    }

    private static void assertRefused(AuthError error, String messagePart, String what, VerificationResult r) {
        assertFalse(r.isValid(), () -> what + ": expected " + error.code() + " but the request was accepted");
        assertEquals(error, r.error().orElseThrow(), () -> what + ": " + r);
        assertTrue(r.message().contains(messagePart), () -> what + ": expected [" + messagePart + "] in: "
                + r.message());
    }

    /** x-amz-date with whitespace around it: the date read and the date signed are the trimmed text. */
    @Test
    void xAmzDateIsReadTrimmed() {
        for (String spaced : new String[] {" " + AMZ_DATE, AMZ_DATE + " ", "\t" + AMZ_DATE + "  "}) {
            HandSigned h = HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam").header("x-amz-date", spaced)
                    .payloadHash(EMPTY_SHA);
            VerificationResult r = verifier("iam").verify(h.build(), SECRETS, NOW);
            assertTrue(r.isValid(), () -> "[" + spaced + "]: " + r);
            assertEquals(h.canonicalRequest(), r.canonicalRequest().orElseThrow());
            assertEquals(JdkSigV4.stringToSign(AMZ_DATE, HandSigned.REGION, "iam", h.canonicalRequest()),
                    r.stringToSign().orElseThrow());
        }
    }

    /**
     * A request with an x-amz-date is dated by it alone: an unreadable x-amz-date is refused even
     * when a good Date header comes with it; without x-amz-date the Date header dates it.
     */
    @Test
    void anUnreadableXAmzDateIsNotReplacedByTheDateHeader() {
        String httpDate = "Fri, 01 Mar 2024 10:20:30 GMT";
        for (String bad : new String[] {"20240301T102030", "2024-03-01T10:20:30Z", "x", "20240301T102030Z0"}) {
            SignableRequest r = HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam")
                    .header("x-amz-date", bad).header("date", httpDate).payloadHash(EMPTY_SHA).build();
            assertRefused(AuthError.ACCESS_DENIED, "requires a valid Date or x-amz-date header", bad,
                    verifier("iam").verify(r, SECRETS, NOW));
        }
        // the Date header alone dates the request, as the amz date of its string to sign
        HandSigned byDate = HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam").header("date", httpDate)
                .payloadHash(EMPTY_SHA);
        VerificationResult ok = verifier("iam").verify(byDate.build(), SECRETS, NOW);
        assertTrue(ok.isValid(), ok::toString);
        assertEquals(JdkSigV4.stringToSign(AMZ_DATE, HandSigned.REGION, "iam", byDate.canonicalRequest()),
                ok.stringToSign().orElseThrow());
        // no date at all, and a Date header that is not one
        assertRefused(AuthError.ACCESS_DENIED, "requires a valid Date or x-amz-date header", "no date",
                verifier("iam").verify(HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam")
                        .payloadHash(EMPTY_SHA).build(), SECRETS, NOW));
        assertRefused(AuthError.ACCESS_DENIED, "requires a valid Date or x-amz-date header", "bad Date",
                verifier("iam").verify(HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam")
                        .header("date", "01 Mar 2024 10:20:30").payloadHash(EMPTY_SHA).build(), SECRETS, NOW));
    }

    private static HandSigned s3Put(String contentSha) {
        return HandSigned.request("PUT", S3_HOST, "/k", null, "s3").header("x-amz-date", AMZ_DATE)
                .header("x-amz-content-sha256", contentSha).payloadHash(contentSha.trim());
    }

    /**
     * x-amz-content-sha256 with whitespace around it is its trimmed text: the payload hash signed,
     * the mode it names, and the hash compared with the body.
     */
    @Test
    void xAmzContentSha256IsReadTrimmed() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        String sha = JdkSigV4.sha256Hex(body);
        for (String spaced : new String[] {" " + sha, sha + " ", "\t" + sha + " "}) {
            HandSigned h = s3Put(spaced);
            VerificationResult ok = verifier("s3").verify(h.build().toBuilder().payload(Payload.ofBytes(body)).build(),
                    SECRETS, NOW);
            assertTrue(ok.isValid(), () -> "[" + spaced + "]: " + ok);
            assertEquals(h.canonicalRequest(), ok.canonicalRequest().orElseThrow());
            assertRefused(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, "does not match what was computed", spaced,
                    verifier("s3").verify(h.build().toBuilder().payload(Payload.ofBytes(new byte[] {1})).build(),
                            SECRETS, NOW));
        }
        for (String spaced : new String[] {" UNSIGNED-PAYLOAD", "UNSIGNED-PAYLOAD\t"}) {
            VerificationResult ok = verifier("s3").verify(s3Put(spaced).build().toBuilder()
                    .payload(Payload.ofBytes(body)).build(), SECRETS, NOW);
            assertTrue(ok.isValid(), () -> "[" + spaced + "]: " + ok);
        }
        // a streaming mode with spaces is still a streaming mode: not for verify
        assertRefused(AuthError.INVALID_REQUEST, "verify it with SigV4Verifier.verifyStreaming", "streaming",
                verifier("s3").verify(s3Put(" STREAMING-AWS4-HMAC-SHA256-PAYLOAD ").build(), SECRETS, NOW));
    }

    // ------------------------------------------------------------------ aws-chunked

    private static byte[] unsignedTrailerBody(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        String b64 = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(("\r\n0\r\nx-amz-checksum-crc32:" + b64 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static HandSigned unsignedTrailer(String decodedLength, String trailer) {
        return s3Put("STREAMING-UNSIGNED-PAYLOAD-TRAILER").header("x-amz-decoded-content-length", decodedLength)
                .header("x-amz-trailer", trailer);
    }

    /**
     * x-amz-decoded-content-length, x-amz-trailer and Content-Length with whitespace around them
     * are read as their trimmed text.
     */
    @Test
    void theStreamingHeadersAreReadTrimmed() throws IOException {
        byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
        byte[] body = unsignedTrailerBody(data);
        for (String[] v : new String[][] {{" 11", "x-amz-checksum-crc32 ", " " + body.length},
            {"11\t", "\tx-amz-checksum-crc32", body.length + " "}, {" 11 ", " X-Amz-Checksum-CRC32 ", "\t"
                + body.length + "\t"}}) {
            SignableRequest r = unsignedTrailer(v[0], v[1]).build().toBuilder().header("Content-Length", v[2]).build();
            try (InputStream in = verifier("s3").verifyStreaming(r, SECRETS, NOW, new ByteArrayInputStream(body))) {
                assertArrayEquals(data, in.readAllBytes(), String.join("|", v));
            }
        }
    }

    /**
     * Content-Length 0 on an aws-chunked upload is a number the header check accepts (it is not
     * negative); the body is then found short when it is read: IncompleteBody from the stream,
     * not an exception from verifyStreaming. A negative or non-decimal Content-Length is refused
     * by verifyStreaming itself.
     */
    @Test
    void aZeroContentLengthIsFoundShortWhenTheBodyIsRead() {
        byte[] body = unsignedTrailerBody("hello world".getBytes(StandardCharsets.US_ASCII));
        SignableRequest zero = unsignedTrailer("11", "x-amz-checksum-crc32").build().toBuilder()
                .header("Content-Length", "0").build();
        InputStream in = verifier("s3").verifyStreaming(zero, SECRETS, NOW, new ByteArrayInputStream(body));
        AwsChunkedException e = assertThrows(AwsChunkedException.class, in::readAllBytes);
        assertEquals(AuthError.INCOMPLETE_BODY, e.error(), e::getMessage);
        for (String bad : new String[] {"-1", "x", "+11", "1 1", ""}) {
            SignableRequest r = unsignedTrailer("11", "x-amz-checksum-crc32").build().toBuilder()
                    .header("Content-Length", bad).build();
            VerificationException v = assertThrows(VerificationException.class, () -> verifier("s3")
                    .verifyStreaming(r, SECRETS, NOW, new ByteArrayInputStream(body)), bad);
            assertEquals(AuthError.INVALID_ARGUMENT, v.error(), v::getMessage);
            assertTrue(v.getMessage().contains("Content-Length must be a non-negative decimal number"),
                    v::getMessage);
        }
        // a decoded length of 0 is a length; an empty body of that length decodes to nothing
        SignableRequest empty = unsignedTrailer("0", "x-amz-checksum-crc32").build();
        byte[] emptyBody = ("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertDecodes(new byte[0], empty, emptyBody);
    }

    private static void assertDecodes(byte[] expected, SignableRequest r, byte[] body) {
        try (InputStream in = verifier("s3").verifyStreaming(r, SECRETS, NOW, new ByteArrayInputStream(body))) {
            assertArrayEquals(expected, in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Repeated, each header the streaming check reads is ambiguous, and refused naming it. */
    @Test
    void aRepeatedStreamingHeaderIsRefusedNamingIt() {
        byte[] body = unsignedTrailerBody("hello world".getBytes(StandardCharsets.US_ASCII));
        // Content-Length is not signed: sent twice, it is named
        SignableRequest twoLengths = unsignedTrailer("11", "x-amz-checksum-crc32").build().toBuilder()
                .header("Content-Length", Integer.toString(body.length))
                .header("Content-Length", Integer.toString(body.length)).build();
        assertStreamingRefused(AuthError.INVALID_ARGUMENT, "more than one content-length", twoLengths, body);
        // the signed ones, signed twice (the canonical request joins the values): named as well
        HandSigned twoDecoded = s3Put("STREAMING-UNSIGNED-PAYLOAD-TRAILER").header("x-amz-decoded-content-length", "11")
                .header("x-amz-decoded-content-length", "11").header("x-amz-trailer", "x-amz-checksum-crc32");
        assertStreamingRefused(AuthError.INVALID_ARGUMENT, "more than one x-amz-decoded-content-length",
                twoDecoded.build(), body);
        HandSigned twoTrailers = s3Put("STREAMING-UNSIGNED-PAYLOAD-TRAILER").header("x-amz-decoded-content-length", "11")
                .header("x-amz-trailer", "x-amz-checksum-crc32").header("x-amz-trailer", "x-amz-checksum-crc32");
        assertStreamingRefused(AuthError.INVALID_ARGUMENT, "more than one x-amz-trailer", twoTrailers.build(), body);
    }

    private static void assertStreamingRefused(AuthError error, String messagePart, SignableRequest r, byte[] body) {
        VerificationException v = assertThrows(VerificationException.class, () -> verifier("s3")
                .verifyStreaming(r, SECRETS, NOW, new ByteArrayInputStream(body)), messagePart);
        assertEquals(error, v.error(), v::getMessage);
        assertTrue(v.getMessage().contains(messagePart), () -> "expected [" + messagePart + "] in: " + v.getMessage());
    }

    // ------------------------------------------------------------------ the signed-headers list

    /**
     * A signed-headers list of many one-letter names (the densest list there is: one name per two
     * characters), verified on a thread that has verified nothing before, so every array that
     * holds the names must be sized for them; names the request lacks are canonically empty.
     */
    @Test
    void aListOfManyOneLetterNamesIsReadOnAFreshThread() throws Exception {
        HandSigned h = HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam").header("x-amz-date", AMZ_DATE)
                .payloadHash(EMPTY_SHA);
        for (char c = 'a'; c <= 'z'; c++) {
            h.header(String.valueOf(c), "v" + c);
        }
        SignableRequest r = h.build();
        AtomicReference<VerificationResult> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(verifier("iam").verify(r, SECRETS, NOW)));
        t.start();
        t.join();
        assertTrue(result.get().isValid(), String.valueOf(result.get()));
        assertEquals(h.canonicalRequest(), result.get().canonicalRequest().orElseThrow());

        // the same list where the request carries none of the letters: each is "x:" in the canonical request
        java.util.TreeMap<String, String> signed = new java.util.TreeMap<>();
        for (char c = 'a'; c <= 'z'; c++) {
            signed.put(String.valueOf(c), "");
        }
        signed.put("host", "iam.amazonaws.com");
        signed.put("x-amz-date", AMZ_DATE);
        String list = String.join(";", signed.keySet());
        StringBuilder lines = new StringBuilder();
        signed.forEach((n, v) -> lines.append(n).append(':').append(v).append('\n'));
        String canonical = "GET\n/\n\n" + lines + "\n" + list + "\n" + EMPTY_SHA;
        String sig = JdkSigV4.signature(HandSigned.SECRET, AMZ_DATE, HandSigned.REGION, "iam", canonical);
        SignableRequest bare = SignableRequest.builder().method("GET").uri("https://iam.amazonaws.com/")
                .header("X-Amz-Date", AMZ_DATE).header("Authorization", "AWS4-HMAC-SHA256 Credential=" + HandSigned.ID
                        + "/20240301/" + HandSigned.REGION + "/iam/aws4_request, SignedHeaders=" + list + ", Signature="
                        + sig).build();
        Thread t2 = new Thread(() -> result.set(verifier("iam").verify(bare, SECRETS, NOW)));
        t2.start();
        t2.join();
        assertTrue(result.get().isValid(), String.valueOf(result.get()));
        assertEquals(canonical, result.get().canonicalRequest().orElseThrow());
    }

    /**
     * A signed name that only starts like {@code host} is not the host: the request lacks it, so
     * it is canonically empty, and the host is the request's.
     */
    @Test
    void aSignedNameThatStartsWithHostIsNotTheHost() {
        for (String name : new String[] {"hos", "hostname", "host-x", "hosu"}) {
            String list = name.compareTo("host") < 0 ? name + ";host;x-amz-date" : "host;" + name + ";x-amz-date";
            String hostLine = "host:iam.amazonaws.com\n";
            String lines = name.compareTo("host") < 0 ? name + ":\n" + hostLine : hostLine + name + ":\n";
            String canonical = "GET\n/\n\n" + lines + "x-amz-date:" + AMZ_DATE + "\n\n" + list + "\n" + EMPTY_SHA;
            String sig = JdkSigV4.signature(HandSigned.SECRET, AMZ_DATE, HandSigned.REGION, "iam", canonical);
            SignableRequest r = SignableRequest.builder().method("GET").uri("https://iam.amazonaws.com/")
                    .header("X-Amz-Date", AMZ_DATE).header("Authorization", "AWS4-HMAC-SHA256 Credential="
                            + HandSigned.ID + "/20240301/" + HandSigned.REGION + "/iam/aws4_request, SignedHeaders="
                            + list + ", Signature=" + sig).build();
            VerificationResult v = verifier("iam").verify(r, SECRETS, NOW);
            assertTrue(v.isValid(), () -> name + ": " + v);
            assertEquals(canonical, v.canonicalRequest().orElseThrow());
        }
    }

    /**
     * The densest signed list without host: 36 one-character names (letters and digits), on a
     * fresh thread, are all read before the missing host is named.
     */
    @Test
    void aDenseListWithoutHostIsReadBeforeHostIsNamed() throws Exception {
        StringBuilder list = new StringBuilder();
        for (char c : "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray()) {
            list.append(list.length() == 0 ? "" : ";").append(c);
        }
        SignableRequest r = SignableRequest.builder().method("GET").uri("https://iam.amazonaws.com/")
                .header("X-Amz-Date", AMZ_DATE).header("Authorization", "AWS4-HMAC-SHA256 Credential=" + HandSigned.ID
                        + "/20240301/" + HandSigned.REGION + "/iam/aws4_request, SignedHeaders=" + list
                        + ", Signature=" + "0".repeat(64)).build();
        AtomicReference<VerificationResult> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(verifier("iam").verify(r, SECRETS, NOW)));
        t.start();
        t.join();
        assertRefused(AuthError.ACCESS_DENIED, "must be signed): host, x-amz-date", "36 names", result.get());
    }

    /**
     * A configured skew with a fraction of a second is compared to the nanosecond, also when the
     * server's clock has a fraction and the request's date has none: 900.2 s ahead is within
     * 900.3 s, 900.4 s ahead is not; the same behind.
     */
    @Test
    void aSkewWithAFractionOfASecondIsComparedToTheNanosecond() {
        SigV4Verifier v = SigV4Verifier.create(SigningConfig.builder().region(HandSigned.REGION).service("iam")
                .option(SigV4Options.MAX_CLOCK_SKEW, java.time.Duration.ofMillis(900_300)).build());
        SignableRequest r = HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam").header("x-amz-date", AMZ_DATE)
                .payloadHash(EMPTY_SHA).build();
        for (long millis : new long[] {900_200, 900_300, -900_200, -900_300, 200, -800}) {
            VerificationResult ok = v.verify(r, SECRETS, NOW.minusMillis(millis));
            assertTrue(ok.isValid(), () -> millis + ": " + ok);
        }
        for (long millis : new long[] {900_400, 900_301, -900_400, -900_301}) {
            assertRefused(AuthError.REQUEST_TIME_TOO_SKEWED, "is too large", Long.toString(millis),
                    v.verify(r, SECRETS, NOW.minusMillis(millis)));
        }
    }

    /**
     * A signed header whose value is empty, dropped on the way (proxies drop empty headers): its
     * line in the canonical request is {@code name:}, as the client signed it, and the request
     * verifies; the received header that sorts after it is not taken in its place.
     */
    @Test
    void aSignedEmptyHeaderDroppedOnTheWayStillVerifies() {
        HandSigned h = HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam").header("x-amz-date", AMZ_DATE)
                .header("x-empty", "").header("zz-after", "value").payloadHash(EMPTY_SHA);
        SignableRequest sent = h.build();
        SignableRequest received = sent.toBuilder().removeHeader("x-empty").build();
        assertFalse(received.headers().contains("x-empty"));
        VerificationResult r = verifier("iam").verify(received, SECRETS, NOW);
        assertTrue(r.isValid(), r::toString);
        assertTrue(h.canonicalRequest().contains("\nx-empty:\nzz-after:value\n"), h.canonicalRequest());
        assertEquals(h.canonicalRequest(), r.canonicalRequest().orElseThrow());
    }
}
