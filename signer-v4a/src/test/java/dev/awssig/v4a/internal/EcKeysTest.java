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

    /**
     * The public key of many credentials verifies their private key's signatures (the JDK's own
     * ECDSA): the square root the derivation takes is the right y for about half of them, its
     * negation for the rest, so both branches are taken.
     */
    @Test
    void thePublicKeyOfEveryCredentialVerifiesItsPrivateKeysSignature() throws Exception {
        EcKeys keys = new EcKeys(64);
        BigInteger p = ((java.security.spec.ECFieldFp) EcKeys.P256.getCurve().getField()).getP();
        int even = 0;
        for (int i = 0; i < 24; i++) {
            EcKeys.KeyPair pair = keys.get("AKID" + i, "secret-" + i);
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(pair.privateKey());
            s.update(new byte[] {(byte) i});
            byte[] sig = s.sign();
            ECPublicKey pub = pair.publicKey();
            s.initVerify(pub);
            s.update(new byte[] {(byte) i});
            assertTrue(s.verify(sig), "AKID" + i);
            BigInteger y = pub.getW().getAffineY();
            assertTrue(y.signum() > 0 && y.compareTo(p) < 0);
            even += y.testBit(0) ? 0 : 1;
        }
        assertTrue(even > 0 && even < 24, "both signs of y: " + even + " even of 24");
    }

    /** A coordinate is in [0, p): a point given with x or y plus or minus p is the same point mod p, and refused. */
    @Test
    void eachCoordinateMustBeBelowPAndNotNegative() {
        ECPublicKey pub = new EcKeys(1).get("A", "s").publicKey();
        BigInteger x = pub.getW().getAffineX();
        BigInteger y = pub.getW().getAffineY();
        BigInteger p = ((java.security.spec.ECFieldFp) EcKeys.P256.getCurve().getField()).getP();
        assertEquals(pub.getW(), EcKeys.publicKey(x, y).getW());
        assertThrows(IllegalArgumentException.class, () -> EcKeys.publicKey(x.add(p), y));
        assertThrows(IllegalArgumentException.class, () -> EcKeys.publicKey(x, y.add(p)));
        assertThrows(IllegalArgumentException.class, () -> EcKeys.publicKey(x.subtract(p), y));
        assertThrows(IllegalArgumentException.class, () -> EcKeys.publicKey(x, y.subtract(p)));
        // the points with x = 0 exist when b is a square mod p (p = 3 mod 4: the root is b^((p+1)/4))
        BigInteger b = EcKeys.P256.getCurve().getB();
        BigInteger root = b.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        if (root.multiply(root).mod(p).equals(b.mod(p))) {
            assertEquals(BigInteger.ZERO, EcKeys.publicKey(BigInteger.ZERO, root).getW().getAffineX());
            assertThrows(IllegalArgumentException.class, () -> EcKeys.publicKey(p, root));
        }
    }

    @Test
    void aKeyPairKnowsItsCredentialsAndShowsNoSecret() {
        EcKeys.KeyPair pair = new EcKeys(1).get("AKIDMATCH", "the-secret");
        assertTrue(pair.matches("AKIDMATCH", "the-secret"));
        assertFalse(pair.matches("AKIDMATCH", "another-secret"), "a rotated secret is another key");
        assertFalse(pair.matches("AKIDOTHER", "the-secret"));
        assertEquals("AKIDMATCH", pair.accessKeyId());
        assertTrue(pair.toString().contains("AKIDMATCH"), pair.toString());
        assertFalse(pair.toString().contains("the-secret"), pair.toString());
    }
}
