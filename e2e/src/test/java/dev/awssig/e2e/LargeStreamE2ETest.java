package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.HttpSigning;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 100 MiB upload through each HTTP client adapter in constant memory: a child JVM with
 * {@code -Xmx64m} ({@link LargeStreamMain}) streams a generated body to s3proxy (aws-chunked, signed
 * chunks and a signed CRC32C trailer, as the adapters choose over plain HTTP), reads it back through
 * the same adapter into a SHA-256 and compares; the body is never in memory, and a heap a little
 * over half of it would not hold it.
 */
@ExtendWith(S3ProxyExtension.class)
class LargeStreamE2ETest {
    private static final long HUNDRED_MIB = 100L * 1024 * 1024;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Adapters.class, names = {"JDK", "OKHTTP_NETWORK", "APACHE_CLASSIC"})
    void hundredMebibytesStreamThroughEachAdapterInA64MegabyteHeap(Adapters adapter, S3ProxyServer s) throws Exception {
        String bucket = "large-stream";
        try (Adapters.Client c = Adapters.JDK.client(HttpSigning.of(Fixtures.config()))) {
            Scenarios.createBucket(new S3Client(s.endpoint(), c.transport), bucket);
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(javaBin, "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                LargeStreamMain.class.getName(), adapter.name(), s.endpoint(), bucket,
                "big-" + adapter.name().toLowerCase(Locale.ROOT) + ".bin", Long.toString(HUNDRED_MIB));
        File log = File.createTempFile("large-stream", ".log");
        log.deleteOnExit();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        boolean finished = p.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        System.out.println(adapter + ": " + out);
        assertTrue(finished, "the child JVM did not finish in 240 s:\n" + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("OK length=" + HUNDRED_MIB), out);
    }
}
