package dev.awssig.v4.internal;

import dev.awssig.internal.Hex;
import dev.awssig.internal.MalformedTextException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The SigV4 computation shared by signer, presigner and verifier: canonical request into a
 * per-thread buffer, its SHA-256 fed straight from the buffer, the string to sign, and the HMAC
 * computed with the same per-thread digest and the signing key's precomputed pads.
 */
final class SigV4Core {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final byte[] STS_PREFIX = "AWS4-HMAC-SHA256\n".getBytes(StandardCharsets.US_ASCII);

    private SigV4Core() {
    }

    /** {@link Canonical#appendHeaders}, with the signer's own date and payload hash copied as cached bytes. */
    private static void appendHeaders(Scratch s, ByteBuf b, int n, String amzDate, String payloadHash) {
        String[] names = s.names;
        String[] values = s.values;
        int i = 0;
        int line = 0;
        while (i < n) {
            String name = names[i];
            // header names (lower-case tokens) repeat from request to request: copied as cached bytes
            s.appendCached(b, Scratch.NAME_SLOTS + line++, name);
            b.append(':');
            appendValue(s, b, values[i], amzDate, payloadHash, name);
            i++;
            while (i < n && names[i].equals(name)) {
                b.append(',');
                appendValue(s, b, values[i], amzDate, payloadHash, name);
                i++;
            }
            b.append('\n');
        }
    }

    private static void appendValue(Scratch s, ByteBuf b, String v, String amzDate, String payloadHash,
                                    String name) {
        if (v == amzDate) {
            s.appendCached(b, 2, v);
        } else if (v == payloadHash) {
            s.appendCached(b, 1, v);
        } else {
            try {
                Canonical.appendTrimmed(b, v);
            } catch (MalformedTextException e) {
                throw e.in("header '" + name + "'");
            }
        }
    }

    /**
     * Writes the canonical request and string to sign into the scratch buffers and leaves the 64
     * hex digits of the signature in {@code s.sigHex} (the signer copies them straight into the
     * {@code Authorization} value or the URL). The headers must be in {@code s.names/s.values},
     * sorted. With {@code ownValues} the caller vouches that {@code amzDate} and
     * {@code payloadHash} are the signer's own values (no whitespace to trim), so header values
     * that are those very instances are copied from the per-thread byte cache, and that extra
     * query parameters are the presigner's own, encoded and already in canonical order.
     *
     * @throws dev.awssig.internal.MalformedTextException naming the path, the query or the header
     *     whose text has a lone surrogate
     */
    static void computeHex(Scratch s, String method, String rawPath, boolean normalize, boolean doubleEncode,
                           String rawQuery, String[] extraNames, String[] extraValues, int extraCount,
                           String skip1, String skip2, int headerCount, String signedHeaders, String payloadHash,
                           String amzDate, SigningKey key, boolean ownValues) {
        ByteBuf c = s.creq;
        c.append(method).append('\n');
        try {
            Canonical.appendUri(c, rawPath, normalize, doubleEncode);
        } catch (MalformedTextException e) {
            throw e.in("path");
        }
        c.append('\n');
        if (ownValues && extraCount > 0 && extraCount <= 6 && skip1 == null && (rawQuery == null || rawQuery.isEmpty())) {
            // the presigner's own parameters, already encoded and, by construction, in canonical
            // order (Algorithm, Credential, Date, Expires, Security-Token, SignedHeaders): copied
            // as cached bytes
            for (int i = 0; i < extraCount; i++) {
                if (i > 0) {
                    c.append('&');
                }
                s.appendCached(c, Scratch.QUERY_SLOTS + 2 * i, extraNames[i]);
                c.append('=');
                if (extraNames[i].equals("X-Amz-Security-Token")) {
                    c.append(extraValues[i]); // a credential: not kept on the thread
                } else {
                    s.appendCached(c, Scratch.QUERY_SLOTS + 2 * i + 1, extraValues[i]);
                }
            }
        } else {
            try {
                Canonical.appendQuery(c, rawQuery, extraNames, extraValues, extraCount, skip1, skip2);
            } catch (MalformedTextException e) {
                throw e.in("query");
            }
        }
        c.append('\n');
        if (ownValues) {
            appendHeaders(s, c, headerCount, amzDate, payloadHash);
        } else {
            Canonical.appendHeaders(c, s.names, s.values, headerCount);
        }
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
