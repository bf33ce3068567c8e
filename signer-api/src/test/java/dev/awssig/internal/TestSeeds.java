package dev.awssig.internal;

import java.util.Random;

/** Seeds of randomized tests: printed, and replayable with {@code -Dawssig.seed=N}. */
final class TestSeeds {
    private TestSeeds() {
    }

    static long seed(String test) {
        String fixed = System.getProperty("awssig.seed");
        long seed = fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.trim()) : new Random().nextLong();
        System.out.println(test + ": seed=" + seed + " (replay with -Dawssig.seed=" + seed + ")");
        return seed;
    }
}
