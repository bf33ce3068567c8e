package dev.awssig.v4.internal;

import dev.awssig.Headers;
import dev.awssig.internal.Ascii;
import java.util.List;

/**
 * The headers of a request under verification, indexed once: their positions sorted by name,
 * ASCII case-insensitively and stably (the values of one name stay in the order received), so
 * that every lookup the verifier makes is a binary search, and no name is lower-cased or copied.
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

    private final List<Headers.Header> entries;
    private final int[] order;
    private final int size;

    private ReceivedHeaders(List<Headers.Header> entries, int[] order, int size) {
        this.entries = entries;
        this.order = order;
        this.size = size;
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
        for (int i = 0; i < n; i++) {
            order[i] = i;
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
        return new ReceivedHeaders(entries, order, n);
    }

    /** Compares two header names as their ASCII lower-case forms would compare. */
    static int compareNames(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int d = Ascii.lower(a.charAt(i)) - Ascii.lower(b.charAt(i));
            if (d != 0) {
                return d;
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
            int d = Ascii.lower(a.charAt(i)) - list.charAt(from + i);
            if (d != 0) {
                return d;
            }
        }
        return a.length() - len;
    }

    /** How many headers the request has. */
    int size() {
        return size;
    }

    /** The entry at a sorted position. */
    Headers.Header at(int sorted) {
        return entries.get(order[sorted]);
    }

    /** The first sorted position whose name is not less than {@code lowerName}. */
    int firstAtLeast(String lowerName) {
        return firstAtLeast(lowerName, 0, lowerName.length());
    }

    /** The first sorted position whose name is not less than the lower-case name {@code list[from, to)}. */
    int firstAtLeast(String list, int from, int to) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareNames(entries.get(order[mid]).name(), list, from, to) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether the entry at a sorted position has the lower-case name {@code list[from, to)}. */
    boolean nameAt(int sorted, String list, int from, int to) {
        return sorted < size && compareNames(entries.get(order[sorted]).name(), list, from, to) == 0;
    }

    /** How many values the request has for a lower-case name. */
    int count(String lowerName) {
        int at = firstAtLeast(lowerName);
        int end = at;
        while (nameAt(end, lowerName, 0, lowerName.length())) {
            end++;
        }
        return end - at;
    }

    /** The first value of a lower-case name, or null when the request has none (see {@link #count}). */
    String first(String lowerName) {
        int at = firstAtLeast(lowerName);
        return nameAt(at, lowerName, 0, lowerName.length()) ? entries.get(order[at]).value() : null;
    }
}
