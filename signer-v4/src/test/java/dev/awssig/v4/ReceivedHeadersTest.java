package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.v4.support.HandSigned;
import dev.awssig.v4.support.JdkSigV4;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the verifier reads the headers it received, against the JDK oracle ({@link HandSigned},
 * which lower-cases, trims and sorts with the JDK's own methods): names in any case, a name sent
 * several times in different cases, few headers and many (the verifier sorts up to 16 by
 * insertion and more by merge sort), and the headers it must find exactly once. The seed is
 * logged; {@code -Dawssig.seed=N} replays a run.
 */
class ReceivedHeadersTest {
    private static final Logger LOG = LoggerFactory.getLogger(ReceivedHeadersTest.class);
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final SecretLookup SECRETS = SecretLookup.of(Credentials.of(HandSigned.ID, HandSigned.SECRET));
    private static final String EMPTY_SHA = JdkSigV4.sha256Hex(new byte[0]);
    private static final String[] NAMES = {"x-amz-meta-a", "x-amz-meta-b", "content-type", "range", "a", "b-",
        "x-amz-date-extra", "x-amz-meta-", "z", "accept", "x-amz-meta-aa", "etag", "if-match", "x-amz-tagging"};
    private static final SigV4Verifier VERIFIER = SigV4Verifier.create(
            SigningConfig.builder().region(HandSigned.REGION).service("iam").build());

    private static String randomCase(Random rnd, String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(rnd.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private static HandSigned base() {
        return HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam")
                .header("X-Amz-Date", HandSigned.AMZ_DATE).payloadHash(EMPTY_SHA);
    }

    @Test
    void headersInAnyCaseOrderAndNumberCanonicalizeAsTheOracleDoes() {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        LOG.info("headersInAnyCaseOrderAndNumberCanonicalizeAsTheOracleDoes: seed={} (replay with -Dawssig.seed={})",
                seed, seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < 500; i++) {
            HandSigned h = base();
            int n = rnd.nextInt(4) == 0 ? 17 + rnd.nextInt(24) : rnd.nextInt(17);
            for (int k = 0; k < n; k++) {
                String name = randomCase(rnd, NAMES[rnd.nextInt(NAMES.length)]);
                h.header(name, (rnd.nextBoolean() ? "  v" : "v") + k + (rnd.nextBoolean() ? " x  y " : ""));
            }
            SignableRequest request = h.build();
            VerificationResult r = VERIFIER.verify(request, SECRETS, NOW);
            assertTrue(r.isValid(), () -> r + " for " + request + " (seed " + seed + ")");
            assertEquals(h.canonicalRequest(), r.canonicalRequest().orElseThrow(), "seed " + seed);
            assertEquals(JdkSigV4.stringToSign(HandSigned.AMZ_DATE, HandSigned.REGION, "iam", h.canonicalRequest()),
                    r.stringToSign().orElseThrow(), "seed " + seed);
        }
    }

    @Test
    void aChangedValueOfANameSentTwiceInTwoCasesIsNotTheSignedRequest() {
        SignableRequest signed = base().header("X-Amz-Meta-A", "1").header("x-amz-meta-a", "2").build();
        assertTrue(VERIFIER.verify(signed, SECRETS, NOW).isValid());
        SignableRequest swapped = signed.toBuilder().removeHeader("x-amz-meta-a").header("x-amz-meta-a", "2")
                .header("X-AMZ-Meta-A", "1").build();
        VerificationResult r = VERIFIER.verify(swapped, SECRETS, NOW);
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, r.error().orElseThrow(), r::toString);
        assertEquals(base().header("x-amz-meta-a", "2").header("x-amz-meta-a", "1").canonicalRequest(),
                r.canonicalRequest().orElseThrow(), "the values in the order received");
    }

    @Test
    void anUnsignedAmzHeaderInAnyCaseIsNamedInLowerCase() {
        SignableRequest r = base().unsignedHeader("X-AMZ-Meta-Unsigned", "v").build();
        VerificationResult result = VERIFIER.verify(r, SECRETS, NOW);
        assertEquals(AuthError.ACCESS_DENIED, result.error().orElseThrow());
        assertTrue(result.message().endsWith(": x-amz-meta-unsigned"), result::message);
    }

    @Test
    void aHeaderReadOnceIsAmbiguousWhenSentTwiceInAnyCase() {
        SignableRequest twoDates = base().unsignedHeader("x-AMZ-date", HandSigned.AMZ_DATE).build();
        VerificationResult r = VERIFIER.verify(twoDates, SECRETS, NOW);
        assertEquals(AuthError.INVALID_ARGUMENT, r.error().orElseThrow());
        assertEquals("The request has more than one x-amz-date header; it must have one at most", r.message());
        SignableRequest signed = base().build();
        SignableRequest twoAuth = signed.toBuilder().header("AUTHORIZATION",
                signed.headers().firstValue("authorization").orElseThrow()).build();
        VerificationResult a = VERIFIER.verify(twoAuth, SECRETS, NOW);
        assertEquals(AuthError.AUTHORIZATION_HEADER_MALFORMED, a.error().orElseThrow());
        SignableRequest twoHosts = signed.toBuilder().header("HOST", "iam.amazonaws.com")
                .header("host", "iam.amazonaws.com").build();
        assertEquals(AuthError.INVALID_ARGUMENT, VERIFIER.verify(twoHosts, SECRETS, NOW).error().orElseThrow());
    }

    @Test
    void theSignatureIsReadInEitherHexCaseAndNothingElse() {
        SignableRequest signed = base().header("x-amz-meta-a", "1").build();
        String auth = signed.headers().firstValue("authorization").orElseThrow();
        int at = auth.indexOf("Signature=") + 10;
        String sig = auth.substring(at);
        String upper = sig.toUpperCase(Locale.ROOT);
        assertTrue(VERIFIER.verify(withSignature(signed, auth, at, upper), SECRETS, NOW).isValid());
        // the characters next to A-F, and a letter in its place, are other signatures
        for (char[] swap : new char[][] {{'A', '@'}, {'F', 'G'}, {'a', '`'}, {'f', 'g'}}) {
            String source = swap[0] >= 'a' ? sig : upper;
            int i = source.indexOf(swap[0]);
            if (i < 0) {
                continue;
            }
            String other = source.substring(0, i) + swap[1] + source.substring(i + 1);
            VerificationResult r = VERIFIER.verify(withSignature(signed, auth, at, other), SECRETS, NOW);
            assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, r.error().orElseThrow(), other);
        }
        VerificationResult shortOne = VERIFIER.verify(withSignature(signed, auth, at, sig.substring(1)), SECRETS, NOW);
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, shortOne.error().orElseThrow());
    }

    private static SignableRequest withSignature(SignableRequest r, String auth, int at, String signature) {
        return r.toBuilder().setHeader("Authorization", auth.substring(0, at) + signature).build();
    }

    @Test
    void onlyHeadersNamedXAmzDashMustBeSigned() {
        VerificationResult exactPrefix = VERIFIER.verify(base().unsignedHeader("X-Amz-", "v").build(), SECRETS, NOW);
        assertEquals(AuthError.ACCESS_DENIED, exactPrefix.error().orElseThrow(), "a name that is just 'x-amz-'");
        for (String name : new String[] {"x-amz", "X-Am", "abc", "x-amzz", "xx-amz-a"}) {
            VerificationResult r = VERIFIER.verify(base().unsignedHeader(name, "v").build(), SECRETS, NOW);
            assertTrue(r.isValid(), () -> name + ": " + r);
        }
    }

    @Test
    void aSignedNameThatOnlyStartsWithHostIsNotTheHost() {
        HandSigned h = base().header("hostile", "");
        SignableRequest request = h.build().toBuilder().removeHeader("hostile").build();
        VerificationResult r = VERIFIER.verify(request, SECRETS, NOW);
        assertTrue(r.isValid(), r::toString);
        assertTrue(r.canonicalRequest().orElseThrow().contains("\nhostile:\n"), r.canonicalRequest().orElseThrow());
    }

    @Test
    void aSignedHeadersListIsInStrictOrderEvenWhenOneNameStartsTheNext() {
        SignableRequest signed = base().header("x-amz-meta-a", "1").header("x-amz-meta-ab", "2").build();
        assertTrue(VERIFIER.verify(signed, SECRETS, NOW).isValid());
        String auth = signed.headers().firstValue("authorization").orElseThrow();
        String swapped = auth.replace("x-amz-meta-a;x-amz-meta-ab", "x-amz-meta-ab;x-amz-meta-a");
        VerificationResult r = VERIFIER.verify(signed.toBuilder().setHeader("Authorization", swapped).build(),
                SECRETS, NOW);
        assertEquals(AuthError.AUTHORIZATION_HEADER_MALFORMED, r.error().orElseThrow());
        assertEquals("SignedHeaders must list the header names in sorted order", r.message());
        String twice = auth.replace("x-amz-meta-a;x-amz-meta-ab", "x-amz-meta-a;x-amz-meta-a");
        VerificationResult d = VERIFIER.verify(signed.toBuilder().setHeader("Authorization", twice).build(),
                SECRETS, NOW);
        assertEquals("SignedHeaders lists 'x-amz-meta-a' more than once", d.message());
    }

    @Test
    void aSignedNameMissingFromTheRequestSignsAnEmptyValue() {
        HandSigned h = base().header("x-amz-meta-gone", "");
        SignableRequest request = h.build().toBuilder().removeHeader("x-amz-meta-gone").build();
        VerificationResult r = VERIFIER.verify(request, SECRETS, NOW);
        assertTrue(r.isValid(), r::toString);
        assertEquals(h.canonicalRequest(), r.canonicalRequest().orElseThrow());
        assertFalse(r.canonicalRequest().orElseThrow().contains("X-"), "names are lower-cased");
        assertTrue(r.canonicalRequest().orElseThrow().contains("\nx-amz-meta-gone:\n"));
    }
}
