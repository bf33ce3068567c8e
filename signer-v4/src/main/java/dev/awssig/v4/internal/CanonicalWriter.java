package dev.awssig.v4.internal;

import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Hex;
import dev.awssig.internal.QueryAuthParams;
import dev.awssig.v4.PayloadSigning;
import java.util.Arrays;
import java.util.List;

/**
 * The SigV4 canonicalization for the sibling module that reuses it (signer-v4a, whose canonical
 * request is SigV4's): a reusable byte buffer with the canonical URI, query and header writers
 * of {@link Canonical}, so both signers build byte-identical canonical requests with one set of
 * rules. This is the only entry point signer-v4a uses into this package besides
 * {@link dev.awssig.internal.Ascii#lower(String)}. Not thread-safe: one per thread.
 */
public final class CanonicalWriter {
    private final ByteBuf buf = new ByteBuf(1024);

    /** An empty writer. */
    public CanonicalWriter() {
    }

    /** Empties the buffer (its capacity stays). */
    public void reset() {
        buf.reset();
    }

    /**
     * Appends text: ASCII as is, anything else as UTF-8.
     *
     * @param text the text
     * @return this writer
     */
    public CanonicalWriter append(String text) {
        buf.append(text);
        return this;
    }

    /**
     * Appends one ASCII character.
     *
     * @param c the character
     * @return this writer
     */
    public CanonicalWriter append(char c) {
        buf.append(c);
        return this;
    }

    /**
     * Appends bytes.
     *
     * @param bytes the bytes
     * @param off where they start
     * @param len how many
     * @return this writer
     */
    public CanonicalWriter append(byte[] bytes, int off, int len) {
        buf.append(bytes, off, len);
        return this;
    }

    /**
     * Appends the lower-case hex of the first {@code n} bytes.
     *
     * @param bytes the bytes
     * @param n how many
     * @return this writer
     */
    public CanonicalWriter appendHex(byte[] bytes, int n) {
        buf.appendHex(bytes, n);
        return this;
    }

    /**
     * Appends the canonical URI of a raw path (see {@link Canonical#canonicalUri}).
     *
     * @param rawPath the path as sent
     * @param normalize whether dot segments are removed and slashes collapsed first
     * @param doubleEncode true: the raw path is encoded again; false (S3): decoded and encoded once
     * @return this writer
     */
    public CanonicalWriter appendUri(String rawPath, boolean normalize, boolean doubleEncode) {
        Canonical.appendUri(buf, rawPath, normalize, doubleEncode);
        return this;
    }

    /**
     * Appends the canonical query: the raw query's parameters (less the skipped ones) and the
     * extra pre-encoded pairs, sorted by encoded name then value.
     *
     * @param rawQuery the raw query, or null
     * @param extraNames encoded names to add (may be null when {@code extraCount} is 0)
     * @param extraValues encoded values to add
     * @param extraCount how many extra pairs
     * @param skip1 a parameter to leave out (by decoded name), or null
     * @param skip2 another parameter to leave out, or null
     * @return this writer
     */
    public CanonicalWriter appendQuery(String rawQuery, String[] extraNames, String[] extraValues, int extraCount,
                                       String skip1, String skip2) {
        Canonical.appendQuery(buf, rawQuery, extraNames, extraValues, extraCount, skip1, skip2);
        return this;
    }

    /**
     * Appends the canonical header block: {@code name:value\n} per distinct name, values trimmed
     * with inner whitespace collapsed, values of a repeated name joined with {@code ,}.
     *
     * @param sortedNames lower-case names, sorted with {@link #sortHeaders}
     * @param values the values, in the same order
     * @param n the count
     * @return this writer
     */
    public CanonicalWriter appendHeaders(String[] sortedNames, String[] values, int n) {
        Canonical.appendHeaders(buf, sortedNames, values, n);
        return this;
    }

    /**
     * Sorts lower-case header names stably (entries of one name keep their order), moving an
     * index array along with them.
     *
     * @param names lower-case names
     * @param order what travels with each name
     * @param n the count
     */
    public static void sortHeaders(String[] names, int[] order, int n) {
        if (n > Canonical.SMALL) {
            String[] nn = Arrays.copyOf(names, n);
            int[] oo = Arrays.copyOf(order, n);
            int[] idx = Canonical.identity(n);
            Canonical.mergeSort(idx, n, (x, y) -> Canonical.compareNames(nn[x], nn[y]));
            for (int i = 0; i < n; i++) {
                names[i] = nn[idx[i]];
                order[i] = oo[idx[i]];
            }
            return;
        }
        for (int i = 1; i < n; i++) {
            String kn = names[i];
            int ko = order[i];
            int j = i - 1;
            while (j >= 0 && Canonical.compareNames(names[j], kn) > 0) {
                names[j + 1] = names[j];
                order[j + 1] = order[j];
                j--;
            }
            names[j + 1] = kn;
            order[j + 1] = ko;
        }
    }

    /**
     * The payload hash SigV4 puts in the last line of the canonical request for a payload:
     * {@code UNSIGNED-PAYLOAD} for the unsigned mode or payload, the precomputed hash, or the
     * SHA-256 of the bytes or stream.
     *
     * @param payload the payload
     * @param mode {@link PayloadSigning#SIGNED} or {@link PayloadSigning#UNSIGNED}
     * @return the hex hash or literal
     */
    public static String payloadHash(Payload payload, PayloadSigning mode) {
        return SigV4SigningEngine.payloadHash(payload, mode);
    }

    /**
     * The buffer (valid up to {@link #length()}); it changes with the next append.
     *
     * @return the bytes
     */
    public byte[] bytes() {
        return buf.buf;
    }

    /**
     * The number of bytes written.
     *
     * @return the length
     */
    public int length() {
        return buf.len;
    }

    /**
     * The content as a string (UTF-8).
     *
     * @return the text
     */
    public String asString() {
        return buf.asString();
    }

    /**
     * A description without the content.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "CanonicalWriter[" + buf.len + " bytes]";
    }

    /**
     * The payload hash a presigned request carries in its own {@code x-amz-content-sha256} header
     * or {@code X-Amz-Content-Sha256} query parameter, or null: either is signed, and its value is
     * the payload hash of the URL (the verifier reads it so, and compares it with the body). One
     * rule for the SigV4 and SigV4a presigners.
     *
     * @param headers the request's headers
     * @param rawQuery the request's raw query, or null
     * @return the payload hash, or null when the request names none
     * @throws IllegalArgumentException if one is repeated, not a hash, or the two differ
     */
    public static String presignedContentSha(Headers headers, String rawQuery) {
        List<String> values = headers.values("x-amz-content-sha256");
        if (values.size() > 1) {
            throw new IllegalArgumentException("header 'x-amz-content-sha256': must not be repeated");
        }
        String v = values.isEmpty() ? null : checkedSha(values.get(0).trim(), "header 'x-amz-content-sha256'");
        if (rawQuery != null) {
            QueryAuthParams q = QueryAuthParams.parse(rawQuery, CONTENT_SHA_PARAM);
            if (q.repeated() != null) {
                throw new IllegalArgumentException("query parameter 'X-Amz-Content-Sha256': must not be repeated");
            }
            String p = q.value(0);
            if (p != null) {
                p = checkedSha(p.trim(), "query parameter 'X-Amz-Content-Sha256'");
                if (v != null && !v.equals(p)) {
                    throw new IllegalArgumentException("query parameter 'X-Amz-Content-Sha256': differs from the"
                            + " x-amz-content-sha256 header");
                }
                v = p;
            }
        }
        return v;
    }

    private static final String[] CONTENT_SHA_PARAM = {"X-Amz-Content-Sha256"};

    private static String checkedSha(String v, String what) {
        if (PayloadSigning.fromLiteral(v) != PayloadSigning.UNSIGNED && !Hex.isHex(v, 64)) {
            throw new IllegalArgumentException(what + ": a presigned request's payload hash must be"
                    + " UNSIGNED-PAYLOAD or 64 hex digits (a SHA-256), was '" + Checks.printable(v) + "'");
        }
        return v;
    }

}
