package dev.awssig.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions of the peers and of JMH, written into the jar by Maven resource filtering. */
final class Versions {
    private static final Properties VERSIONS = new Properties();

    static {
        try (InputStream in = Versions.class.getResourceAsStream("/dev/awssig/benchmarks/versions.properties")) {
            if (in != null) {
                VERSIONS.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read versions.properties", e);
        }
    }

    private Versions() {
    }

    /**
     * A version.
     *
     * @param key awssdk2, awssdk1, minio, jmh
     * @return the version, or "?"
     */
    static String get(String key) {
        return VERSIONS.getProperty(key, "?");
    }
}
