package dev.awssig.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.VerificationResult;
import java.io.ByteArrayOutputStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the fuzz targets share: edits of a signed request chosen by the fuzzer's data, the
 * invariants every verify call must keep (an answer, never an unchecked exception; allocation
 * bounded by the size of the input), and the pieces of the independent views of what a request
 * signs (strict percent-decoding to bytes, ASCII lower-casing, header-value trimming), written
 * here from the specifications, not taken from the code under test.
 */
final class Fuzz {
    private Fuzz() {
    }

    /** Pieces that matter to parsers, inserted by the edits besides the fuzzer's own text. */
    static final String[] PIECES = {"%", "%2", "%G1", "%41", "%2F", "%25", "%FF", "%FE", "%C3%A9", "%E9",
        "%\u0666\u0661", "%\uff13\uff13", "\u0661", "+", "&", "=", ";", ",", " ", "\t", "/", "/..", "/./", "//",
        "X-Amz-Signature=0", "&X-Amz-Credential=a", "&X-Amz-%53ignature=1", "Signature=", ", Credential=x",
        "SignedHeaders=host", "\ud800", "\udfff", "\ud83d\ude00", "\u00e9", "\u017f", "\u212a", "0x",
        "99999999999999999999", "-1", "acl", "versionId=1", "x-amz-meta-a", "Host"};

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
    /** Allocation allowed for one call whatever the input: scratch buffers, a digest, messages. */
    private static final long BASE_ALLOCATION = 4L << 20;
    /** And per character (or byte) of input: decoding, canonical text, sorting. */
    private static final long ALLOCATION_PER_UNIT = 256;

    // ------------------------------------------------------------------ edits

    /** One edit of a text: insert the fuzzer's text or a piece, delete, or replace a character. */
    static String edit(FuzzedDataProvider d, String s) {
        int kind = d.consumeInt(0, 3);
        int at = d.consumeInt(0, s.length());
        switch (kind) {
            case 0:
                return s.substring(0, at) + d.consumeString(12) + s.substring(at);
            case 1:
                return s.substring(0, at) + d.pickValue(PIECES) + s.substring(at);
            case 2: {
                int end = Math.min(s.length(), at + d.consumeInt(1, 4));
                return s.substring(0, at) + s.substring(end);
            }
            default:
                return at == s.length() ? s + d.consumeChar() : s.substring(0, at) + d.consumeChar() + s.substring(at + 1);
        }
    }

    /** One edit of bytes: insert the fuzzer's bytes, delete some, flip one, or cut the rest. */
    static byte[] edit(FuzzedDataProvider d, byte[] b) {
        int kind = d.consumeInt(0, 3);
        int at = d.consumeInt(0, b.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 16);
        switch (kind) {
            case 0:
                out.write(b, 0, at);
                out.writeBytes(d.consumeBytes(16));
                out.write(b, at, b.length - at);
                break;
            case 1: {
                int end = Math.min(b.length, at + d.consumeInt(1, 8));
                out.write(b, 0, at);
                out.write(b, end, b.length - end);
                break;
            }
            case 2:
                out.writeBytes(b);
                if (at < b.length) {
                    byte[] o = out.toByteArray();
                    o[at] ^= d.consumeByte();
                    return o;
                }
                break;
            default:
                out.write(b, 0, at);
                break;
        }
        return out.toByteArray();
    }

    /**
     * Edits of a request chosen by the data: method, path, query, a header's name or value, a
     * header added, repeated or removed, the body. Null when the request model itself refuses the
     * result (a control character, a path without '/'): no server hands such a request on.
     */
    static SignableRequest editRequest(FuzzedDataProvider d, SignableRequest r, int maxEdits) {
        int edits = d.consumeInt(1, maxEdits);
        try {
            for (int i = 0; i < edits; i++) {
                r = editOnce(d, r);
            }
            return r;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SignableRequest editOnce(FuzzedDataProvider d, SignableRequest r) {
        List<Headers.Header> headers = r.headers().entries();
        switch (d.consumeInt(0, 9)) {
            case 0:
                return r.toBuilder().method(edit(d, r.method())).build();
            case 1:
                return r.toBuilder().rawPath(edit(d, r.rawPath())).build();
            case 2:
            case 3:
                return r.toBuilder().rawQuery(edit(d, r.rawQuery().orElse(""))).build();
            case 4:
            case 5: {
                if (headers.isEmpty()) {
                    return r;
                }
                int k = d.consumeInt(0, headers.size() - 1);
                Headers.Header h = headers.get(k);
                return d.consumeBoolean() ? replaceHeader(r, k, h.name(), edit(d, h.value()))
                        : replaceHeader(r, k, edit(d, h.name()), h.value());
            }
            case 6:
                return r.toBuilder().header(d.consumeBoolean() ? d.pickValue(HEADER_NAMES) : d.consumeString(16),
                        d.consumeString(24)).build();
            case 7: {
                if (headers.isEmpty()) {
                    return r;
                }
                Headers.Header h = headers.get(d.consumeInt(0, headers.size() - 1));
                return r.toBuilder().header(h.name(), d.consumeBoolean() ? h.value() : edit(d, h.value())).build();
            }
            case 8: {
                if (headers.isEmpty()) {
                    return r;
                }
                return replaceHeader(r, d.consumeInt(0, headers.size() - 1), null, null);
            }
            default: {
                byte[] body = r.payload().kind() == Payload.Kind.BYTES ? r.payload().bytes() : new byte[0];
                return r.toBuilder().payload(Payload.ofBytes(edit(d, body))).build();
            }
        }
    }

    private static final String[] HEADER_NAMES = {"Host", "host", "Authorization", "X-Amz-Date", "x-amz-date",
        "Date", "x-amz-content-sha256", "X-Amz-Security-Token", "x-amz-meta-a", "Content-Type", "Content-MD5",
        "x-amz-region-set", "Transfer-Encoding", "Content-Length", "x-amz-decoded-content-length", "x-amz-trailer"};

    /** The request with entry {@code k} replaced (or removed when {@code name} is null). */
    static SignableRequest replaceHeader(SignableRequest r, int k, String name, String value) {
        Headers.Builder hb = Headers.builder();
        List<Headers.Header> headers = r.headers().entries();
        for (int i = 0; i < headers.size(); i++) {
            Headers.Header h = headers.get(i);
            if (i != k) {
                hb.add(h.name(), h.value());
            } else if (name != null) {
                hb.add(name, value);
            }
        }
        return r.toBuilder().headers(hb.build()).build();
    }

    // ------------------------------------------------------------------ invariants

    /**
     * Runs a verify call: it must answer (a result with a message, an error exactly when not
     * valid) and allocate no more than a bound proportional to the request's size.
     */
    static VerificationResult answered(SignableRequest request, Supplier<VerificationResult> verify) {
        long units = size(request);
        long loaded = CLASSES.getTotalLoadedClassCount();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        VerificationResult r = verify.get();
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        check(r != null, "verify returned null");
        check(r.message() != null, "a result without a message");
        check(r.isValid() == r.error().isEmpty(), "valid exactly when there is no error: " + r);
        bounded(allocated, units, loaded, "verify", verify::get);
        return r;
    }

    /**
     * {@link #bounded(long, long, long, String)}, but a call over the bound is measured once more
     * before it fails: while fuzzing, the instrumentation allocates on this thread the first time
     * it sees a comparison (a one-off of megabytes, absent in regression mode), where a real
     * amplification allocates again on every call.
     */
    static void bounded(long allocated, long units, long loadedBefore, String what, Runnable again) {
        if (CLASSES.getTotalLoadedClassCount() != loadedBefore || allocated <= BASE_ALLOCATION + ALLOCATION_PER_UNIT * units) {
            return;
        }
        long loaded = CLASSES.getTotalLoadedClassCount();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        again.run();
        bounded(THREADS.getCurrentThreadAllocatedBytes() - before, units, loaded, what + " (measured twice)");
    }

    /** Fails when a call allocated more than the bound for its input (class loading aside). */
    static void bounded(long allocated, long units, long loadedBefore, String what) {
        if (CLASSES.getTotalLoadedClassCount() != loadedBefore) {
            return; // loading (and instrumenting) a class allocates on this thread too
        }
        long bound = BASE_ALLOCATION + ALLOCATION_PER_UNIT * units;
        check(allocated <= bound, what + " allocated " + allocated + " bytes for an input of " + units
                + " characters (bound " + bound + ")");
    }

    /** Bytes this thread has allocated so far. */
    static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Classes loaded so far. */
    static long loadedClasses() {
        return CLASSES.getTotalLoadedClassCount();
    }

    /** The size of a request: URI, headers and body. */
    static long size(SignableRequest r) {
        long n = r.method().length() + r.rawPath().length() + r.rawQuery().map(String::length).orElse(0);
        for (Headers.Header h : r.headers().entries()) {
            n += h.name().length() + h.value().length() + 4;
        }
        if (r.payload().kind() == Payload.Kind.BYTES) {
            n += r.payload().bytes().length;
        }
        return n;
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    /** A mutated request verified although what it signs changed. */
    static void forged(String scheme, String before, String after, SignableRequest original, SignableRequest mutated,
                       VerificationResult r) {
        throw new AssertionError(scheme + ": a mutated request verified although what it signs changed\n  signed:   "
                + before + "\n  received: " + after + "\n  original: " + original + "\n  mutated:  " + mutated
                + "\n  result: " + r);
    }

    // ------------------------------------------------------------------ independent views

    /**
     * Strict percent-decoding to bytes, as RFC 3986 reads an escape: '%' and two ASCII hex digits;
     * anything else is kept as its UTF-8 bytes. Null when a '%' is not followed by two ASCII hex
     * digits or the text has a lone surrogate (no reader can know what was meant).
     */
    static byte[] decodeBytes(String s, boolean plusAsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    return null;
                }
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusAsSpace) {
                out.write(' ');
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.writeBytes(s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                return null;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** Decoded bytes as hex (a view's component), or null when undecodable. */
    static String decodedHex(String s, boolean plusAsSpace) {
        byte[] b = decodeBytes(s, plusAsSpace);
        return b == null ? null : HexFormat.of().formatHex(b);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * The parameters of a query or form body, each "hex(name)=hex(value)" of its decoded bytes,
     * sorted; empty pieces (between two '&') carry nothing and are left out. Null when some
     * piece cannot be decoded. Parameters named in {@code skip} (decoded, exact) are left out.
     */
    static List<String> params(String query, boolean plusAsSpace, String... skip) {
        List<String> out = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String piece : query.split("&", -1)) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            byte[] name = decodeBytes(eq < 0 ? piece : piece.substring(0, eq), plusAsSpace);
            byte[] value = decodeBytes(eq < 0 ? "" : piece.substring(eq + 1), plusAsSpace);
            if (name == null || value == null) {
                return null;
            }
            String n = new String(name, StandardCharsets.UTF_8);
            boolean skipped = false;
            for (String s : skip) {
                skipped |= s.equals(n);
            }
            if (!skipped) {
                out.add(HexFormat.of().formatHex(name) + "=" + HexFormat.of().formatHex(value));
            }
        }
        out.sort(null);
        return out;
    }

    /** ASCII lower case, as HTTP compares header names (no other letter folds). */
    static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    /** SigV4's trimall: leading and trailing whitespace removed, inner runs of it one space. */
    static String trimAll(String v) {
        return v.replaceAll("[ \\t\\n\\u000b\\r\\f]+", " ").strip();
    }

    /** The values of a header (names in ASCII case), in order received. */
    static List<String> values(SignableRequest r, String lowerName) {
        List<String> out = new ArrayList<>();
        for (Headers.Header h : r.headers().entries()) {
            if (asciiLower(h.name()).equals(lowerName)) {
                out.add(h.value());
            }
        }
        return out;
    }

    static String sha256Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body a request carries, as its SHA-256, or a mark for a body that is not bytes. */
    static String body(SignableRequest r) {
        return r.payload().kind() == Payload.Kind.BYTES ? sha256Hex(r.payload().bytes())
                : r.payload().kind().name().toLowerCase(Locale.ROOT);
    }
}
