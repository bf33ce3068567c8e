package dev.awssig.v2.internal;

/**
 * A stable sort of name-value pairs held in two parallel arrays: insertion sort for short runs,
 * merged bottom-up, so at most O(n log n) comparisons whatever the order a sender chose (the
 * lists sorted here, sub-resources, {@code x-amz-*} parameters, query-API parameters, come from
 * the request).
 */
final class PairSort {
    /** Runs this short are insertion-sorted (the usual request has fewer pairs than this). */
    private static final int RUN = 16;

    /** An order of pairs. */
    @FunctionalInterface
    interface Order {
        /**
         * Compares two pairs.
         *
         * @param n1 the first name
         * @param v1 the first value
         * @param n2 the second name
         * @param v2 the second value
         * @return negative, zero or positive
         */
        int compare(String n1, String v1, String n2, String v2);
    }

    /** By name in {@link String#compareTo} order, values keeping their order. */
    static final Order BY_NAME = (n1, v1, n2, v2) -> n1.compareTo(n2);

    private PairSort() {
    }

    /**
     * Sorts the first {@code n} pairs, stably.
     *
     * @param names the names
     * @param values the values, moved with their names
     * @param n how many pairs
     * @param order the order
     */
    static void sort(String[] names, String[] values, int n, Order order) {
        for (int start = 0; start < n; start += RUN) {
            insertionSort(names, values, start, Math.min(start + RUN, n), order);
        }
        if (n <= RUN) {
            return;
        }
        String[] srcN = names;
        String[] srcV = values;
        String[] dstN = new String[n];
        String[] dstV = new String[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                merge(srcN, srcV, dstN, dstV, lo, mid, hi, order);
            }
            String[] t = srcN;
            srcN = dstN;
            dstN = t;
            t = srcV;
            srcV = dstV;
            dstV = t;
        }
        if (srcN != names) {
            System.arraycopy(srcN, 0, names, 0, n);
            System.arraycopy(srcV, 0, values, 0, n);
        }
    }

    private static void insertionSort(String[] names, String[] values, int from, int to, Order order) {
        for (int i = from + 1; i < to; i++) {
            String kn = names[i];
            String kv = values[i];
            int j = i - 1;
            while (j >= from && order.compare(names[j], values[j], kn, kv) > 0) {
                names[j + 1] = names[j];
                values[j + 1] = values[j];
                j--;
            }
            names[j + 1] = kn;
            values[j + 1] = kv;
        }
    }

    private static void merge(String[] sn, String[] sv, String[] dn, String[] dv, int lo, int mid, int hi,
                              Order order) {
        int a = lo;
        int b = mid;
        for (int k = lo; k < hi; k++) {
            if (a < mid && (b >= hi || order.compare(sn[a], sv[a], sn[b], sv[b]) <= 0)) {
                dn[k] = sn[a];
                dv[k] = sv[a++];
            } else {
                dn[k] = sn[b];
                dv[k] = sv[b++];
            }
        }
    }
}
