package dev.awssig.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.benchmarks.floor.MacFloor;
import dev.awssig.benchmarks.floor.SigV4Floor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The correctness gate and the floors, without measuring anything: a wrong signature must stop
 * a benchmark, and the floors must reproduce the published signatures from the published
 * canonical requests and strings to sign on their own.
 */
class GateTest {
    @Test
    void aDifferentSignatureStopsTheBenchmark() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Check.same("peer", Fixtures.GetObject.SIGNATURE, Fixtures.Presign.SIGNATURE));
        assertTrue(e.getMessage().contains("refusing to benchmark a wrong answer"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Check.same("peer", Fixtures.GetObject.SIGNATURE, null));
        assertEquals(Fixtures.GetObject.SIGNATURE,
                Check.same("peer", Fixtures.GetObject.SIGNATURE, Fixtures.GetObject.SIGNATURE));
    }

    @Test
    void signaturesAreReadFromHeadersAndUrls() {
        assertEquals("abc", Check.sigV4FromAuthorization(
                "AWS4-HMAC-SHA256 Credential=A/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc"));
        assertEquals("bWq2s1WEIj+Ydj0vQ697zp+IXMU=",
                Check.sigV2FromAuthorization("AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="));
        assertEquals("x%2By", Check.queryParam("https://h/p?A=1&X-Amz-Signature=x%2By&B=2", "X-Amz-Signature"));
        assertThrows(IllegalStateException.class, () -> Check.queryParam("https://h/p?A=1", "X-Amz-Signature"));
    }

    @Test
    void sigV4FloorReproducesThePublishedSignatures() {
        SigV4Floor get = new SigV4Floor(Fixtures.GetObject.CANONICAL_REQUEST,
                SigV4Floor.prefixOf(Fixtures.GetObject.STRING_TO_SIGN),
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20130524", Fixtures.REGION, "s3"));
        assertEquals(Fixtures.GetObject.SIGNATURE, Check.hex(get.sign()));
        assertEquals(Fixtures.GetObject.SIGNATURE, Check.hex(get.sign()), "the same on reuse");
        SigV4Floor iam = new SigV4Floor(Fixtures.IamListUsers.CANONICAL_REQUEST,
                SigV4Floor.prefixOf(Fixtures.IamListUsers.STRING_TO_SIGN),
                SigV4Floor.signingKey(Fixtures.SUITE_SECRET, "20150830", Fixtures.REGION, "iam"));
        assertEquals(Fixtures.IamListUsers.SIGNATURE, Check.hex(iam.sign()));
    }

    @Test
    void sigV4FloorDependsOnTheCanonicalRequest() {
        SigV4Floor other = new SigV4Floor(Fixtures.GetObject.CANONICAL_REQUEST + " ",
                SigV4Floor.prefixOf(Fixtures.GetObject.STRING_TO_SIGN),
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20130524", Fixtures.REGION, "s3"));
        assertFalse(Fixtures.GetObject.SIGNATURE.equals(Check.hex(other.sign())));
    }

    @Test
    void macFloorsReproduceThePublishedSigV2AndPostSignatures() {
        byte[] secret = Fixtures.S3_SECRET.getBytes(StandardCharsets.UTF_8);
        assertEquals(Fixtures.SigV2Get.SIGNATURE,
                Check.base64(new MacFloor("HmacSHA1", secret, Fixtures.SigV2Get.STRING_TO_SIGN).sign()));
        assertEquals(Fixtures.SigV2Presign.SIGNATURE,
                Check.base64(new MacFloor("HmacSHA1", secret, Fixtures.SigV2Presign.STRING_TO_SIGN).sign()));
        assertEquals(Fixtures.PostV4.SIGNATURE, Check.hex(new MacFloor("HmacSHA256",
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20151229", Fixtures.REGION, "s3"),
                Fixtures.PostV4.POLICY_BASE64).sign()));
        assertEquals(Fixtures.PostV2.SIGNATURE, Check.base64(new MacFloor("HmacSHA1",
                Fixtures.PostV2.SECRET.getBytes(StandardCharsets.UTF_8), Fixtures.PostV2.POLICY_BASE64).sign()));
    }
}
