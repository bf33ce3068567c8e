package dev.awssig.v4.internal;

import dev.awssig.Headers;
import dev.awssig.internal.Ascii;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.ScratchPool;
import dev.awssig.internal.UriEncoding;
import java.security.MessageDigest;
import java.util.List;

/**
 * Per-thread working state of the signer and verifier: canonical-request and string-to-sign
 * buffers, a SHA-256 digest (for the canonical request and the HMAC, with the key's pads), and
 * header arrays.
 *
 * <p>Borrowed and returned at one point, as the AWS SDK v2's {@code V4SigningResources}:
 * <pre>{@code
 * try (Scratch s = Scratch.open()) {
 *     ... canonicalize, sign, build the output ...
 * }
 * }</pre>
 * {@link #close()} clears what must not outlive the call, whatever way the call ends: the used
 * part of the canonical-request and URL buffers (a session token, an SSE-C key or whatever else
 * a request carried was written there), the header values a signature marked sensitive or a
 * verification took from a client, the session token among the signer's own headers and the
 * presign parameters, and the drop marks of the request's entries. What stays is reusable
 * capacity and what the next call would store again (names, the date, the scope): every
 * reference stored into these long-lived arrays costs a GC write barrier (see {@link #set}). A
 * call that opens a scratch while its thread's is in use (a nested signature) gets a fresh one.
 *
 * <p>On a virtual thread the scratch is not the thread's: {@link #open()} takes one from a small
 * pool shared by the virtual threads and {@link #close()}, after clearing, gives it back, so the
 * state retained is bounded by the pool (about the number of carrier threads), not by the number
 * of virtual threads, and a new virtual thread does not build its own.
 */
final class Scratch implements AutoCloseable {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
    /** The scratches of calls on virtual threads (see {@link ScratchPool}). */
    static final ScratchPool<Scratch> POOL = ScratchPool.forCarriers();

    /** Whether a call has this scratch open. */
    private boolean inUse;
    /** Whether this scratch goes back to {@link #POOL} on {@link #close()} (it was borrowed on a virtual thread). */
    private boolean pooled;

    final ByteBuf creq = new ByteBuf(1024);
    final ByteBuf sts = new ByteBuf(256);
    /** The {@code Authorization} value being built. */
    final ByteBuf auth = new ByteBuf(256);
    /** The Host header of the last presign without other headers, and the headers made of it alone. */
    Headers.Header lastHostOnlyHeader;
    Headers lastHostOnlyHeaders;
    /** The presigned URL being built. */
    final ByteBuf url = new ByteBuf(512);
    /** The query parameters a presign adds, in canonical order, and their count. */
    final String[] qn = new String[6];
    final String[] qv = new String[6];
    int qc;
    private long lastExpires = Long.MIN_VALUE;
    private String lastExpiresText;
    private String encodedFor;
    private String encodedSignedHeaders;
    final byte[] hash = new byte[32];
    final byte[] sig = new byte[32];
    /** The inner hash of the HMAC. */
    final byte[] inner = new byte[32];
    final byte[] sigHex = new byte[64];
    /** The headers the signer sets: display name, lower-case name, value, whether signed. */
    final String[] oName = new String[9];
    final String[] oLower = new String[9];
    final String[] oValue = new String[9];
    final boolean[] oSigned = new boolean[9];
    int oCount;
    final MessageDigest sha = Crypto.newDigest("SHA-256");
    final StringBuilder signedHeaders = new StringBuilder(128);
    /** The last signed-headers list and its names, reused when the next request has the same. */
    String lastSignedHeaders;
    List<String> lastSignedHeaderList;
    /** The names of {@link #lastSignedHeaderList} as an array (the list is built from it). */
    private String[] lastNames;
    /** Lower-case forms of header names seen on this thread (bounded). */
    private final java.util.HashMap<String, String> lowerNames = new java.util.HashMap<>();
    String[] names = new String[16];
    String[] values = new String[16];
    /** Which request entries the signer replaces (index into the request's entries), and how many. */
    boolean[] drop = new boolean[16];
    int dropCount;
    /** The last header built for each of the signer's header names on this thread. */
    private final Headers.Header[] ownHeaders = new Headers.Header[12];

    /** Verification: the received headers' positions, sorted by name ({@link ReceivedHeaders}). */
    private int[] order = new int[16];
    /** Verification: where each name of the signed-headers list starts and ends in it. */
    int[] nameFrom = new int[16];
    int[] nameTo = new int[16];
    /** Verification: the signature the request carried, as lower-case hex (cleared on close when used). */
    final byte[] given = new byte[64];
    private boolean givenUsed;
    /**
     * Verification: the identifiers of the last request verified on this thread (access key id,
     * date, region, service, signed-headers list, a presigned URL's credential: none of them a
     * secret, all of them the same from one request of a client to the next), handed out again when
     * the next request names the same, instead of a new substring of its {@code Authorization}.
     */
    private final String[] lastText = new String[TEXT_SLOTS];
    static final int TEXT_ACCESS_KEY = 0;
    static final int TEXT_DATE = 1;
    static final int TEXT_REGION = 2;
    static final int TEXT_SERVICE = 3;
    static final int TEXT_SIGNED_HEADERS = 4;
    /** A presigned URL's X-Amz-Credential: its raw (escaped) text, and the decoded text in the next slot. */
    static final int TEXT_CREDENTIAL = 5;
    private static final int TEXT_SLOTS = 7;

    /** How many entries of {@link #names}/{@link #values} this call filled. */
    private int filled;
    /**
     * Which of the filled values {@link #close()} clears: those flagged here (a signature: the
     * headers whose names carry a credential or key, flagged once per header plan), or all of
     * them and their names when null (a verification: what a client sent does not stay).
     */
    private boolean[] sensitive;
    /** How many entries of {@link #drop} this call may have marked. */
    private int dropSize;

    /**
     * Borrows this thread's scratch (or a fresh one when it is already borrowed), with empty
     * canonical-request and string-to-sign buffers; on a virtual thread, one from {@link #POOL}
     * (or a fresh one when the pool is empty). Return it with {@link #close()}.
     *
     * @return the scratch
     */
    static Scratch open() {
        Scratch s;
        if (ScratchPool.currentThreadIsVirtual()) {
            // a virtual thread: borrowed from the pool, not kept by the thread (which may be one of millions)
            s = POOL.take();
            if (s == null) {
                s = new Scratch();
            }
            s.pooled = true;
        } else {
            s = LOCAL.get();
            if (s.inUse) {
                s = new Scratch(); // nested use on this thread: nothing is shared with the outer call
            }
        }
        s.inUse = true;
        s.creq.reset();
        s.sts.reset();
        s.signedHeaders.setLength(0);
        return s;
    }

    /**
     * Returns the scratch, clearing what must not outlive the call (see the class comment). Costs
     * no allocation; the byte buffers are cleared only as far as this call wrote into them.
     */
    @Override
    public void close() {
        creq.wipe();
        url.wipe();
        int n = filled;
        if (n > 0) {
            boolean[] flags = sensitive;
            String[] v = values;
            if (flags == null) {
                java.util.Arrays.fill(names, 0, n, null);
                java.util.Arrays.fill(v, 0, n, null);
            } else {
                for (int i = 0; i < n; i++) {
                    if (flags[i]) {
                        v[i] = null;
                    }
                }
            }
            filled = 0;
        }
        for (int i = 0; i < oCount; i++) {
            if ("x-amz-security-token".equals(oLower[i])) {
                oValue[i] = null;
            }
        }
        for (int i = 0; i < qc; i++) {
            if ("X-Amz-Security-Token".equals(qn[i])) {
                qv[i] = null;
            }
        }
        if (givenUsed) {
            java.util.Arrays.fill(given, (byte) 0);
            givenUsed = false;
        }
        if (dropCount > 0) {
            java.util.Arrays.fill(drop, 0, dropSize, false);
            dropCount = 0;
        }
        inUse = false;
        if (pooled) {
            pooled = false;
            POOL.give(this);
        }
    }

    /**
     * Records that a signature filled {@code n} header entries, of which those flagged in
     * {@code sensitiveFlags} carry a credential or key and are cleared on {@link #close()}.
     */
    void filledSigned(int n, boolean[] sensitiveFlags) {
        filled = n;
        if (sensitive != sensitiveFlags) { // stored only when it changes: see set()
            sensitive = sensitiveFlags;
        }
    }

    /** Records that a verification filled {@code n} header entries from a client: all cleared on close. */
    void filledReceived(int n) {
        filled = n;
        sensitive = null;
    }

    /** Records how many request entries the drop marks of this call may cover. */
    void dropsFor(int size) {
        dropSize = size;
    }

    /** Verification: where the headers read by name are ({@link ReceivedHeaders#value}). */
    private final int[] readNames = new int[2 * ReceivedHeaders.READ_NAMES.length];

    /** {@link #readNames}, for this call. */
    int[] readNames() {
        return readNames;
    }

    /** The received-headers position array, at least {@code n} long. */
    int[] order(int n) {
        if (order.length < n) {
            order = new int[Math.max(n, order.length * 2)];
        }
        return order;
    }

    /** Makes the signed-name bound arrays at least {@code n} long. */
    void ensureNameBounds(int n) {
        if (nameFrom.length < n) {
            int size = Math.max(n, nameFrom.length * 2);
            nameFrom = new int[size];
            nameTo = new int[size];
        }
    }

    /** {@link #given}, marked for clearing on close. */
    byte[] given() {
        givenUsed = true;
        return given;
    }

    /**
     * {@code src.substring(from, to)}, or the same text this thread's last call kept in
     * {@code slot} (see {@link #lastText}).
     */
    String text(int slot, String src, int from, int to) {
        String last = lastText[slot];
        if (last != null && last.length() == to - from && src.startsWith(last, from)) {
            return last;
        }
        String t = src.substring(from, to);
        lastText[slot] = t;
        return t;
    }

    /**
     * The decoded value of query parameter {@code k}, or the same text this thread's last call
     * decoded when the parameter is written the same way (raw text in {@code slot}, decoded text
     * in {@code slot + 1}); null when the parameter is absent.
     */
    String decoded(int slot, dev.awssig.internal.QueryAuthParams q, int k) {
        int from = q.rawFrom(k);
        if (from < 0) {
            return q.value(k);
        }
        int to = q.rawTo(k);
        String query = q.query();
        String raw = lastText[slot];
        if (raw != null && raw.length() == to - from && query.startsWith(raw, from)) {
            return lastText[slot + 1];
        }
        String value = q.value(k);
        lastText[slot] = query.substring(from, to);
        lastText[slot + 1] = value;
        return value;
    }

    /** The lower-case form of a header name, cached for the names this thread sees often. */
    String lower(String name) {
        String l = lowerNames.get(name);
        if (l == null) {
            l = Ascii.lower(name);
            if (lowerNames.size() >= 256) {
                lowerNames.clear();
            }
            lowerNames.put(name, l);
        }
        return l;
    }

    /** The header plan of header signing on this thread (see {@link HeaderPlan}). */
    final HeaderPlan signPlan = new HeaderPlan();
    /** The header plan of presigning on this thread. */
    final HeaderPlan presignPlan = new HeaderPlan();

    /** Makes a plan's signed-headers list the last one (as if {@link #signedHeaders} had built it). */
    void reuseSignedHeaders(String text, List<String> list, String[] distinct) {
        if (lastSignedHeaders != text) { // stored only when it changes: see set()
            lastSignedHeaders = text;
            lastSignedHeaderList = list;
            lastNames = distinct;
        }
    }

    /** The distinct names behind {@link #lastSignedHeaders}. */
    String[] lastDistinctNames() {
        return lastNames;
    }

    /** The signed-headers list as a string and a list, reusing the last ones when equal. */
    String signedHeaders(String[] sortedNames, int n) {
        String[] last = lastNames;
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
        lastNames = list;
        return lastSignedHeaders;
    }

    /** Whether the distinct names of a sorted run equal {@code last} (compared by identity first). */
    private static boolean sameDistinct(String[] sortedNames, int n, String[] last) {
        int k = 0;
        int size = last.length;
        String prev = null;
        for (int i = 0; i < n; i++) {
            String name = sortedNames[i];
            if (prev != null && (name == prev || name.equals(prev))) {
                continue;
            }
            if (k >= size) {
                return false;
            }
            String want = last[k];
            if (name != want && !name.equals(want)) {
                return false;
            }
            prev = name;
            k++;
        }
        return k == size;
    }

    /**
     * Makes room for {@code n} header entries, keeping those already filled (a verification
     * fills them as it goes).
     */
    void ensureHeaderCapacity(int n) {
        if (names.length < n) {
            int size = Math.max(n, names.length * 2);
            names = java.util.Arrays.copyOf(names, size);
            values = java.util.Arrays.copyOf(values, size);
            drop = java.util.Arrays.copyOf(drop, size);
        }
    }

    /**
     * {@code a[i] = v}, skipping the store when {@code a[i]} already is {@code v}: the arrays of
     * this class live as long as the thread, so a reference store into them costs a GC write
     * barrier, and most of what a signature puts there is what the last one put.
     */
    static void set(Object[] a, int i, Object v) {
        if (a[i] != v) {
            a[i] = v;
        }
    }

    /**
     * A header of the signer's own, reusing the one built last on this thread for the same name
     * (by identity: the names are constants) when its value is equal. The session token is never
     * kept.
     */
    Headers.Header header(String name, String value) {
        if (name.equals("X-Amz-Security-Token")) {
            return new Headers.Header(name, value); // a credential: not kept on the thread
        }
        Headers.Header[] cache = ownHeaders;
        int free = -1;
        for (int i = 0; i < cache.length; i++) {
            Headers.Header h = cache[i];
            if (h == null) {
                free = free < 0 ? i : free;
                continue;
            }
            if (h.name() == name) {
                if (h.value().equals(value)) {
                    return h;
                }
                Headers.Header fresh = new Headers.Header(name, value);
                cache[i] = fresh;
                return fresh;
            }
        }
        Headers.Header fresh = new Headers.Header(name, value);
        if (free >= 0) {
            cache[free] = fresh;
        }
        return fresh;
    }

    /** Slots of {@link #appendCached}: 0 signed headers, 1 payload hash, 2 date, 3 scope, then header names. */
    static final int NAME_SLOTS = 4;
    /** Slots of the presign query parameters: name {@code QUERY_SLOTS + 2i}, value {@code QUERY_SLOTS + 2i + 1}. */
    static final int QUERY_SLOTS = NAME_SLOTS + 16;
    final String[] bytesKey = new String[QUERY_SLOTS + 12];
    final byte[][] bytesValue = new byte[QUERY_SLOTS + 12][];

    /**
     * Appends a string through a small per-thread cache of UTF-8 forms, keyed by identity: a
     * string seen in the same slot twice in a row is encoded once and then copied as bytes
     * (the signer passes the same instances while the key, date, payload hash and signed-headers
     * list do not change); a string seen once costs no allocation.
     */
    void appendCached(ByteBuf b, int slot, String text) {
        if (slot >= bytesKey.length) {
            b.append(text);
            return;
        }
        if (bytesKey[slot] == text) {
            byte[] bytes = bytesValue[slot];
            if (bytes == null) {
                bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytesValue[slot] = bytes;
            }
            b.append(bytes);
            return;
        }
        bytesKey[slot] = text;
        bytesValue[slot] = null;
        b.append(text);
    }

    /** {@code Long.toString(expires)}, reused while the expiry stays the same on this thread. */
    String expiresText(long expires) {
        if (expires != lastExpires || lastExpiresText == null) {
            lastExpiresText = Long.toString(expires);
            lastExpires = expires;
        }
        return lastExpiresText;
    }

    /** The percent-encoded form of the signed-headers list last returned by {@link #signedHeaders}. */
    String encodedSignedHeaders() {
        String sh = lastSignedHeaders;
        if (sh != encodedFor) {
            encodedSignedHeaders = UriEncoding.encode(sh, false);
            encodedFor = sh;
        }
        return encodedSignedHeaders;
    }
}
