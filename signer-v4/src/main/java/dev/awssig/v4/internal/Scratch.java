package dev.awssig.v4.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-thread working state of the signer and verifier: canonical-request and string-to-sign
 * buffers, a SHA-256 digest, an HMAC-SHA256 {@link Mac} that stays keyed with the last signing
 * key used on this thread, and header arrays. Nothing here outlives one call except as reusable
 * capacity.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    final ByteBuf creq = new ByteBuf(1024);
    final ByteBuf sts = new ByteBuf(256);
    final byte[] hash = new byte[32];
    final byte[] sig = new byte[32];
    final byte[] sigHex = new byte[64];
    /** The headers the signer sets: display name, lower-case name, value, whether signed. */
    final String[] oName = new String[9];
    final String[] oLower = new String[9];
    final String[] oValue = new String[9];
    final boolean[] oSigned = new boolean[9];
    int oCount;
    /** Which of the signer's own headers the request already had, and whether it had Authorization. */
    final boolean[] oPresent = new boolean[9];
    boolean hadAuthorization;
    final MessageDigest sha = Crypto.newDigest("SHA-256");
    final StringBuilder signedHeaders = new StringBuilder(128);
    /** The last signed-headers list and its names, reused when the next request has the same. */
    String lastSignedHeaders;
    List<String> lastSignedHeaderList;
    /** Lower-case forms of header names seen on this thread (bounded). */
    private final java.util.HashMap<String, String> lowerNames = new java.util.HashMap<>();
    String[] names = new String[16];
    String[] values = new String[16];
    private final Mac mac = Crypto.newMac(Crypto.HMAC_SHA256);
    private SecretKeySpec keyedWith;

    static Scratch get() {
        Scratch s = LOCAL.get();
        s.creq.reset();
        s.sts.reset();
        s.signedHeaders.setLength(0);
        return s;
    }

    /** The lower-case form of a header name, cached for the names this thread sees often. */
    String lower(String name) {
        String l = lowerNames.get(name);
        if (l == null) {
            l = Canonical.lower(name);
            if (lowerNames.size() >= 256) {
                lowerNames.clear();
            }
            lowerNames.put(name, l);
        }
        return l;
    }

    /** The signed-headers list as a string and a list, reusing the last ones when equal. */
    String signedHeaders(String[] sortedNames, int n) {
        List<String> last = lastSignedHeaderList;
        if (last != null && sameDistinct(sortedNames, n, last)) {
            return lastSignedHeaders;
        }
        StringBuilder sb = signedHeaders;
        sb.setLength(0);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && sortedNames[i].equals(sortedNames[i - 1])) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(sortedNames[i]);
            distinct++;
        }
        String[] list = new String[distinct];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && sortedNames[i].equals(sortedNames[i - 1])) {
                continue;
            }
            list[k++] = sortedNames[i];
        }
        lastSignedHeaders = sb.toString();
        lastSignedHeaderList = List.of(list);
        return lastSignedHeaders;
    }

    private static boolean sameDistinct(String[] sortedNames, int n, List<String> last) {
        int k = 0;
        int size = last.size();
        for (int i = 0; i < n; i++) {
            if (i > 0 && sortedNames[i].equals(sortedNames[i - 1])) {
                continue;
            }
            if (k >= size || !sortedNames[i].equals(last.get(k))) {
                return false;
            }
            k++;
        }
        return k == size;
    }

    void ensureHeaderCapacity(int n) {
        if (names.length < n) {
            names = new String[Math.max(n, names.length * 2)];
            values = new String[names.length];
        }
    }

    void clearHeaders(int n) {
        for (int i = 0; i < n; i++) {
            names[i] = null;
            values[i] = null;
        }
    }

    /** This thread's Mac keyed with the given key (re-keyed only when the key changes). */
    Mac mac(SecretKeySpec key) {
        if (keyedWith != key) {
            try {
                mac.init(key);
            } catch (GeneralSecurityException e) {
                throw new SigningException("could not key HmacSHA256", e);
            }
            keyedWith = key;
        }
        return mac;
    }
}
