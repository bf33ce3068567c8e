package dev.awssig.v4.internal;

import dev.awssig.internal.MalformedTextException;

/**
 * The canonical request of a request this library signs or presigns: {@link SigV4Core}'s, with
 * shortcuts for the values the signer wrote itself. Its own date and payload hash, and the
 * presigner's own query parameters (already encoded and in canonical order), are copied from
 * the per-thread byte cache instead of being trimmed, encoded and sorted again. Only signers
 * reach this class; a verifier never trusts a received value to be in canonical form.
 */
final class OwnCanonical {
    private OwnCanonical() {
    }

    /**
     * {@link SigV4Core#computeHex} for a request being signed. The caller vouches that
     * {@code amzDate} and {@code payloadHash} are its own values (no whitespace to trim), so
     * header values that are those very instances are copied from the cache, and that the
     * {@code extraCount} extra query parameters are the presigner's own, encoded and in
     * canonical order.
     *
     * @throws dev.awssig.internal.MalformedTextException naming the path, the query or the header
     *     whose text has a lone surrogate
     */
    static void computeHex(Scratch s, String method, String rawPath, boolean normalize, boolean doubleEncode,
                           String rawQuery, String[] extraNames, String[] extraValues, int extraCount,
                           int headerCount, String signedHeaders, String payloadHash, String amzDate,
                           SigningKey key) {
        ByteBuf c = s.creq;
        SigV4Core.appendMethodAndPath(c, method, rawPath, normalize, doubleEncode);
        if (extraCount > 0 && extraCount <= 6 && (rawQuery == null || rawQuery.isEmpty())) {
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
            c.append('\n');
        } else {
            SigV4Core.appendQuery(c, rawQuery, extraNames, extraValues, extraCount, null, null);
        }
        appendHeaders(s, c, headerCount, amzDate, payloadHash);
        SigV4Core.finish(s, signedHeaders, payloadHash, amzDate, key);
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
}
