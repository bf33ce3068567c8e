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
import org.junit.jupiter.api.Test;

/**
 * The verifier reads the Authorization header and the parameters of a presigned URL where they
 * stand in the request's text: what it accepts and what it refuses must be what the text says,
 * however it is spaced, ordered or percent-encoded. Every request here is signed by the JDK
 * oracle ({@link JdkSigV4}, {@link HandSigned}); the expected canonical requests are written out
 * by hand.
 */
class InPlaceReadingTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final String AMZ_DATE = HandSigned.AMZ_DATE;
    private static final String ID = HandSigned.ID;
    private static final String SECRET = HandSigned.SECRET;
    private static final String REGION = HandSigned.REGION;
    private static final SecretLookup SECRETS = SecretLookup.of(Credentials.of(ID, SECRET));
    private static final String EMPTY_SHA = JdkSigV4.sha256Hex(new byte[0]);
    private static final String S3_HOST = "bucket.s3.eu-west-1.amazonaws.com";

    private static SigV4Verifier verifier(String service) {
        return SigV4Verifier.create(SigningConfig.builder().region(REGION).service(service).build());
    }

    private static SigV4Verifier open() {
        return SigV4Verifier.create(SigningConfig.builder().build());
    }

    private static void assertAccepted(String what, VerificationResult r) {
        assertTrue(r.isValid(), () -> what + ": " + r);
    }

    private static void assertRefused(AuthError error, String messagePart, String what, VerificationResult r) {
        assertFalse(r.isValid(), () -> what + ": expected " + error.code() + " but the request was accepted");
        assertEquals(error, r.error().orElseThrow(), () -> what + ": " + r);
        assertTrue(r.message().contains(messagePart), () -> what + ": expected [" + messagePart + "] in: "
                + r.message());
    }

    // ------------------------------------------------------------------ the Authorization header

    /** An iam GET signed by the oracle: its three components, and the request without its Authorization. */
    private static final HandSigned IAM = HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam")
            .header("x-amz-date", AMZ_DATE).payloadHash(EMPTY_SHA);
    private static final String IAM_CANONICAL = "GET\n/\n\nhost:iam.amazonaws.com\nx-amz-date:" + AMZ_DATE
            + "\n\nhost;x-amz-date\n" + EMPTY_SHA;
    private static final String SIGNATURE = JdkSigV4.signature(SECRET, AMZ_DATE, REGION, "iam", IAM_CANONICAL);
    private static final String CREDENTIAL = "Credential=" + ID + "/20240301/" + REGION + "/iam/aws4_request";
    private static final String SIGNED = "SignedHeaders=host;x-amz-date";

    private static SignableRequest iam(String authorization) {
        return IAM.build().toBuilder().setHeader("Authorization", authorization).build();
    }

    @Test
    void theOracleAgreesWithTheHandWrittenCanonicalRequest() {
        assertEquals(IAM_CANONICAL, IAM.canonicalRequest());
        VerificationResult r = verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED
                + ", Signature=" + SIGNATURE), SECRETS, NOW);
        assertAccepted("as SDKs send it", r);
        assertEquals(IAM_CANONICAL, r.canonicalRequest().orElseThrow());
    }

    /**
     * Spaces and tabs around the whole value, around each component and around the commas are
     * not part of what they surround; the components may come in any order and without a space
     * after the comma.
     */
    @Test
    void whitespaceAroundTheValueAndItsComponentsIsNotPartOfThem() {
        String sig = "Signature=" + SIGNATURE;
        String[] spellings = {
            " AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", " + sig,
            "\tAWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", " + sig + " ",
            "AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", " + sig + "\t",
            "  \t AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", " + sig + " \t ",
            "AWS4-HMAC-SHA256 " + CREDENTIAL + "," + SIGNED + "," + sig,
            "AWS4-HMAC-SHA256    " + CREDENTIAL + " ,  " + SIGNED + "\t,\t" + sig,
            "AWS4-HMAC-SHA256 " + CREDENTIAL + " , " + SIGNED + " , " + sig + " ,",
            "AWS4-HMAC-SHA256 " + sig + ", " + SIGNED + ", " + CREDENTIAL,
            "AWS4-HMAC-SHA256 " + SIGNED + "," + CREDENTIAL + " ," + sig,
            "AWS4-HMAC-SHA256 \t" + CREDENTIAL + "\t, " + SIGNED + " \t, " + sig + " ",
        };
        for (String a : spellings) {
            VerificationResult r = verifier("iam").verify(iam(a), SECRETS, NOW);
            assertAccepted("[" + a + "]", r);
            assertEquals(IAM_CANONICAL, r.canonicalRequest().orElseThrow());
        }
        // a space before the comma of the credential does not end up in its last part, nor one
        // before the signature's comma in the signature
        assertAccepted("space before comma", open().verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + " , " + SIGNED
                + ", " + sig + " , "), SECRETS, NOW));
    }

    /** A component with nothing after its '=' is that component, empty, and refused as such. */
    @Test
    void aComponentWithAnEmptyValueIsThatComponentEmpty() {
        String sig = "Signature=" + SIGNATURE;
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "the Credential must be <access key id>/<date>/",
                "Credential=", verifier("iam").verify(iam("AWS4-HMAC-SHA256 Credential=, " + SIGNED + ", " + sig),
                        SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "the Credential must be <access key id>/<date>/",
                "Credential= last", verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + SIGNED + ", " + sig
                        + ", Credential="), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "SignedHeaders must not be empty", "SignedHeaders=",
                verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=, " + sig), SECRETS,
                        NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "SignedHeaders must not be empty",
                "SignedHeaders= last", verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + sig
                        + ", SignedHeaders="), SECRETS, NOW));
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", "Signature=",
                verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", Signature="),
                        SECRETS, NOW));
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", "Signature= first",
                verifier("iam").verify(iam("AWS4-HMAC-SHA256 Signature=, " + CREDENTIAL + ", " + SIGNED),
                        SECRETS, NOW));
        // an empty component given twice is still given twice
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "Signature= more than once", "Signature= twice",
                verifier("iam").verify(iam("AWS4-HMAC-SHA256 Signature=, " + CREDENTIAL + ", " + SIGNED
                        + ", Signature="), SECRETS, NOW));
        // names are case-sensitive and need their '='
        for (String odd : new String[] {"credential=x", "Credential", "SignedHeaders", "Signature", "signature=0",
            "Credential =x"}) {
            String quoted = odd.length() > 30 ? odd.substring(0, 30) + "..." : odd;
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unexpected component '" + quoted + "'", odd,
                    verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", " + sig + ", "
                            + odd), SECRETS, NOW));
        }
    }

    /**
     * The credential ends at its component's comma: slashes further on (here in a signature that
     * is no signature) are not part of it, and the answer is that of the signature.
     */
    @Test
    void theCredentialEndsAtItsComma() {
        for (String sig : new String[] {SIGNATURE + "/", SIGNATURE.substring(0, 32) + "/" + SIGNATURE.substring(33),
            "a/b/c/d/aws4_request"}) {
            assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", sig,
                    verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", Signature=" + sig),
                            SECRETS, NOW));
            assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", sig + " (open)",
                    open().verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", Signature=" + sig + ", " + SIGNED),
                            SECRETS, NOW));
        }
    }

    /**
     * An upper-case letter anywhere in the signed-headers list, including 'A' and 'Z' (the edges
     * of the upper-case range), is named as such, even in a list that is otherwise sorted and
     * without repeats; '@' and '[' (just outside the range) are not upper-case letters.
     */
    @Test
    void anUpperCaseLetterInTheSignedHeadersIsNamed() {
        String sig = ", Signature=" + SIGNATURE;
        for (String list : new String[] {"host;x-amz-Date", "host;x-amz-datE", "Ahost;host;x-amz-date",
            "Zz;host;x-amz-date", "host;x-amz-date;xZ", "host;x-amz-dAte"}) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "lower-case header names separated by ';'", list,
                    verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=" + list + sig),
                            SECRETS, NOW));
        }
        // '@' and '[' sort before and after the capitals: names with them are names, signed or not
        for (String list : new String[] {"@;host;x-amz-date", "[;host;x-amz-date", "host;x-amz-date;x@", "host;x-amz-date;x["}) {
            assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", list,
                    verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=" + list + sig),
                            SECRETS, NOW));
        }
    }

    /**
     * Host must be signed, whatever comes first in the list: a list of only x-amz-date (which
     * is signed) names host alone as unsigned.
     */
    @Test
    void aListWithoutHostNamesHostAlone() {
        for (String list : new String[] {"x-amz-date", "a;x-amz-date", "x-amz-date;z"}) {
            VerificationResult r = verifier("iam").verify(iam("AWS4-HMAC-SHA256 " + CREDENTIAL + ", SignedHeaders=" + list
                    + ", Signature=" + SIGNATURE), SECRETS, NOW);
            assertRefused(AuthError.ACCESS_DENIED, "must be signed): host", list, r);
            assertTrue(r.message().endsWith("must be signed): host"), r::message);
        }
    }

    /** The algorithm is the first word of the trimmed value, and must be followed by a space. */
    @Test
    void theAlgorithmIsTheFirstWordOfTheTrimmedValue() {
        String rest = CREDENTIAL + ", " + SIGNED + ", Signature=" + SIGNATURE;
        // the algorithm alone, or followed only by whitespace: nothing to name before a space
        for (String a : new String[] {"AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", " AWS4-HMAC-SHA256\t ",
            " AWS4-HMAC-SHA256 ", "\tAWS4-HMAC-SHA256  ", "AWS4-HMAC-SHA256" + "\t" + rest, "", " ", "\t \t"}) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm '", "[" + a + "]",
                    verifier("iam").verify(iam(a), SECRETS, NOW));
        }
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm 'AWS4-HMAC-SHA256X'", "X",
                verifier("iam").verify(iam("AWS4-HMAC-SHA256X " + rest), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm 'aws4-hmac-sha256'", "lower",
                verifier("iam").verify(iam(" aws4-hmac-sha256 " + rest), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm 'AWS4-HMAC-SHA25'", "short",
                verifier("iam").verify(iam("AWS4-HMAC-SHA25 " + rest), SECRETS, NOW));
        // one word after the algorithm that is no component
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unexpected component 'X'", "X after",
                verifier("iam").verify(iam("AWS4-HMAC-SHA256 X"), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "must have Credential, SignedHeaders and Signature",
                "only commas", verifier("iam").verify(iam("AWS4-HMAC-SHA256 ,, ,"), SECRETS, NOW));
    }

    /**
     * The credential is five parts separated by '/': each edge of each part, read in place, gives
     * the answer the message names (and the same with no region or service configured).
     */
    @Test
    void eachPartOfTheCredentialIsReadToItsEdges() {
        String rest = ", " + SIGNED + ", Signature=" + SIGNATURE;
        String shape = "the Credential must be <access key id>/<date>/<region>/<service>/aws4_request";
        String[][] cases = {
            // credential, message part
            {"/20240301/eu-west-1/iam/aws4_request", shape},
            {ID + "/20240301/eu-west-1/iam/aws4_reques", shape},
            {ID + "/20240301/eu-west-1/iam/aws4_requests", shape},
            {ID + "/20240301/eu-west-1/iam/aws4_request/", shape},
            {ID + "/20240301/eu-west-1/iam/", shape},
            {ID + "/20240301/eu-west-1/iam", shape},
            {ID + "/20240301/eu-west-1/iam/Aws4_request", shape},
            {ID + "//20240301/eu-west-1/iam/aws4_request", shape},
            {ID + "/20240301//eu-west-1/iam/aws4_request", shape},
            {ID + "/2024030/eu-west-1/iam/aws4_request", "incorrect date format '2024030'"},
            {ID + "/202403011/eu-west-1/iam/aws4_request", "incorrect date format '202403011'"},
            {ID + "//eu-west-1/iam/aws4_request", "incorrect date format ''"},
            {ID + "/2024030a/eu-west-1/iam/aws4_request", "incorrect date format '2024030a'"},
            {ID + "/a0240301/eu-west-1/iam/aws4_request", "incorrect date format 'a0240301'"},
            {ID + "/2024030:/eu-west-1/iam/aws4_request", "incorrect date format '2024030:'"},
            {ID + "//240301/eu-west-1/iam/aws4_request", shape},
            {ID + "/20240301/eu-west-/iam/aws4_request", "the region 'eu-west-' is wrong; expecting 'eu-west-1'"},
            {ID + "/20240301/eu-west-11/iam/aws4_request", "the region 'eu-west-11' is wrong"},
            {ID + "/20240301/eu-west-2/iam/aws4_request", "the region 'eu-west-2' is wrong"},
            {ID + "/20240301//iam/aws4_request", "the region '' is wrong"},
            {ID + "/20240301/eu-west-1/ia/aws4_request", "incorrect service 'ia'. This endpoint belongs to 'iam'"},
            {ID + "/20240301/eu-west-1/iamx/aws4_request", "incorrect service 'iamx'"},
            {ID + "/20240301/eu-west-1/iaM/aws4_request", "incorrect service 'iaM'"},
            {ID + "/20240301/eu-west-1//aws4_request", "region and service of the Credential must not be empty"},
        };
        for (String[] c : cases) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, c[1], c[0],
                    verifier("iam").verify(iam("AWS4-HMAC-SHA256 Credential=" + c[0] + rest), SECRETS, NOW));
        }
        // bound to no region or service: only the shape, the date and non-empty parts
        for (String empty : new String[] {ID + "/20240301//iam/aws4_request", ID + "/20240301/eu-west-1//aws4_request",
            ID + "/20240301///aws4_request"}) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "region and service of the Credential must not be"
                    + " empty", empty, open().verify(iam("AWS4-HMAC-SHA256 Credential=" + empty + rest), SECRETS, NOW));
        }
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "incorrect date format '2024030x'", "open, date",
                open().verify(iam("AWS4-HMAC-SHA256 Credential=" + ID + "/2024030x/eu-west-1/iam/aws4_request" + rest),
                        SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, shape, "open, no key id",
                open().verify(iam("AWS4-HMAC-SHA256 Credential=/20240301/eu-west-1/iam/aws4_request" + rest), SECRETS,
                        NOW));
    }

    /**
     * Bound to no region or service, the verifier reads them from the credential (and signs with
     * them): the scope of the string to sign is the credential's; another region or service in
     * the credential is another key and another signature.
     */
    @Test
    void anUnboundVerifierTakesRegionAndServiceFromTheCredential() {
        String a = "AWS4-HMAC-SHA256 " + CREDENTIAL + ", " + SIGNED + ", Signature=" + SIGNATURE;
        VerificationResult r = open().verify(iam(a), SECRETS, NOW);
        assertAccepted("open", r);
        assertEquals(JdkSigV4.stringToSign(AMZ_DATE, REGION, "iam", IAM_CANONICAL), r.stringToSign().orElseThrow());
        // bound to the region only, or to the service only
        assertAccepted("region only", SigV4Verifier.create(SigningConfig.builder().region(REGION).build())
                .verify(iam(a), SECRETS, NOW));
        assertAccepted("service only", SigV4Verifier.create(SigningConfig.builder().service("iam").build())
                .verify(iam(a), SECRETS, NOW));
        // the same signature under another scope does not match; the oracle's signature for that scope does
        for (String[] scope : new String[][] {{"us-east-1", "iam"}, {REGION, "sts"}, {"r", "s"}}) {
            String cred = "Credential=" + ID + "/20240301/" + scope[0] + "/" + scope[1] + "/aws4_request";
            VerificationResult wrong = open().verify(iam("AWS4-HMAC-SHA256 " + cred + ", " + SIGNED + ", Signature="
                    + SIGNATURE), SECRETS, NOW);
            assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", cred, wrong);
            assertEquals(JdkSigV4.stringToSign(AMZ_DATE, scope[0], scope[1], IAM_CANONICAL),
                    wrong.stringToSign().orElseThrow());
            String sig = JdkSigV4.signature(SECRET, AMZ_DATE, scope[0], scope[1], IAM_CANONICAL);
            assertAccepted(cred, open().verify(iam("AWS4-HMAC-SHA256 " + cred + ", " + SIGNED + ", Signature=" + sig),
                    SECRETS, NOW));
        }
    }

    // ------------------------------------------------------------------ presigned parameters

    private static final String PRESIGN_CREDENTIAL = ID + "%2F20240301%2F" + REGION + "%2Fs3%2Faws4_request";

    /** The canonical query of a presigned GET of /k on s3 (sorted, canonical escapes). */
    private static String presignQuery(String expires) {
        return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + PRESIGN_CREDENTIAL + "&X-Amz-Date=" + AMZ_DATE
                + "&X-Amz-Expires=" + expires + "&X-Amz-SignedHeaders=host";
    }

    private static String presignCanonical(String canonicalQuery) {
        return "GET\n/k\n" + canonicalQuery + "\nhost:" + S3_HOST + "\n\nhost\nUNSIGNED-PAYLOAD";
    }

    private static String presignSignature(String canonicalQuery) {
        return JdkSigV4.signature(SECRET, AMZ_DATE, REGION, "s3", presignCanonical(canonicalQuery));
    }

    private static SignableRequest url(String rawQuery) {
        return SignableRequest.builder().method("GET").uri("https://" + S3_HOST + "/k?" + rawQuery).build();
    }

    /**
     * Each authentication parameter written with escapes it does not need (in either hex case) is
     * read as its decoded value, and its decoded value is what the canonical query holds: the URL
     * verifies, with the canonical request written out by hand.
     */
    @Test
    void presignParametersWrittenWithNeedlessEscapesAreReadDecoded() {
        String canonicalQuery = presignQuery("600");
        String sig = presignSignature(canonicalQuery);
        String plain = canonicalQuery + "&X-Amz-Signature=" + sig;
        String[][] rewrites = {
            {"X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4%2DHMAC%2DSHA256"},
            {"X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=%41WS4-HMAC-SHA256"},
            {"X-Amz-Credential=" + ID + "%2F", "X-Amz-Credential=" + ID + "%2f"},
            {"X-Amz-Credential=" + ID, "X-Amz-Credential=%41" + ID.substring(1)},
            {"X-Amz-Credential=" + PRESIGN_CREDENTIAL, "X-Amz-Credential=" + PRESIGN_CREDENTIAL.replace("%2F", "/")},
            {"X-Amz-Date=" + AMZ_DATE, "X-Amz-Date=%32" + AMZ_DATE.substring(1)},
            {"X-Amz-Date=" + AMZ_DATE, "X-Amz-Date=" + AMZ_DATE.substring(0, 15) + "%5a"},
            {"X-Amz-Expires=600", "X-Amz-Expires=%36%30%30"},
            {"X-Amz-Expires=600", "X-Amz-Expires=6%300"},
            {"X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=%68ost"},
            {"X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=hos%74"},
            {"X-Amz-Signature=" + sig, "X-Amz-Signature=%" + Integer.toHexString(sig.charAt(0)) + sig.substring(1)},
            {"X-Amz-Signature=" + sig, "X-Amz-Signature=" + sig.substring(0, 63) + "%"
                    + Integer.toHexString(sig.charAt(63)).toUpperCase(java.util.Locale.ROOT)},
        };
        assertAccepted("as written", verifier("s3").verify(url(plain), SECRETS, NOW));
        for (String[] w : rewrites) {
            assertTrue(plain.contains(w[0]), w[0]);
            String raw = plain.replace(w[0], w[1]);
            VerificationResult r = verifier("s3").verify(url(raw), SECRETS, NOW);
            assertAccepted(raw, r);
            assertEquals(presignCanonical(canonicalQuery), r.canonicalRequest().orElseThrow(), raw);
            // and the same read again on the same thread (the verifier may keep the last values it read)
            assertAccepted(raw + " again", verifier("s3").verify(url(raw), SECRETS, NOW));
            // the expiry read from the escaped text: valid through its last second, not after
            assertAccepted(raw + " at 600 s", verifier("s3").verify(url(raw), SECRETS, NOW.plusSeconds(600)));
            assertRefused(AuthError.ACCESS_DENIED, "expired", raw + " at 601 s",
                    verifier("s3").verify(url(raw), SECRETS, NOW.plusSeconds(601)));
        }
    }

    /**
     * The value read for each parameter is its own, in place or decoded, whichever parameter
     * precedes or follows it: a changed value written with escapes is refused as the plain one.
     */
    @Test
    void escapedPresignValuesAreCheckedLikePlainOnes() {
        String canonicalQuery = presignQuery("600");
        String sig = presignSignature(canonicalQuery);
        String plain = canonicalQuery + "&X-Amz-Signature=" + sig;
        String[][] cases = {
            // replaced, by, error, message part
            {"X-Amz-Expires=600", "X-Amz-Expires=%2D5", "non-negative"},
            {"X-Amz-Expires=600", "X-Amz-Expires=%2D0", "non-negative"},
            {"X-Amz-Expires=600", "X-Amz-Expires=%2Dx", "should be a number"},
            {"X-Amz-Expires=600", "X-Amz-Expires=-%35", "non-negative"},
            {"X-Amz-Expires=600", "X-Amz-Expires=%2B600", "should be a number"},
            {"X-Amz-Expires=600", "X-Amz-Expires=6%200", "should be a number"},
            {"X-Amz-Expires=600", "X-Amz-Expires=%36%30%34%38%30%31", "604800"},
            {"X-Amz-Expires=600", "X-Amz-Expires=60480%31", "604800"},
            {"X-Amz-Date=" + AMZ_DATE, "X-Amz-Date=%32" + AMZ_DATE.substring(1, 15), "ISO8601 Long Format"},
            {"X-Amz-Date=" + AMZ_DATE, "X-Amz-Date=%3220240301T102030", "ISO8601 Long Format"},
            {"X-Amz-Date=" + AMZ_DATE, "X-Amz-Date=%320240302T102030Z", "Invalid credential date"},
            {"X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA25%36%36", "only supports"},
            {"X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA25%35", "only supports"},
            {"X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=%61WS4-HMAC-SHA256", "only supports"},
            {"X-Amz-Credential=" + ID, "X-Amz-Credential=%2F" + ID, "X-Amz-Credential"},
            {"%2Faws4_request", "%2Faws4_reques%74%73", "X-Amz-Credential"},
        };
        for (String[] c : cases) {
            assertTrue(plain.contains(c[0]), c[0]);
            String raw = plain.replace(c[0], c[1]);
            VerificationResult r = verifier("s3").verify(url(raw), SECRETS, NOW.plusSeconds(c[2].contains(
                    "credential date") ? 86400 : 0));
            assertFalse(r.isValid(), raw);
            assertTrue(r.message().contains(c[2]), () -> raw + ": expected [" + c[2] + "] in " + r.message());
        }
        // a signature written with escapes that decodes to another signature is a mismatch
        String other = (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1);
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", "escaped other signature",
                verifier("s3").verify(url(plain.replace("X-Amz-Signature=" + sig, "X-Amz-Signature=%"
                        + Integer.toHexString(other.charAt(0)) + other.substring(1))), SECRETS, NOW));
        // a signature of 63 digits and one escape of a non-digit
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", "escaped 64th non-digit",
                verifier("s3").verify(url(plain.replace("X-Amz-Signature=" + sig, "X-Amz-Signature="
                        + sig.substring(0, 63) + "%2D")), SECRETS, NOW));
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", "escaped 65 characters",
                verifier("s3").verify(url(plain.replace("X-Amz-Signature=" + sig, "X-Amz-Signature=" + sig + "%30")),
                        SECRETS, NOW));
    }

    /** Every parameter of a presigned URL holding a non-ASCII character (decoded when parsed). */
    @Test
    void nonAsciiPresignValuesAreReadDecoded() {
        // an access key id with a non-ASCII letter, known to the lookup
        String id = "AKID\u00e9";
        SecretLookup lookup = SecretLookup.of(java.util.Map.of(id, SECRET));
        String canonicalQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%C3%A9%2F20240301%2F" + REGION
                + "%2Fs3%2Faws4_request&X-Amz-Date=" + AMZ_DATE + "&X-Amz-Expires=600&X-Amz-SignedHeaders=host";
        String sig = presignSignature(canonicalQuery);
        for (String cred : new String[] {"AKID%C3%A9%2F20240301%2F", "AKID\u00e9%2F20240301%2F", "AKID%c3%a9/20240301/"}) {
            String raw = canonicalQuery.replace("AKID%C3%A9%2F20240301%2F", cred) + "&X-Amz-Signature=" + sig;
            VerificationResult r = verifier("s3").verify(url(raw), lookup, NOW);
            assertAccepted(raw, r);
            assertEquals(id, r.accessKeyId().orElseThrow());
            assertEquals(presignCanonical(canonicalQuery), r.canonicalRequest().orElseThrow());
        }
        String plain = presignQuery("600") + "&X-Amz-Signature=" + presignSignature(presignQuery("600"));
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "should be a number", "expires",
                verifier("s3").verify(url(plain.replace("X-Amz-Expires=600", "X-Amz-Expires=60%C3%A9")), SECRETS,
                        NOW));
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "ISO8601", "date",
                verifier("s3").verify(url(plain.replace("X-Amz-Date=" + AMZ_DATE, "X-Amz-Date=" + AMZ_DATE
                        + "%C3%A9")), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "only supports", "algorithm",
                verifier("s3").verify(url(plain.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256",
                        "X-Amz-Algorithm=AWS4-HMAC-SHA256%C3%A9")), SECRETS, NOW));
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", "signature",
                verifier("s3").verify(url(plain.replaceFirst("X-Amz-Signature=..", "X-Amz-Signature=%C3%A9")),
                        SECRETS, NOW));
    }

    /**
     * A presigned PUT with X-Amz-Content-Sha256 {@code queryHash} in its query and, when
     * {@code headerHash} is not null, a signed x-amz-content-sha256 header; the canonical request
     * is written out here and signed by the oracle.
     */
    private static SignableRequest presignedPut(String queryHash, String headerHash, byte[] body, String[] canonical) {
        String signedHeaders = headerHash == null ? "host" : "host%3Bx-amz-content-sha256";
        String canonicalQuery = presignQuery("600").replace("&X-Amz-Credential=", "&X-Amz-Content-Sha256=" + queryHash
                + "&X-Amz-Credential=").replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=" + signedHeaders);
        canonical[0] = "PUT\n/k\n" + canonicalQuery + "\nhost:" + S3_HOST + "\n"
                + (headerHash == null ? "" : "x-amz-content-sha256:" + headerHash + "\n") + "\n"
                + (headerHash == null ? "host" : "host;x-amz-content-sha256") + "\n" + queryHash;
        String sig = JdkSigV4.signature(SECRET, AMZ_DATE, REGION, "s3", canonical[0]);
        SignableRequest.Builder b = SignableRequest.builder().method("PUT").uri("https://" + S3_HOST + "/k?"
                + canonicalQuery + "&X-Amz-Signature=" + sig).payload(dev.awssig.Payload.ofBytes(body));
        if (headerHash != null) {
            b.header("x-amz-content-sha256", headerHash);
        }
        return b.build();
    }

    /**
     * X-Amz-Content-Sha256 as a query parameter is the payload hash: UNSIGNED-PAYLOAD or a hash
     * (compared with the body); with an x-amz-content-sha256 header as well, the two must agree.
     */
    @Test
    void aContentSha256QueryParameterIsThePayloadHash() {
        byte[] body = "data".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String sha = JdkSigV4.sha256Hex(body);
        String[] canonical = new String[1];
        for (String hash : new String[] {"UNSIGNED-PAYLOAD", sha}) {
            VerificationResult ok = verifier("s3").verify(presignedPut(hash, null, body, canonical), SECRETS, NOW);
            assertAccepted(hash, ok);
            assertEquals(canonical[0], ok.canonicalRequest().orElseThrow());
            // the same value in the header too: one answer
            ok = verifier("s3").verify(presignedPut(hash, hash, body, canonical), SECRETS, NOW);
            assertAccepted(hash + " twice", ok);
            assertEquals(canonical[0], ok.canonicalRequest().orElseThrow());
            // another value in the header: two answers to one question
            String other = hash.equals(sha) ? "UNSIGNED-PAYLOAD" : sha;
            assertRefused(AuthError.INVALID_ARGUMENT, "X-Amz-Content-Sha256 query parameter and the"
                    + " x-amz-content-sha256 header differ", hash + " vs " + other, verifier("s3").verify(
                    presignedPut(hash, other, body, canonical), SECRETS, NOW));
        }
        // a hash that is not the body's
        assertRefused(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, "does not match what was computed", "other body",
                verifier("s3").verify(presignedPut(EMPTY_SHA, null, body, canonical), SECRETS, NOW));
        // neither a hash nor UNSIGNED-PAYLOAD
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "X-Amz-Content-Sha256 must be", "abc",
                verifier("s3").verify(presignedPut("abc", null, body, canonical), SECRETS, NOW));
    }

    /**
     * Escapes that do not decode (not UTF-8, or cut) in a presign parameter are refused as an
     * invalid URI before any parameter is read.
     */
    @Test
    void presignParametersThatDoNotDecodeAreRefused() {
        String plain = presignQuery("600") + "&X-Amz-Signature=" + presignSignature(presignQuery("600"));
        for (String[] w : new String[][] {{"X-Amz-Credential=" + ID, "X-Amz-Credential=%FF" + ID},
            {"X-Amz-Expires=600", "X-Amz-Expires=600%C3"}, {"X-Amz-Date=" + AMZ_DATE, "X-Amz-Date=%E2%82" + AMZ_DATE},
            {"X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=host%"}}) {
            assertRefused(AuthError.INVALID_URI, "The query string", w[1],
                    verifier("s3").verify(url(plain.replace(w[0], w[1])), SECRETS, NOW));
        }
    }

    /**
     * Escapes in the query written in lower-case hex, of ASCII and of non-ASCII bytes, are
     * upper-case in the canonical query; a header value with U+0080 (the first character past
     * ASCII) or U+00E9 is hashed as UTF-8, as the oracle's canonical request is.
     */
    @Test
    void lowerCaseEscapesAndNonAsciiValuesAreCanonicalAsUtf8() {
        for (String[] q : new String[][] {{"x=%c3%a9", "x=%C3%A9"}, {"x=%e2%82%ac&y=%2f", "x=%E2%82%AC&y=%2F"},
            {"%c3%a9=1", "%C3%A9=1"}, {"x=%C3%a9", "x=%C3%A9"}}) {
            HandSigned h = HandSigned.request("GET", "iam.amazonaws.com", "/", q[1], "iam").header("x-amz-date", AMZ_DATE)
                    .payloadHash(EMPTY_SHA);
            SignableRequest r = h.build().toBuilder().rawQuery(q[0]).build();
            VerificationResult v = verifier("iam").verify(r, SECRETS, NOW);
            assertAccepted(q[0], v);
            assertEquals(h.canonicalRequest(), v.canonicalRequest().orElseThrow());
        }
        for (String value : new String[] {"a\u0080b", "\u0080", "caf\u00e9", "a \u0080 b"}) {
            HandSigned h = HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam").header("x-amz-date", AMZ_DATE)
                    .header("x-amz-meta-v", value).payloadHash(EMPTY_SHA);
            VerificationResult v = verifier("iam").verify(h.build(), SECRETS, NOW);
            assertAccepted(value, v);
            assertEquals(h.canonicalRequest(), v.canonicalRequest().orElseThrow());
        }
    }
}
