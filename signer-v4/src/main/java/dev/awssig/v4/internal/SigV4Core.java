package dev.awssig.v4.internal;

import dev.awssig.internal.Hex;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * The SigV4 computation shared by signer, presigner and verifier: canonical request into a
 * per-thread buffer, its SHA-256 fed straight from the buffer, the string to sign, and the HMAC
 * with a per-thread {@link Mac} kept keyed with the last signing key.
 */
final class SigV4Core {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final byte[] STS_PREFIX = "AWS4-HMAC-SHA256\n".getBytes(StandardCharsets.US_ASCII);

    private SigV4Core() {
    }

    /**
     * Writes the canonical request and string to sign into the scratch buffers and returns the
     * hex signature. The headers must be in {@code s.names/s.values}, sorted.
     */
    static String compute(Scratch s, String method, String rawPath, boolean normalize, boolean doubleEncode,
                          String rawQuery, String[] extraNames, String[] extraValues, int extraCount,
                          String skip1, String skip2, int headerCount, String signedHeaders, String payloadHash,
                          String amzDate, SigningKey key) {
        ByteBuf c = s.creq;
        c.append(method).append('\n');
        Canonical.appendUri(c, rawPath, normalize, doubleEncode);
        c.append('\n');
        Canonical.appendQuery(c, rawQuery, extraNames, extraValues, extraCount, skip1, skip2);
        c.append('\n');
        Canonical.appendHeaders(c, s.names, s.values, headerCount);
        c.append('\n').append(signedHeaders).append('\n').append(payloadHash);

        s.sha.update(c.buf, 0, c.len); // the digest is left reset by every digest() call
        try {
            s.sha.digest(s.hash, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        ByteBuf t = s.sts;
        t.append(STS_PREFIX).append(amzDate).append('\n').append(key.scope).append('\n').appendHex(s.hash, 32);
        Mac mac = s.mac(key.spec);
        mac.update(t.buf, 0, t.len);
        try {
            mac.doFinal(s.sig, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        Hex.encodeTo(s.sig, s.sigHex, 0);
        return new String(s.sigHex, 0, 64, StandardCharsets.ISO_8859_1);
    }
}
