package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * Randomized mutations of valid signed requests (header-signed for S3 and another service,
 * presigned with a session token, aws-chunked with a signed trailer): whatever a mutation does,
 * the verifier answers (a result, or for a body a {@link VerificationException} /
 * {@link AwsChunkedException}; never another exception), and a mutation that changes what was
 * signed never verifies. Mutations change one character (never into whitespace or its other ASCII
 * case, which canonicalization may legitimately fold), delete or insert one (hostile pieces: non-ASCII
 * digits, stray escapes, lone surrogates, huge numbers, repeated parameters), drop or repeat a
 * signed header, add an x-amz-* header, change the method or the body (never by a leading zero
 * of an aws-chunked chunk size: {@code 0e20} is {@code e20} in HTTP's chunk syntax, and the size
 * is not signed). The seed is logged; {@code -Dawssig.seed=N} replays,
 * {@code -Dawssig.mutation.count=N} changes the count.
 */
class VerifierMutationTest {
    private static final Logger LOG = LoggerFactory.getLogger(VerifierMutationTest.class);
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjE/session+token==");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final SigV4Verifier VERIFIER = SigV4Verifier.create(SigningConfig.builder().build());
    /** Replacement characters: ASCII that matters to parsers, and look-alikes that must not. */
    private static final String SUBSTITUTES = "aZ09%/+?=&;:,.-_~*'()!$@\"\\#[]{}<>|^`"
            + "\u0660\u0661\u0666\uff10\uff11\uff21\u00e9\u017f\u212a\ud800\udc00\ufffd";
    /**
     * Pieces inserted: escapes, hostile digits, huge numbers, auth parameters, lone surrogates.
     * Not "=", "," or "/..": inserted at some places they make an equivalent request ("acl=" is
     * "acl", an empty Authorization component is skipped, "/../a" is "/a" once normalised).
     */
    private static final String[] INSERTS = {"%", "%2", "%G1", "%41", "%2F", "%\u0666\u0661", "%\uff13\uff13",
        "\u0661", "+", "X-Amz-Signature=0", "&X-Amz-Credential=a", "&X-Amz-%53ignature=1", "&x", "99999999999999999999",
        "-1", ";", ",Signature=", ", Credential=x", "\ud800", "\udfff", "\ud83d\ude00", "\u00e9", "0x", "\uff10",
        "\u017f"};
    private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "HEAD", "put", "PATCH"};

    /** One mutated request and what was changed. */
    private static final class Mutant {
        final String what;
        final SignableRequest request;

        Mutant(String what, SignableRequest request) {
            this.what = what;
            this.request = request;
        }
    }

    private static SigningConfig.Builder cfg(String service) {
        return SigningConfig.builder().credentials(CREDS).region("eu-west-1").service(service)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<SignableRequest> bases() {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
        List<SignableRequest> out = new ArrayList<>();
        out.add(SigV4Signer.create(cfg("s3").build()).sign(SignableRequest.builder().method("PUT")
                .uri("https://bucket.s3.eu-west-1.amazonaws.com/photos/my%20cat+dog.jpg?versionId=3&acl&prefix=a%2Fb")
                .header("Content-Type", "image/jpeg").header("x-amz-meta-owner", "Jane Doe")
                .header("x-amz-meta-n", "0042").payload(Payload.ofBytes(body)).build()).request());
        out.add(SigV4Signer.create(cfg("iam").build()).sign(SignableRequest.builder().method("POST")
                .uri("https://iam.amazonaws.com/items/a.b/c?Action=ListUsers&Version=2010-05-08")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .payload(Payload.ofBytes("Action=ListUsers".getBytes(StandardCharsets.UTF_8))).build()).request());
        PresignedUrl url = SigV4Signer.create(cfg("s3").build()).presign(SignableRequest.builder().method("GET")
                .uri("https://bucket.s3.eu-west-1.amazonaws.com/k%C3%A9y.txt?response-content-type=text%2Fplain")
                .header("Range", "bytes=0-9").build(), Duration.ofMinutes(10));
        out.add(SignableRequest.builder().method("GET").uri(url.url()).headers(url.signedHeaders()).build());
        return out;
    }

    @Test
    void mutatedSignedRequestsNeverVerifyAndNeverThrow() {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        int count = Integer.getInteger("awssig.mutation.count", 3000);
        LOG.info("VerifierMutationTest: seed={} count={} (replay with -Dawssig.seed={})", seed, count, seed);
        System.out.println("VerifierMutationTest seed=" + seed + " count=" + count);
        Random rnd = new Random(seed);
        List<SignableRequest> bases = bases();
        for (SignableRequest base : bases) {
            assertTrue(VERIFIER.verify(base, SECRETS, NOW).isValid(), "the unmutated request verifies");
        }
        int answered = 0;
        int[] codes = new int[AuthError.values().length];
        for (int i = 0; i < count; i++) {
            SignableRequest base = bases.get(rnd.nextInt(bases.size()));
            Mutant m = mutate(base, rnd, base.rawQuery().orElse("").contains("X-Amz-Signature="));
            if (m == null) {
                continue; // the mutation made something the request builder itself refuses
            }
            VerificationResult r;
            try {
                r = VERIFIER.verify(m.request, SECRETS, NOW);
            } catch (Throwable t) {
                throw new AssertionError("case " + i + " of seed " + seed + ": verify threw for " + m.what, t);
            }
            if (r.isValid()) {
                fail("case " + i + " of seed " + seed + ": a mutated request verified: " + m.what + "\n"
                        + r.canonicalRequest().orElse(""));
            }
            codes[r.error().orElseThrow().ordinal()]++;
            answered++;
        }
        LOG.info("VerifierMutationTest: {} mutated requests refused; codes {}", answered, java.util.Arrays.toString(codes));
        assertTrue(answered > count / 2, "most mutations make a request: " + answered);
    }

    @Test
    void mutatedAwsChunkedBodiesNeverDecodeAndNeverThrowAnythingElse() throws IOException {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        int count = Integer.getInteger("awssig.mutation.count", 3000) / 3;
        LOG.info("VerifierMutationTest (aws-chunked): seed={} count={}", seed, count);
        System.out.println("VerifierMutationTest aws-chunked seed=" + seed + " count=" + count);
        Random rnd = new Random(seed);
        byte[] data = new byte[20_000];
        rnd.nextBytes(data);
        List<SignedRequest> signed = new ArrayList<>();
        for (PayloadSigning mode : new PayloadSigning[] {PayloadSigning.STREAMING_SIGNED,
            PayloadSigning.STREAMING_SIGNED_TRAILER, PayloadSigning.STREAMING_UNSIGNED_TRAILER}) {
            // Content-Length unsigned, so that a body without it (Transfer-Encoding) is tried too
            signed.add(SigV4Signer.create(cfg("s3").option(SigV4Options.PAYLOAD_SIGNING, mode)
                    .option(SigV4Options.SIGNED_HEADERS, SignedHeadersPolicy.excluding("content-length"))
                    .option(SigV4Options.CHUNK_SIZE, 8192).option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.SHA256)
                    .build()).sign(SignableRequest.builder().method("PUT")
                    .uri("https://bucket.s3.eu-west-1.amazonaws.com/big").payload(Payload.ofBytes(data)).build()));
        }
        for (int i = 0; i < count; i++) {
            SignedRequest s = signed.get(rnd.nextInt(signed.size()));
            byte[] encoded;
            try (InputStream in = s.request().payload().openStream()) {
                encoded = in.readAllBytes();
            }
            SignableRequest request = s.request();
            String what;
            if (rnd.nextInt(4) == 0) {
                Mutant m = mutateHeaders(request, rnd);
                if (m == null) {
                    continue;
                }
                request = m.request;
                what = m.what;
            } else {
                byte[] before = encoded;
                encoded = mutateBytes(encoded, rnd);
                what = "body bytes " + difference(before, encoded);
                if (rnd.nextBoolean()) { // also as a body framed by Transfer-Encoding (no Content-Length)
                    request = request.toBuilder().removeHeader("Content-Length").build();
                    what += " without Content-Length";
                }
            }
            try {
                InputStream in = VERIFIER.verifyStreaming(request, SECRETS, NOW, new ByteArrayInputStream(encoded));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                fail("case " + i + " of seed " + seed + ": a mutated aws-chunked request decoded: " + what);
            } catch (VerificationException | AwsChunkedException expected) {
                assertTrue(expected instanceof VerificationException
                        ? !((VerificationException) expected).result().isValid()
                        : !((AwsChunkedException) expected).result().isValid());
            } catch (Throwable t) {
                throw new AssertionError("case " + i + " of seed " + seed + ": threw for " + what, t);
            }
        }
    }

    // ------------------------------------------------------------------ mutations

    private static Mutant mutate(SignableRequest r, Random rnd, boolean presigned) {
        try {
            switch (rnd.nextInt(presigned ? 7 : 9)) {
                case 0:
                    return path(r, rnd);
                case 1:
                    return query(r, rnd);
                case 2:
                case 3:
                    return mutateHeaders(r, rnd);
                case 4: {
                    String m = METHODS[rnd.nextInt(METHODS.length)];
                    return m.equals(r.method()) ? null : new Mutant("method " + m, r.toBuilder().method(m).build());
                }
                case 5:
                    return nonAsciiDigit(r, rnd);
                case 6:
                    return presigned ? query(r, rnd) : authorization(r, rnd);
                default: {
                    byte[] body = r.payload().bytes();
                    byte[] changed = mutateBytes(body, rnd);
                    return new Mutant("body", r.toBuilder().payload(Payload.ofBytes(changed)).build());
                }
            }
        } catch (IllegalArgumentException e) {
            return null; // not a request the builder makes (a path without '/', a control character, ...)
        }
    }

    private static Mutant path(SignableRequest r, Random rnd) {
        String p = mutateText(r.rawPath(), rnd);
        return p == null ? null : new Mutant("path " + p, r.toBuilder().rawPath(p).build());
    }

    private static Mutant query(SignableRequest r, Random rnd) {
        String q = mutateText(r.rawQuery().orElse(""), rnd);
        return q == null ? null : new Mutant("query " + q, r.toBuilder().rawQuery(q).build());
    }

    private static Mutant authorization(SignableRequest r, Random rnd) {
        String a = mutateText(r.headers().firstValue("Authorization").orElseThrow(), rnd);
        return a == null ? null : new Mutant("Authorization " + a, r.toBuilder().setHeader("Authorization", a).build());
    }

    /** An ASCII digit or hex letter of the path or query replaced by a look-alike of another script. */
    private static Mutant nonAsciiDigit(SignableRequest r, Random rnd) {
        boolean inPath = rnd.nextBoolean();
        String s = inPath ? r.rawPath() : r.rawQuery().orElse("");
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return null;
        }
        int i = at.get(rnd.nextInt(at.size()));
        char c = s.charAt(i);
        char look = c <= '9' ? (char) ((rnd.nextBoolean() ? 0x0660 : 0xFF10) + (c - '0'))
                : (char) (0xFF21 + ((c | 0x20) - 'a'));
        String t = s.substring(0, i) + look + s.substring(i + 1);
        return new Mutant((inPath ? "path " : "query ") + t, inPath ? r.toBuilder().rawPath(t).build()
                : r.toBuilder().rawQuery(t).build());
    }

    /** A signed header's value or name changed, a signed header dropped or repeated, or an x-amz-* header added. */
    private static Mutant mutateHeaders(SignableRequest r, Random rnd) {
        List<Headers.Header> entries = r.headers().entries();
        List<Headers.Header> signed = new ArrayList<>();
        String auth = r.headers().firstValue("Authorization").orElse("");
        for (Headers.Header h : entries) {
            String lower = h.name().toLowerCase(java.util.Locale.ROOT);
            boolean isSigned = auth.isEmpty() ? !lower.equals("user-agent")
                    : auth.contains(";" + lower + ";") || auth.contains("=" + lower + ";")
                    || auth.contains(";" + lower + ",") || auth.contains("=" + lower + ",");
            if (isSigned && !lower.equals("authorization")) {
                signed.add(h);
            }
        }
        if (signed.isEmpty()) {
            return null;
        }
        Headers.Header h = signed.get(rnd.nextInt(signed.size()));
        int kind = rnd.nextInt(5);
        if ((kind == 1 || kind == 2) && h.name().equalsIgnoreCase("host")) {
            return null; // without a Host header the request's own host stands in: the same value
        }
        switch (kind) {
            case 0: {
                String v = mutateText(h.value(), rnd);
                return v == null ? null : new Mutant("header " + h.name() + ": " + v,
                        replace(r, h, new Headers.Header(h.name(), v)));
            }
            case 1: {
                String n = h.name() + (char) ('a' + rnd.nextInt(26));
                return new Mutant("header renamed " + n, replace(r, h, new Headers.Header(n, h.value())));
            }
            case 2:
                return new Mutant("header dropped " + h.name(), replace(r, h, null));
            case 3:
                return new Mutant("header repeated " + h.name(), r.toBuilder().header(h.name(), h.value()).build());
            default:
                return new Mutant("x-amz header added", r.toBuilder().header("x-amz-meta-added", "1").build());
        }
    }

    private static SignableRequest replace(SignableRequest r, Headers.Header old, Headers.Header with) {
        SignableRequest.Builder b = r.toBuilder();
        b.headers(Headers.builder().build());
        for (Headers.Header h : r.headers().entries()) {
            if (h != old) {
                b.header(h.name(), h.value());
            } else if (with != null) {
                b.header(with.name(), with.value());
            }
        }
        return b.build();
    }

    /**
     * One character substituted (by another that is neither whitespace nor its other ASCII case),
     * deleted (never whitespace) or a hostile piece inserted; null when there is nothing to change.
     */
    static String mutateText(String s, Random rnd) {
        int kind = s.isEmpty() ? 2 : rnd.nextInt(3);
        if (kind == 2) {
            String piece = INSERTS[rnd.nextInt(INSERTS.length)];
            int at = rnd.nextInt(s.length() + 1);
            return s.substring(0, at) + piece + s.substring(at);
        }
        int at = rnd.nextInt(s.length());
        char c = s.charAt(at);
        if (Character.isWhitespace(c)) {
            return null;
        }
        if (kind == 1) {
            return s.substring(0, at) + s.substring(at + 1);
        }
        char with = SUBSTITUTES.charAt(rnd.nextInt(SUBSTITUTES.length()));
        if (with == c || (Character.isLetter(c) && c < 0x80 && (with | 0x20) == (c | 0x20))) {
            return null;
        }
        return s.substring(0, at) + with + s.substring(at + 1);
    }

    /** A byte changed (never only in its ASCII case bit), deleted or inserted, or the body cut short. */
    /** Where two bodies first differ, with a few bytes of each around it (for a failure message). */
    private static String difference(byte[] a, byte[] b) {
        int at = java.util.Arrays.mismatch(a, b);
        return "(at " + at + ": " + excerpt(a, at) + " -> " + excerpt(b, at) + ")";
    }

    private static String excerpt(byte[] b, int at) {
        StringBuilder s = new StringBuilder("\"");
        for (int i = Math.max(0, at - 12); i < Math.min(b.length, at + 12); i++) {
            int c = b[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.append('"').toString();
    }

    private static byte[] mutateBytes(byte[] b, Random rnd) {
        if (b.length == 0) {
            return new byte[] {(byte) rnd.nextInt(256)};
        }
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(4)) {
            case 0: {
                byte[] out = b.clone();
                out[at] ^= (byte) (1 + rnd.nextInt(0x1f));
                return out;
            }
            case 1: {
                byte[] out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                return out;
            }
            case 2: {
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) "0;\r\n=:xAF\u0000".charAt(rnd.nextInt(10));
                if (out[at] == '0' && (at == 0 || b[at - 1] == '\n') && Character.digit(b[at], 16) >= 0) {
                    out[at] = 'x'; // a leading zero of an aws-chunked chunk size gives the same size
                }
                System.arraycopy(b, at, out, at + 1, b.length - at);
                return out;
            }
            default:
                return java.util.Arrays.copyOf(b, at);
        }
    }

    @Test
    void mutateTextNeverOnlyChangesCaseOrWhitespace() {
        Random rnd = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            String m = mutateText("Ab c", rnd);
            if (m != null) {
                assertTrue(!m.equalsIgnoreCase("Ab c") && !m.replace(" ", "").equals("Abc"), m);
            }
        }
        Random r2 = new Random(2);
        for (int i = 0; i < 100; i++) {
            String m = mutateText(" ", r2);
            assertTrue(m == null || m.length() > 1, "whitespace is never substituted or deleted: " + m);
        }
    }
}
