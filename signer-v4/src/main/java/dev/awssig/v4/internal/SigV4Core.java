package dev.awssig.v4.internal;

import dev.awssig.internal.Hex;
import dev.awssig.internal.MalformedTextException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The SigV4 computation shared by signer, presigner and verifier: canonical request into a
 * per-thread buffer, its SHA-256 fed straight from the buffer, the string to sign, and the HMAC
 * computed with the same per-thread digest and the signing key's precomputed pads. The
 * signers' shortcuts for values they wrote themselves are in {@link OwnCanonical}: everything
 * here is what a verifier runs on a received request.
 */
final class SigV4Core {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final byte[] STS_PREFIX = "AWS4-HMAC-SHA256\n".getBytes(StandardCharsets.US_ASCII);
    private static final String[] NO_STRINGS = new String[0];

    private SigV4Core() {
    }

    /**
     * Writes the canonical request of a received request and its string to sign into the
     * scratch buffers and leaves the 64 hex digits of the signature in {@code s.sigHex}. The
     * headers must be in {@code s.names/s.values}, sorted.
     *
     * @throws dev.awssig.internal.MalformedTextException naming the path, the query or the header
     *     whose text has a lone surrogate
     */
    static void computeHex(Scratch s, String method, String rawPath, boolean normalize, boolean doubleEncode,
                           String rawQuery, String skip1, String skip2, int headerCount, String signedHeaders,
                           String payloadHash, String amzDate, SigningKey key) {
        ByteBuf c = s.creq;
        appendMethodAndPath(c, method, rawPath, normalize, doubleEncode);
        appendQuery(c, rawQuery, NO_STRINGS, NO_STRINGS, 0, skip1, skip2);
        Canonical.appendHeaders(c, s.names, s.values, headerCount);
        finish(s, signedHeaders, payloadHash, amzDate, key);
    }

    /** The method and canonical URI lines of the canonical request. */
    static void appendMethodAndPath(ByteBuf c, String method, String rawPath, boolean normalize,
                                    boolean doubleEncode) {
        c.append(method).append('\n');
        try {
            Canonical.appendUri(c, rawPath, normalize, doubleEncode);
        } catch (MalformedTextException e) {
            throw e.in("path");
        }
        c.append('\n');
    }

    /** The canonical query line ({@link Canonical#appendQuery}), with its line end. */
    static void appendQuery(ByteBuf c, String rawQuery, String[] extraNames, String[] extraValues,
                            int extraCount, String skip1, String skip2) {
        try {
            Canonical.appendQuery(c, rawQuery, extraNames, extraValues, extraCount, skip1, skip2);
        } catch (MalformedTextException e) {
            throw e.in("query");
        }
        c.append('\n');
    }

    /**
     * After the canonical headers: the signed headers and payload hash lines, the request's
     * SHA-256, the string to sign and the signature's hex digits in {@code s.sigHex}.
     */
    static void finish(Scratch s, String signedHeaders, String payloadHash, String amzDate, SigningKey key) {
        ByteBuf c = s.creq;
        c.append('\n');
        s.appendCached(c, 0, signedHeaders);
        c.append('\n');
        s.appendCached(c, 1, payloadHash);

        s.sha.update(c.buf, 0, c.len); // the digest is left reset by every digest() call
        try {
            s.sha.digest(s.hash, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        ByteBuf t = s.sts;
        t.append(STS_PREFIX);
        s.appendCached(t, 2, amzDate);
        t.append('\n');
        s.appendCached(t, 3, key.scope);
        t.append('\n').appendHex(s.hash, 32);
        // HMAC-SHA256 (RFC 2104) with the same digest and the key's pads: the same compressions
        // as javax.crypto.Mac, without its per-call inner-hash array
        MessageDigest md = s.sha;
        try {
            md.update(key.innerPad);
            md.update(t.buf, 0, t.len);
            md.digest(s.inner, 0, 32);
            md.update(key.outerPad);
            md.update(s.inner, 0, 32);
            md.digest(s.sig, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        Hex.encodeTo(s.sig, s.sigHex, 0);
    }
}
