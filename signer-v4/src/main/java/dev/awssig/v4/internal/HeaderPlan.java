package dev.awssig.v4.internal;

import dev.awssig.Headers;
import dev.awssig.internal.Redaction;
import dev.awssig.v4.SignedHeadersPolicy;
import java.util.Arrays;
import java.util.List;

/**
 * Which headers a signature covers, in canonical order, worked out from header names only and
 * kept for the next request on the same thread with the same names: an application sends the
 * same set of header names again and again with new values, so the lower-casing, the policy
 * lookups, the override checks and the sort are done once per set of names, not per request.
 * Keyed by the names as given (compared exactly), the policy, the signer's own headers and the
 * kind of signature; values are never kept. Not thread-safe: one per {@link Scratch}.
 */
final class HeaderPlan {
    /** The request's header names as given, for the match. */
    private String[] entryNames = new String[16];
    private int entryCount = -1;
    private SignedHeadersPolicy policy;
    private boolean presign;
    /** The signer's own lower-case names and whether each is signed, for the match. */
    private final String[] ownLower = new String[9];
    private final boolean[] ownSigned = new boolean[9];
    private int ownCount;

    /** Which request entries are left out of the result, and how many. */
    private boolean[] drop = new boolean[16];
    private int dropCount;
    /**
     * The signed headers in canonical order: lower-case name, and where the value comes from
     * (an entry index, or {@code ~k} for the signer's own header {@code k}).
     */
    private String[] names = new String[16];
    private int[] order = new int[16];
    /** Which of the signed headers carry a credential or key (cleared from the scratch after the call). */
    private boolean[] sensitive = new boolean[16];
    private int count;
    /** The signed-headers list of the plan, as {@link Scratch#signedHeaders} left it. */
    private String signedHeaders;
    private List<String> signedHeaderList;
    private String[] distinctNames;

    /**
     * Fills {@code s.names/s.values} with the signed headers in canonical order and
     * {@code s.drop/s.dropCount} with the entries to leave out, and sets the scratch's
     * signed-headers list; returns how many headers are signed.
     *
     * @param s the scratch (its arrays must hold {@code entries.size() + oc})
     * @param entries the request's header entries
     * @param policy which headers to sign
     * @param oLower the signer's own headers' lower-case names (constants)
     * @param oValue their values
     * @param oSigned whether each is signed
     * @param oc how many
     * @param forPresign true: every entry the policy does not sign is left out (a presigned URL's
     *     client must send exactly the signed headers); false: an entry is left out when the
     *     signer sets that header itself, or when it is an old {@code Authorization}
     * @return the number of signed headers
     */
    int apply(Scratch s, List<Headers.Header> entries, SignedHeadersPolicy policy, String[] oLower, String[] oValue,
              boolean[] oSigned, int oc, boolean forPresign) {
        int size = entries.size();
        if (!matches(entries, size, policy, oLower, oSigned, oc, forPresign)) {
            build(s, entries, size, policy, oLower, oSigned, oc, forPresign);
        } else {
            s.reuseSignedHeaders(signedHeaders, signedHeaderList, distinctNames);
        }
        String[] outNames = s.names;
        String[] outValues = s.values;
        int n = count;
        for (int j = 0; j < n; j++) {
            int src = order[j];
            Scratch.set(outNames, j, names[j]);
            Scratch.set(outValues, j, src >= 0 ? entries.get(src).value() : oValue[~src]);
        }
        s.filledSigned(n, sensitive);
        if (dropCount > 0) {
            System.arraycopy(drop, 0, s.drop, 0, size);
        }
        s.dropCount = dropCount;
        s.dropsFor(size);
        return n;
    }

    private boolean matches(List<Headers.Header> entries, int size, SignedHeadersPolicy p, String[] oLower,
                            boolean[] oSigned, int oc, boolean forPresign) {
        if (size != entryCount || p != policy || forPresign != presign || oc != ownCount) {
            return false;
        }
        for (int k = 0; k < oc; k++) {
            if (oLower[k] != ownLower[k] || oSigned[k] != ownSigned[k]) {
                return false;
            }
        }
        String[] known = entryNames;
        for (int i = 0; i < size; i++) {
            String name = entries.get(i).name();
            String was = known[i];
            if (name != was && !name.equals(was)) {
                return false;
            }
        }
        return true;
    }

    private void build(Scratch s, List<Headers.Header> entries, int size, SignedHeadersPolicy p, String[] oLower,
                       boolean[] oSigned, int oc, boolean forPresign) {
        entryCount = -1; // not a valid plan until complete
        int capacity = size + oc;
        if (names.length < capacity) {
            names = new String[capacity * 2];
            order = new int[capacity * 2];
            sensitive = new boolean[capacity * 2];
        }
        if (entryNames.length < size) {
            entryNames = new String[size * 2];
            drop = new boolean[size * 2];
        }
        int n = 0;
        int dropped = 0;
        for (int i = 0; i < size; i++) {
            String name = entries.get(i).name();
            entryNames[i] = name;
            String lower = s.lower(name);
            boolean leaveOut;
            if (!forPresign && indexOf(lower, oLower, oc) >= 0) {
                leaveOut = true; // the signer sets this header itself
            } else if (!p.signs(lower)) {
                leaveOut = forPresign || lower.equals("authorization");
            } else {
                leaveOut = false;
                names[n] = lower;
                order[n++] = i;
            }
            drop[i] = leaveOut;
            if (leaveOut) {
                dropped++;
            }
        }
        Arrays.fill(entryNames, size, entryNames.length, null);
        for (int k = 0; k < oc; k++) {
            ownLower[k] = oLower[k];
            ownSigned[k] = oSigned[k];
            if (oSigned[k]) {
                names[n] = oLower[k];
                order[n++] = ~k;
            }
        }
        CanonicalWriter.sortHeaders(names, order, n);
        for (int j = 0; j < n; j++) {
            sensitive[j] = Redaction.isSensitiveHeader(names[j]);
        }
        count = n;
        dropCount = dropped;
        signedHeaders = s.signedHeaders(names, n);
        signedHeaderList = s.lastSignedHeaderList;
        distinctNames = s.lastDistinctNames();
        policy = p;
        presign = forPresign;
        ownCount = oc;
        entryCount = size;
    }

    private static int indexOf(String lower, String[] oLower, int oc) {
        for (int i = 0; i < oc; i++) {
            if (oLower[i].equals(lower)) {
                return i;
            }
        }
        return -1;
    }
}
