package dev.awssig.benchmarks;

/**
 * Run defaults shared by every benchmark class (the annotations repeat these numbers; the
 * {@code benchmarks/run} script overrides them for {@code --quick}).
 */
final class Defaults {
    /** JVM options of every fork: a fixed heap so GC sizing does not vary between forks. */
    static final String XMS = "-Xms1g";
    /** See {@link #XMS}. */
    static final String XMX = "-Xmx1g";

    private Defaults() {
    }
}
