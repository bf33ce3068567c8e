package dev.awssig.v4a.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The SigV4a key derivation's pieces: the constant-time comparison against n - 2 at its edges,
 * the KDF's first candidate computed here independently (NIST SP 800-108 counter mode, written
 * out byte by byte), the bounded cache, and the public key derived through the JDK's ECDH.
 */
class EcKeysTest {
    private static final BigInteger N = EcKeys.P256.getOrder();

    @Test
    void theCandidateIsRejectedOnlyAboveTheOrderMinusTwo() {
        byte[] nMinus2 = EcKeys.toBytes32(N.subtract(BigInteger.TWO));
        assertFalse(EcKeys.greaterThan(EcKeys.toBytes32(N.subtract(BigInteger.TWO)), nMinus2), "n - 2 is accepted");
        assertFalse(EcKeys.greaterThan(EcKeys.toBytes32(N.subtract(BigInteger.valueOf(3))), nMinus2));
        assertTrue(EcKeys.greaterThan(EcKeys.toBytes32(N.subtract(BigInteger.ONE)), nMinus2), "n - 1 is rejected");
        assertTrue(EcKeys.greaterThan(EcKeys.toBytes32(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)), nMinus2));
        assertFalse(EcKeys.greaterThan(new byte[32], nMinus2));
    }

    @Test
    void theScalarIsTheFirstKdfCandidatePlusOne() throws Exception {
        String id = "AKIDEXAMPLE";
        String secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(("AWS4A" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        java.io.ByteArrayOutputStream fixed = new java.io.ByteArrayOutputStream();
        fixed.write(new byte[] {0, 0, 0, 1});                                   // i = 1
        fixed.write("AWS4-ECDSA-P256-SHA256".getBytes(StandardCharsets.US_ASCII)); // label
        fixed.write(0);
        fixed.write(id.getBytes(StandardCharsets.US_ASCII));                     // context: id, counter 1
        fixed.write(1);
        fixed.write(new byte[] {0, 0, 1, 0});                                   // L = 256
        BigInteger candidate = new BigInteger(1, mac.doFinal(fixed.toByteArray()));
        assertTrue(candidate.compareTo(N.subtract(BigInteger.TWO)) <= 0, "the first candidate fits for this key");
        assertEquals(candidate.add(BigInteger.ONE), EcKeys.deriveScalar(id, secret));
    }

    @Test
    void thePublicKeyVerifiesThePrivateKeysSignaturesAndTheCacheIsBounded() throws Exception {
        EcKeys keys = new EcKeys(2);
        EcKeys.KeyPair a = keys.get("A", "secret-a");
        assertSame(a, keys.get("A", "secret-a"));
        keys.get("B", "secret-b");
        keys.get("C", "secret-c");
        assertEquals(2, keys.size());
        ECPublicKey pub = a.publicKey();
        assertSame(pub, a.publicKey());
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(a.privateKey());
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(pub);
        s.update(new byte[] {1, 2, 3});
        assertTrue(s.verify(sig));
        assertFalse(a.toString().contains("secret"));
    }

    @Test
    void aPointOffTheCurveIsNotAPublicKey() {
        assertThrows(IllegalArgumentException.class, () -> EcKeys.publicKey(BigInteger.ONE, BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> dev.awssig.v4a.SigV4aKeys.publicKey("zz", "01"));
    }
}
