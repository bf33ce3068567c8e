package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB aws-chunked upload (signed chunks, signed CRC32C trailer) is encoded and verified
 * with the heap bounded by a small constant: a child JVM with {@code -Xmx64m} runs
 * {@link GigabyteStreamMain} over a generated stream (no file) and must decode every byte.
 */
class GigabyteStreamTest {
    private static final long ONE_GIB = 1L << 30;

    @Test
    void oneGibibyteStreamEncodesAndVerifiesInA64MegabyteHeap() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(javaBin, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                GigabyteStreamMain.class.getName(), Long.toString(ONE_GIB));
        File log = File.createTempFile("gigabyte-stream", ".log");
        log.deleteOnExit();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        boolean finished = p.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = java.nio.file.Files.readString(log.toPath(), StandardCharsets.UTF_8);
        System.out.println(out);
        assertTrue(finished, "the child JVM did not finish in 300 s:\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("OK decoded=" + ONE_GIB), out);
    }
}
