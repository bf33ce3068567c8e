package dev.awssig.v4.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the copied vectors in the test resources. */
public final class Vectors {
    private Vectors() {
    }

    public static Path root() {
        Path p = Path.of("src", "test", "resources", "vectors");
        if (Files.isDirectory(p)) {
            return p;
        }
        return Path.of("target", "test-classes", "vectors");
    }

    public static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(Path p) {
        return new String(bytes(p), StandardCharsets.UTF_8);
    }
}
