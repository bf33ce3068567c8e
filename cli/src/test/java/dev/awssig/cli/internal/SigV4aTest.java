package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.v4a.SigV4aKeys;
import dev.awssig.v4a.SigV4aVerifier;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.auth.signing.AwsSigningConfig;
import software.amazon.awssdk.crt.auth.signing.AwsSigningUtils;
import software.amazon.awssdk.crt.http.HttpHeader;
import software.amazon.awssdk.crt.http.HttpRequest;

/**
 * {@code --v4a} and {@code --region-set} on {@code sign}, {@code presign} and batch: the
 * {@code AWS4-ECDSA-P256-SHA256} Authorization the command prints is accepted by aws-c-auth
 * (through aws-crt-java, an independent implementation), and its URLs by {@link SigV4aVerifier}.
 */
class SigV4aTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MRAP = "https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/photos/cat.jpg";
    private static final Credentials CREDS = Credentials.of(CliHarness.AKID, CliHarness.SECRET);

    @TempDir
    Path home;

    /** The header lines printed by {@code awssig sign}, by lower-case name. */
    private static Map<String, String> headers(CliHarness.Result r) {
        assertEquals(0, r.code, r::toString);
        Map<String, String> out = new HashMap<>();
        for (String line : r.out.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                out.put(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT), line.substring(colon + 2).strip());
            }
        }
        return out;
    }

    private static String hex32(BigInteger v) {
        String h = v.toString(16);
        return "0".repeat(64 - h.length()) + h;
    }

    @Test
    void signV4aWithRegionSetStarPrintsAnAuthorizationTheCrtAccepts() throws IOException {
        CliHarness h = CliHarness.withCredentials(home);
        Map<String, String> printed = headers(h.run("sign", "--v4a", "--region-set", "*", "--url", MRAP));
        String authorization = printed.get("authorization");
        assertTrue(authorization.startsWith("AWS4-ECDSA-P256-SHA256 Credential=" + CliHarness.AKID
                + "/20130524/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-region-set,"
                + " Signature="), authorization);
        assertEquals("*", printed.get("x-amz-region-set"));
        String signature = authorization.substring(authorization.indexOf("Signature=") + 10);

        // the canonical request of the same command (deterministic; only the ECDSA signature is random)
        JsonNode json = JSON.readTree(h.run("sign", "--v4a", "--region-set", "*", "--url", MRAP, "--json").out);
        String canonicalRequest = json.get("canonicalRequest").asText();
        assertNotEquals(signature, json.get("signature").asText(), "ECDSA signatures are randomized");

        ECPublicKey key = SigV4aKeys.publicKey(CREDS);
        HttpRequest unsigned = new HttpRequest("GET", "/photos/cat.jpg",
                new HttpHeader[] {new HttpHeader("Host", "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com")},
                null);
        try (AwsSigningConfig c = new AwsSigningConfig()) {
            c.setAlgorithm(AwsSigningConfig.AwsSigningAlgorithm.SIGV4_ASYMMETRIC);
            c.setSignatureType(AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_HEADERS);
            c.setRegion("*");
            c.setService("s3");
            c.setTime(CliHarness.NOW.toEpochMilli());
            c.setCredentials(new software.amazon.awssdk.crt.auth.credentials.Credentials(
                    CliHarness.AKID.getBytes(StandardCharsets.UTF_8), CliHarness.SECRET.getBytes(StandardCharsets.UTF_8),
                    null));
            c.setUseDoubleUriEncode(false);
            c.setShouldNormalizeUriPath(false);
            c.setSignedBodyHeader(AwsSigningConfig.AwsSignedBodyHeaderType.X_AMZ_CONTENT_SHA256);
            assertTrue(AwsSigningUtils.verifySigv4aEcdsaSignature(unsigned, canonicalRequest, c,
                    signature.getBytes(StandardCharsets.US_ASCII), hex32(key.getW().getAffineX()),
                    hex32(key.getW().getAffineY())), "the CRT accepts the printed Authorization");
        }
    }

    @Test
    void presignV4aPutsTheRegionSetInTheUrl() throws IOException {
        CliHarness h = CliHarness.withCredentials(home);
        CliHarness.Result r = h.run("presign", "s3://examplebucket/test.txt", "--v4a", "--region-set",
                "us-east-1,us-west-2", "--expires", "10m", "--json");
        assertEquals(0, r.code, r::toString);
        JsonNode json = JSON.readTree(r.out);
        String url = json.get("url").asText();
        assertTrue(url.contains("X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&"), url);
        assertTrue(url.contains("&X-Amz-Region-Set=us-east-1%2Cus-west-2&X-Amz-Signature="), url);
        assertTrue(json.get("canonicalRequest").asText().contains("X-Amz-Region-Set=us-east-1%2Cus-west-2"));
        VerificationResult v = SigV4aVerifier.create(SigningConfig.builder().region("us-west-2").build())
                .verify(SignableRequest.builder().method("GET").uri(url).build(), SecretLookup.of(CREDS),
                        CliHarness.NOW.plusSeconds(60));
        assertTrue(v.isValid(), v::toString);
    }

    @Test
    void batchLinesTakeAlgorithmV4aAndARegionSet() throws IOException {
        CliHarness h = CliHarness.withCredentials(home)
                .stdin("{\"url\":\"" + MRAP + "\",\"algorithm\":\"v4a\",\"regionSet\":\"*\"}\n"
                        + "{\"url\":\"" + MRAP + "\",\"algorithm\":\"v4a\"}\n"
                        + "{\"url\":\"" + MRAP + "\",\"regionSet\":\"*\"}\n");
        CliHarness.Result r = h.run("sign", "--batch");
        String[] lines = r.out.strip().split("\n");
        assertEquals(3, lines.length, r::toString);
        SigV4aVerifier verifier = SigV4aVerifier.create(SigningConfig.builder().region("us-east-1").build());
        for (int i = 0; i < 2; i++) {
            JsonNode line = JSON.readTree(lines[i]);
            assertEquals("AWS4-ECDSA-P256-SHA256", line.get("algorithm").asText(), lines[i]);
            SignableRequest.Builder b = SignableRequest.builder().method("GET").uri(line.get("url").asText());
            for (JsonNode hdr : line.get("headers")) {
                b.header(hdr.get(0).asText(), hdr.get(1).asText());
            }
            VerificationResult v = verifier.verify(b.build(), SecretLookup.of(CREDS), CliHarness.NOW);
            assertTrue(v.isValid(), v::toString);
        }
        assertTrue(lines[0].contains("x-amz-region-set:*"), lines[0]);
        assertTrue(lines[1].contains("x-amz-region-set:us-east-1"), "without a region set: the region");
        JsonNode error = JSON.readTree(lines[2]);
        assertTrue(error.get("error").asText().contains("regionSet: a region set is for SigV4a only"), lines[2]);
    }

    @Test
    void aRegionSetWithoutV4aOrAMalformedOneIsAUserMistake() {
        CliHarness h = CliHarness.withCredentials(home);
        CliHarness.Result plain = h.run("sign", "--region-set", "*", "--url", MRAP);
        assertEquals(Cli.EXIT_USAGE, plain.code, plain::toString);
        assertTrue(plain.err.contains("--region-set: a region set is for SigV4a only; add --v4a"), plain.err);
        CliHarness.Result bad = h.run("presign", "--v4a", "--region-set", "us-east-1,", "s3://b/k");
        assertEquals(Cli.EXIT_USAGE, bad.code, bad::toString);
        assertTrue(bad.err.contains("--region-set:"), bad.err);
        CliHarness.Result both = h.run("presign", "--v4a", "--v2", "s3://b/k");
        assertEquals(Cli.EXIT_USAGE, both.code, both::toString);
    }
}
