package dev.awssig.v2.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.MalformedTextException;
import dev.awssig.internal.ScratchPool;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA1 and HMAC-SHA256 keyed with a secret access key, with one {@link Mac} per thread and
 * algorithm that stays keyed for the last secret used (recognised by identity, so a secret is
 * never compared by value). Signing many requests with the same credentials thus costs one
 * HMAC each, with no re-keying.
 */
public final class Macs {
    /** Everything per thread in one place, so that a signature costs one thread-local lookup. */
    private static final ThreadLocal<Buffers> LOCAL = ThreadLocal.withInitial(Buffers::new);
    /** The buffers of calls on virtual threads (see {@link ScratchPool}): not kept by the thread. */
    private static final ScratchPool<Buffers> POOL = ScratchPool.forCarriers();

    private Macs() {
    }

    /**
     * Base64 of the HMAC of the UTF-8 form of a string.
     *
     * @param algorithm {@link Crypto#HMAC_SHA1} or {@link Crypto#HMAC_SHA256}
     * @param secret the secret access key
     * @param data the string to sign
     * @return the Base64 signature
     */
    public static String base64Hmac(String algorithm, String secret, String data) {
        return Base64.getEncoder().encodeToString(hmac(algorithm, secret, utf8(data)));
    }

    /**
     * The UTF-8 form of a string to sign, refusing a lone surrogate (which {@link String#getBytes}
     * would silently write as {@code ?}).
     *
     * @param data the text
     * @return its UTF-8 bytes
     * @throws MalformedTextException when the text has a lone UTF-16 surrogate
     */
    static byte[] utf8(CharSequence data) {
        int at = Text.loneSurrogate(data);
        if (at >= 0) {
            throw Text.loneSurrogate("string to sign", at);
        }
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The HMAC of bytes.
     *
     * @param algorithm {@link Crypto#HMAC_SHA1} or {@link Crypto#HMAC_SHA256}
     * @param secret the secret access key
     * @param data the bytes
     * @return the MAC
     */
    public static byte[] hmac(String algorithm, String secret, byte[] data) {
        Buffers b = buffers();
        try {
            return b.keyed(algorithm, secret).mac.doFinal(data);
        } finally {
            release(b);
        }
    }


    /**
     * This thread's buffers and MACs, for a caller that needs several of them for one signature;
     * on a virtual thread, buffers borrowed from a small pool shared by the virtual threads (so a
     * virtual thread neither builds nor keeps its own). Give them back with {@link #release}.
     *
     * @return the buffers for this call
     */
    public static Buffers buffers() {
        if (ScratchPool.currentThreadIsVirtual()) {
            Buffers b = POOL.take();
            if (b == null) {
                b = new Buffers();
            }
            b.pooled = true;
            return b;
        }
        return LOCAL.get();
    }

    /**
     * Ends a call's use of {@link #buffers()}: buffers borrowed on a virtual thread go back to the
     * pool (a thread's own stay with it). Call it after wiping what must not stay; buffers not
     * released are simply left to the garbage collector.
     *
     * @param b the buffers
     */
    public static void release(Buffers b) {
        if (b.pooled) {
            b.pooled = false;
            POOL.give(b);
        }
    }

    private static String base64HmacOf(Slot slot, CharSequence data, StringBuilder url) {
        byte[] b64 = slot.base64;
        int len = macBase64(slot, data);
        if (url != null) {
            char[] enc = slot.urlEncoded;
            int k = 0;
            for (int i = 0; i < len; i++) {
                byte c = b64[i];
                if (c == '+' || c == '/' || c == '=') {
                    enc[k] = '%';
                    enc[k + 1] = c == '+' ? '2' : c == '/' ? '2' : '3';
                    enc[k + 2] = c == '+' ? 'B' : c == '/' ? 'F' : 'D';
                    k += 3;
                } else {
                    enc[k++] = (char) c;
                }
            }
            url.append(enc, 0, k);
        }
        return new String(b64, 0, len, StandardCharsets.ISO_8859_1);
    }

    /**
     * The Base64 HMAC of the UTF-8 form of {@code data} into {@code slot.base64}; returns its
     * length. The bytes fed to the MAC are left in {@code slot.data} up to {@code slot.fed}.
     */
    private static int macBase64(Slot slot, CharSequence data) {
        int n = data.length();
        byte[] buf = slot.data;
        if (buf.length < n) {
            buf = new byte[Math.max(n, buf.length * 2)];
            slot.data = buf;
        }
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            buf[i] = (byte) c;
        }
        if (ascii) {
            slot.mac.update(buf, 0, n);
            slot.fed = n;
        } else {
            slot.mac.update(utf8(data));
            slot.fed = 0;
        }
        try {
            slot.mac.doFinal(slot.out, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        return Base64.getEncoder().encode(slot.out, slot.base64);
    }


    /**
     * One thread's text buffers and keyed MACs. Not thread-safe: use it on the thread that got it
     * from {@link #buffers()}, within one signature.
     */
    public static final class Buffers {
        private final StringBuilder text = new StringBuilder(256);
        private final StringBuilder url = new StringBuilder(256);
        private Slot sha1;
        private Slot sha256;
        /** Whether these buffers were borrowed from {@link #POOL} (on a virtual thread). */
        private boolean pooled;

        private Buffers() {
        }

        /**
         * The string-to-sign buffer, emptied.
         *
         * @return the empty buffer
         */
        public StringBuilder text() {
            text.setLength(0);
            return text;
        }

        /**
         * The URL buffer, emptied.
         *
         * @return the empty buffer
         */
        public StringBuilder url() {
            url.setLength(0);
            return url;
        }

        /**
         * Overwrites with zeros everything these buffers kept of the last signature: the string to
         * sign and the URL (whose backing arrays outlive {@code setLength(0)}) and the bytes fed to
         * the MACs. A signer calls it when a session token went through them, so that the token
         * does not stay on the thread.
         */
        public void wipe() {
            zero(text);
            zero(url);
            if (sha1 != null) {
                java.util.Arrays.fill(sha1.data, (byte) 0);
            }
            if (sha256 != null) {
                java.util.Arrays.fill(sha256.data, (byte) 0);
            }
        }

        private static void zero(StringBuilder sb) {
            sb.setLength(0);
            sb.setLength(sb.capacity()); // fills the whole backing array with '\0'
            sb.setLength(0);
        }

        /**
         * The Base64 HMAC of the UTF-8 form of {@code data} with this thread's MAC, without
         * intermediate byte arrays (the only allocation is the returned string), also appending it
         * percent-encoded for a query string ({@code +}, {@code /} and {@code =} as {@code %2B},
         * {@code %2F}, {@code %3D}) to {@code urlOut} in one append when given.
         *
         * @param algorithm {@code HmacSHA1} or {@code HmacSHA256}
         * @param secret the key (UTF-8)
         * @param data the text
         * @param urlOut where to append the percent-encoded MAC, or null
         * @return the Base64 MAC
         * @throws MalformedTextException when the text has a lone UTF-16 surrogate
         */
        public String base64HmacOf(String algorithm, String secret, CharSequence data, StringBuilder urlOut) {
            return Macs.base64HmacOf(keyed(algorithm, secret), data, urlOut);
        }

        /**
         * Whether the Base64 HMAC of the UTF-8 form of {@code data} is {@code given}, compared in
         * constant time, without intermediate byte arrays or strings; with {@code spaceAsPlus}
         * a space in {@code given} reads as {@code +} (a {@code +} left unencoded in a query
         * decodes to a space, and Base64 has no spaces). What {@code data} put into these buffers
         * is overwritten before this returns, and so is the string-to-sign buffer
         * ({@link #text()}): a verifier's text came from a client.
         *
         * @param algorithm {@code HmacSHA1} or {@code HmacSHA256}
         * @param secret the key (UTF-8)
         * @param data the text
         * @param given the signature the request carried
         * @param spaceAsPlus whether a space in {@code given} stands for {@code +}
         * @return whether they are equal
         * @throws MalformedTextException when the text has a lone UTF-16 surrogate
         */
        public boolean base64HmacMatches(String algorithm, String secret, CharSequence data, String given,
                                         boolean spaceAsPlus) {
            Slot slot = keyed(algorithm, secret);
            int len;
            try {
                len = macBase64(slot, data);
            } finally {
                java.util.Arrays.fill(slot.data, 0, slot.fed, (byte) 0);
                if (data == text) {
                    // what the request put there: the text's own length (what lies beyond was
                    // overwritten by the call that wrote it, if it held a token)
                    int n = text.length();
                    text.setLength(0);
                    text.setLength(n); // fills [0, n) with '\0'
                    text.setLength(0);
                }
            }
            if (given.length() != len) {
                return false;
            }
            byte[] b64 = slot.base64;
            int diff = 0;
            for (int i = 0; i < len; i++) {
                char c = given.charAt(i);
                diff |= (spaceAsPlus && c == ' ' ? '+' : c) ^ b64[i];
            }
            return diff == 0;
        }

        Slot keyed(String algorithm, String secret) {
            Slot slot;
            if (Crypto.HMAC_SHA1.equals(algorithm)) {
                slot = sha1 != null ? sha1 : (sha1 = new Slot(Crypto.HMAC_SHA1));
            } else if (Crypto.HMAC_SHA256.equals(algorithm)) {
                slot = sha256 != null ? sha256 : (sha256 = new Slot(Crypto.HMAC_SHA256));
            } else {
                throw new IllegalArgumentException("SignatureMethod: unsupported '" + algorithm
                        + "', expected HmacSHA1 or HmacSHA256");
            }
            return Macs.key(slot, algorithm, secret);
        }
    }

    private static Slot key(Slot slot, String algorithm, String secret) {
        if (slot.secret != secret) {
            try {
                slot.mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            } catch (InvalidKeyException e) {
                slot.secret = null;
                throw new SigningException("could not key " + algorithm, e);
            }
            slot.secret = secret;
        }
        return slot;
    }

    private static final class Slot {
        final Mac mac;
        String secret;
        byte[] data = new byte[256];
        /** How much of {@link #data} the last MAC was fed from. */
        int fed;
        final byte[] out;
        final byte[] base64;
        /** {@link #base64} percent-encoded for a query string (at most three chars per byte). */
        final char[] urlEncoded;

        Slot(String algorithm) {
            this.mac = Crypto.newMac(algorithm);
            this.out = new byte[mac.getMacLength()];
            this.base64 = new byte[(out.length + 2) / 3 * 4];
            this.urlEncoded = new char[base64.length * 3];
        }
    }
}
