package dev.awssig.v2.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PairSort} against {@link List#sort} (a stable sort of the JDK) as the oracle: every size
 * from none to past four merge passes, names drawn from a small alphabet so that many are equal,
 * and values numbering the pairs so that a tie put out of its order is seen.
 */
class PairSortTest {
    private static final String[] NAMES = {"a", "a1", "b", "acl", "uploads", "", "A", "versionId"};

    private static void sortsLikeTheJdk(Random random, int n, PairSort.Order order, Comparator<String[]> oracle) {
        String[] names = new String[n];
        String[] values = new String[n];
        List<String[]> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names[i] = NAMES[random.nextInt(NAMES.length)];
            values[i] = Integer.toString(i);
            expected.add(new String[] {names[i], values[i]});
        }
        expected.sort(oracle);
        PairSort.sort(names, values, n, order);
        String[] wantNames = new String[n];
        String[] wantValues = new String[n];
        for (int i = 0; i < n; i++) {
            wantNames[i] = expected.get(i)[0];
            wantValues[i] = expected.get(i)[1];
        }
        assertArrayEquals(wantNames, names, "names, n=" + n);
        assertArrayEquals(wantValues, values, "values (stable), n=" + n);
    }

    @Test
    void sortsByNameStablyAtEverySize() {
        Random random = new Random(20261202L);
        for (int n = 0; n <= 140; n++) {
            for (int round = 0; round < 4; round++) {
                sortsLikeTheJdk(random, n, PairSort.BY_NAME, Comparator.comparing(p -> p[0]));
            }
        }
        for (int n : new int[] {255, 256, 257, 1000}) {
            sortsLikeTheJdk(random, n, PairSort.BY_NAME, Comparator.comparing(p -> p[0]));
        }
    }

    @Test
    void sortsByAnyOrderItIsGiven() {
        Random random = new Random(7L);
        // descending by name, then by value as a number: no ties left
        PairSort.Order order = (n1, v1, n2, v2) -> {
            int c = n2.compareTo(n1);
            return c != 0 ? c : Integer.compare(Integer.parseInt(v2), Integer.parseInt(v1));
        };
        Comparator<String[]> oracle = Comparator.<String[], String>comparing(p -> p[0]).reversed()
                .thenComparing(Comparator.<String[]>comparingInt(p -> Integer.parseInt(p[1])).reversed());
        for (int n = 0; n <= 70; n++) {
            sortsLikeTheJdk(random, n, order, oracle);
        }
    }

    @Test
    void onlyTheFirstNPairsAreSorted() {
        String[] names = new String[40];
        String[] values = new String[40];
        for (int i = 0; i < 40; i++) {
            names[i] = Character.toString((char) ('z' - i % 26));
            values[i] = Integer.toString(i);
        }
        String[] tailNames = java.util.Arrays.copyOfRange(names, 20, 40);
        PairSort.sort(names, values, 20, PairSort.BY_NAME);
        assertArrayEquals(tailNames, java.util.Arrays.copyOfRange(names, 20, 40));
        for (int i = 1; i < 20; i++) {
            org.junit.jupiter.api.Assertions.assertTrue(names[i - 1].compareTo(names[i]) <= 0, "sorted at " + i);
        }
    }
}
