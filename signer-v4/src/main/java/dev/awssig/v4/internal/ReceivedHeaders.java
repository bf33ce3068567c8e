package dev.awssig.v4.internal;

import dev.awssig.Headers;
import dev.awssig.internal.Ascii;
import java.util.List;

/**
 * The headers of a request under verification, indexed once: their positions sorted by name,
 * ASCII case-insensitively and stably (the values of one name stay in the order received), so
 * that the signed names are matched in one walk, and, in the same pass, where the five headers
 * the verifier reads by name are and how often each occurs; no name is lower-cased or copied.
 * Sorting costs O(n log n) for n headers whatever their order; the position arrays are the
 * scratch's, reused from call to call.
 *
 * <p>Header names are RFC 7230 tokens (checked when a {@link Headers.Header} is built), so
 * comparing them with {@link Ascii#lower(char)} per character orders them exactly as comparing
 * their lower-case forms would.
 */
final class ReceivedHeaders {
    /** Up to this many headers are sorted by insertion, in place; more by merge sort. */
    private static final int INSERTION_MAX = 16;

    /** The headers the verifier reads by name (see {@link #value}), found in the one pass that indexes. */
    static final int AUTHORIZATION = 0;
    static final int HOST = 1;
    static final int X_AMZ_DATE = 2;
    static final int DATE = 3;
    static final int X_AMZ_CONTENT_SHA256 = 4;
    static final String[] READ_NAMES = {"authorization", "host", "x-amz-date", "date", "x-amz-content-sha256"};

    private final List<Headers.Header> entries;
    private final int[] order;
    private final int size;
    /** Per name of {@link #READ_NAMES}: {@code [2k]} its first entry, {@code [2k + 1]} how many. */
    private final int[] read;

    private ReceivedHeaders(List<Headers.Header> entries, int[] order, int size, int[] read) {
        this.entries = entries;
        this.order = order;
        this.size = size;
        this.read = read;
    }

    /**
     * Indexes the entries of {@code headers}, using the scratch's position array.
     *
     * @param s the scratch, open for this call
     * @param headers the received headers
     * @return the index
     */
    static ReceivedHeaders of(Scratch s, Headers headers) {
        List<Headers.Header> entries = headers.entries();
        int n = entries.size();
        int[] order = s.order(n);
        int[] read = s.readNames();
        java.util.Arrays.fill(read, 0);
        for (int i = 0; i < n; i++) {
            order[i] = i;
            String name = entries.get(i).name();
            int k;
            switch (name.length()) { // a length first: most names are none of these
                case 4:
                    k = Ascii.equalsIgnoreCase(name, "host") ? HOST : Ascii.equalsIgnoreCase(name, "date") ? DATE : -1;
                    break;
                case 10:
                    k = Ascii.equalsIgnoreCase(name, "x-amz-date") ? X_AMZ_DATE : -1;
                    break;
                case 13:
                    k = Ascii.equalsIgnoreCase(name, "authorization") ? AUTHORIZATION : -1;
                    break;
                case 20:
                    k = Ascii.equalsIgnoreCase(name, "x-amz-content-sha256") ? X_AMZ_CONTENT_SHA256 : -1;
                    break;
                default:
                    k = -1;
            }
            if (k >= 0 && read[2 * k + 1]++ == 0) {
                read[2 * k] = i;
            }
        }
        if (n <= INSERTION_MAX) {
            for (int i = 1; i < n; i++) {
                int x = order[i];
                String name = entries.get(x).name();
                int j = i - 1;
                while (j >= 0 && compareNames(entries.get(order[j]).name(), name) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = x;
            }
        } else {
            Canonical.mergeSort(order, n, (a, b) -> compareNames(entries.get(a).name(), entries.get(b).name()));
        }
        return new ReceivedHeaders(entries, order, n, read);
    }

    /** Compares two header names as their ASCII lower-case forms would compare. */
    static int compareNames(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                int d = Ascii.lower(x) - Ascii.lower(y);
                if (d != 0) {
                    return d;
                }
            }
        }
        return a.length() - b.length();
    }

    /**
     * Compares a header name with the lower-case name {@code list[from, to)}, as the name's
     * lower-case form would compare with it.
     */
    static int compareNames(String a, String list, int from, int to) {
        int len = to - from;
        int n = Math.min(a.length(), len);
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = list.charAt(from + i);
            if (x != y) {
                int d = Ascii.lower(x) - y;
                if (d != 0) {
                    return d;
                }
            }
        }
        return a.length() - len;
    }

    /** How many headers named {@code READ_NAMES[k]} the request has. */
    int count(int k) {
        return read[2 * k + 1];
    }

    /** The first value (in the order received) of the header named {@code READ_NAMES[k]}, or null. */
    String value(int k) {
        return read[2 * k + 1] == 0 ? null : entries.get(read[2 * k]).value();
    }

    /** How many headers the request has. */
    int size() {
        return size;
    }

    /** The entry at a sorted position. */
    Headers.Header at(int sorted) {
        return entries.get(order[sorted]);
    }

    /** Whether the entry at a sorted position has the lower-case name {@code list[from, to)}. */
    boolean nameAt(int sorted, String list, int from, int to) {
        return sorted < size && compareNames(entries.get(order[sorted]).name(), list, from, to) == 0;
    }
}
