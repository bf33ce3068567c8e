package dev.awssig.v4a.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.BoundedCache;
import dev.awssig.internal.Crypto;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;

/**
 * The SigV4a key derivation: the P-256 private key of a pair of credentials, from the secret
 * access key by the counter-mode HMAC-SHA256 KDF of NIST SP 800-108 (key {@code "AWS4A" + secret},
 * label {@code AWS4-ECDSA-P256-SHA256}, context the access key id and a one-byte counter, output
 * length 256 bits). A candidate above n - 2 (n the order of the curve) is rejected and the
 * counter incremented; the private key is the candidate plus one, so it lies in [1, n - 1].
 *
 * <p>Derived keys are kept in a bounded, thread-safe least-recently-used cache (reads take no
 * lock), so a flood of credentials cannot grow memory. The public key, which a verifier needs, is derived from the
 * private key with the JDK's own EC code: the x coordinate of d·G is the ECDH secret of d and
 * the generator, y follows from the curve equation, and the sign of y is the one that verifies
 * a signature made with d.
 */
public final class EcKeys {
    /** Default number of cached key pairs. */
    public static final int DEFAULT_CAPACITY = 256;

    /** The KDF's label, also the algorithm name. */
    private static final byte[] LABEL = "AWS4-ECDSA-P256-SHA256".getBytes(StandardCharsets.US_ASCII);
    /** The KDF's counter-mode prefix i = 1 and the output length L = 256, both 32-bit big-endian. */
    private static final byte[] ONE = {0, 0, 0, 1};
    private static final byte[] LENGTH_256 = {0, 0, 1, 0};
    private static final int MAX_COUNTER = 254;

    /** P-256: the curve parameters, from the JDK. */
    static final ECParameterSpec P256 = p256();
    /** The order n of P-256, minus 2, big-endian. */
    private static final byte[] N_MINUS_2 = toBytes32(P256.getOrder().subtract(BigInteger.TWO));

    private static final EcKeys SHARED = new EcKeys(DEFAULT_CAPACITY);

    private final BoundedCache<Id, KeyPair> cache;

    /**
     * A cache of at most {@code capacity} key pairs.
     *
     * @param capacity at least 1
     */
    public EcKeys(int capacity) {
        this.cache = new BoundedCache<>(capacity);
    }

    /**
     * The process-wide shared cache.
     *
     * @return the cache
     */
    public static EcKeys shared() {
        return SHARED;
    }

    /**
     * The key pair of a pair of credentials, from the cache or derived and cached.
     *
     * @param accessKeyId the access key id (the KDF's context)
     * @param secret the secret access key
     * @return the key pair
     */
    public KeyPair get(String accessKeyId, String secret) {
        return cache.get(new Id(accessKeyId, secret), EcKeys::derive);
    }

    private static KeyPair derive(Id id) {
        return new KeyPair(id.accessKeyId, id.secret, privateKey(deriveScalar(id.accessKeyId, id.secret)));
    }

    /**
     * The number of cached key pairs.
     *
     * @return the size
     */
    public int size() {
        return cache.size();
    }

    /**
     * Derives the private scalar d of a pair of credentials (no cache).
     *
     * @param accessKeyId the access key id
     * @param secret the secret access key
     * @return d, in [1, n - 1]
     */
    public static BigInteger deriveScalar(String accessKeyId, String secret) {
        byte[] key = ("AWS4A" + secret).getBytes(StandardCharsets.UTF_8);
        byte[] context = accessKeyId.getBytes(StandardCharsets.UTF_8);
        Mac mac = Crypto.mac(Crypto.HMAC_SHA256, key);
        Arrays.fill(key, (byte) 0);
        byte[] candidate = new byte[32];
        try {
            for (int counter = 1; counter <= MAX_COUNTER; counter++) {
                mac.update(ONE);
                mac.update(LABEL);
                mac.update((byte) 0);
                mac.update(context);
                mac.update((byte) counter);
                mac.update(LENGTH_256);
                mac.doFinal(candidate, 0);
                if (!greaterThan(candidate, N_MINUS_2)) {
                    return new BigInteger(1, candidate).add(BigInteger.ONE);
                }
            }
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(candidate, (byte) 0);
        }
        // probability about 2^(-32 * 254): not reachable with HMAC-SHA256
        throw new SigningException("SigV4a key derivation found no valid key in " + MAX_COUNTER + " tries");
    }

    /**
     * Whether big-endian {@code a > b} (same length), in constant time: the comparison does not
     * branch on the secret candidate's bytes.
     */
    static boolean greaterThan(byte[] a, byte[] b) {
        int gt = 0;
        int eq = 1;
        for (int i = 0; i < a.length; i++) {
            int x = a[i] & 0xff;
            int y = b[i] & 0xff;
            gt |= ((y - x) >>> 31) & eq;
            eq &= (((x ^ y) - 1) >>> 31);
        }
        return gt == 1;
    }

    private static ECPrivateKey privateKey(BigInteger d) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, P256));
        } catch (GeneralSecurityException e) {
            throw new SigningException("the JDK cannot build a P-256 private key", e);
        }
    }

    /**
     * A P-256 public key from its coordinates.
     *
     * @param x the x coordinate
     * @param y the y coordinate
     * @return the key
     * @throws IllegalArgumentException if the point is not on the curve
     */
    public static ECPublicKey publicKey(BigInteger x, BigInteger y) {
        BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0
                || !y.multiply(y).subtract(curveRight(x, p)).mod(p).equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException("public key: the point is not on P-256");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y),
                    P256));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("public key: not a valid P-256 key", e);
        }
    }

    /** x^3 + a x + b mod p. */
    private static BigInteger curveRight(BigInteger x, BigInteger p) {
        return x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
    }

    /** d·G with the JDK's EC: x from ECDH with the generator, y from the curve, its sign by a signature. */
    static ECPublicKey derivePublicKey(ECPrivateKey privateKey) {
        try {
            ECPublicKey generator = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(
                    new ECPublicKeySpec(P256.getGenerator(), P256));
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(privateKey);
            ka.doPhase(generator, true);
            BigInteger x = new BigInteger(1, ka.generateSecret());
            BigInteger p = ((ECFieldFp) P256.getCurve().getField()).getP();
            // p = 3 mod 4: a square root is a power (p + 1) / 4
            BigInteger y = curveRight(x, p).modPow(p.add(BigInteger.ONE).shiftRight(2), p);
            byte[] probe = "awssig SigV4a public key".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
            s.initSign(privateKey);
            s.update(probe);
            byte[] signature = s.sign();
            ECPublicKey candidate = publicKey(x, y);
            s.initVerify(candidate);
            s.update(probe);
            if (s.verify(signature)) {
                return candidate;
            }
            ECPublicKey other = publicKey(x, p.subtract(y));
            s.initVerify(other);
            s.update(probe);
            if (s.verify(signature)) {
                return other;
            }
            throw new SigningException("the JDK's EC gave no public key that verifies its own signature");
        } catch (GeneralSecurityException e) {
            throw new SigningException("the JDK cannot compute a P-256 public key", e);
        }
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError("the JDK has no P-256 (secp256r1): " + e);
        }
    }

    /** A non-negative value below 2^256 as 32 big-endian bytes. */
    static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    /** The cache key: the credentials (the secret matters, so a rotated secret is a new key). */
    private record Id(String accessKeyId, String secret) {
        @Override
        public String toString() {
            return "Id[" + accessKeyId + "]";
        }
    }

    /**
     * A derived key pair: the private key for signing, the public key (derived when first asked)
     * for verifying. Immutable and thread-safe.
     */
    public static final class KeyPair {
        final String accessKeyId;
        private final String secret;
        final ECPrivateKey privateKey;
        private volatile ECPublicKey publicKey;

        KeyPair(String accessKeyId, String secret, ECPrivateKey privateKey) {
            this.accessKeyId = accessKeyId;
            this.secret = secret;
            this.privateKey = privateKey;
        }

        /**
         * Whether these are the keys of the given credentials.
         *
         * @param id the access key id
         * @param sec the secret
         * @return true when both are equal
         */
        public boolean matches(String id, String sec) {
            return accessKeyId.equals(id) && secret.equals(sec);
        }

        /**
         * The access key id.
         *
         * @return the id
         */
        public String accessKeyId() {
            return accessKeyId;
        }

        /**
         * The private key.
         *
         * @return the key
         */
        public ECPrivateKey privateKey() {
            return privateKey;
        }

        /**
         * The public key (computed once, when first asked).
         *
         * @return the key
         */
        public ECPublicKey publicKey() {
            ECPublicKey k = publicKey;
            if (k == null) {
                k = derivePublicKey(privateKey);
                publicKey = k;
            }
            return k;
        }

        /**
         * A description without the keys.
         *
         * @return the description
         * @since 0.2.0
         */
        @Override
        public String toString() {
            return "EcKeys.KeyPair[" + accessKeyId + "]";
        }
    }
}
