package dev.awssig.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** A one-line description of the machine the report is written on. */
final class Machine {
    private Machine() {
    }

    /**
     * CPU model, cores, OS.
     *
     * @return the description
     */
    static String describe() {
        String cpu = "unknown CPU";
        Path cpuinfo = Paths.get("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try {
                for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name")) {
                        cpu = line.substring(line.indexOf(':') + 1).trim();
                        break;
                    }
                }
            } catch (IOException e) {
                cpu = "unknown CPU (" + e.getMessage() + ")";
            }
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores visible to the JVM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }
}
