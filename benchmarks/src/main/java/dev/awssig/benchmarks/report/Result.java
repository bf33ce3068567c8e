package dev.awssig.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One benchmark result of a JMH JSON file: scenario (the benchmark class), implementation (the
 * method), threads, the average time per operation and the allocation per operation.
 *
 * @param scenario the simple name of the benchmark class
 * @param implementation the benchmark method name
 * @param threads the number of benchmark threads
 * @param nsPerOp mean time per operation (per thread) in ns
 * @param error the 99.9% confidence half-width in ns (NaN with one measurement)
 * @param bytesPerOp allocation per operation in bytes ({@code -prof gc}), NaN without it
 * @param forks forks of the run
 * @param warmup warm-up description ("3 x 1 s")
 * @param measurement measurement description ("5 x 1 s")
 * @param jdk the JDK version and VM of the run
 */
public record Result(String scenario, String implementation, int threads, double nsPerOp, double error,
        double bytesPerOp, int forks, String warmup, String measurement, String jdk) {

    /** The role of an implementation in a scenario. */
    public enum Role {
        /** awssig, the code under test. */
        OURS,
        /** Another library. */
        PEER,
        /** The cryptographic floor. */
        FLOOR
    }

    /**
     * The role of this result.
     *
     * @return ours, peer or floor
     */
    public Role role() {
        return roleOf(implementation);
    }

    /**
     * The role of a benchmark method name.
     *
     * @param implementation the method name
     * @return the role
     */
    public static Role roleOf(String implementation) {
        if (implementation.startsWith("awssig")) {
            return Role.OURS;
        }
        if (implementation.startsWith("floor") || implementation.startsWith("sha256")) {
            return Role.FLOOR;
        }
        return Role.PEER;
    }

    /**
     * Throughput of all threads together, operations per second.
     *
     * @return ops/s
     */
    public double opsPerSecond() {
        return threads * 1e9 / nsPerOp;
    }

    /**
     * Reads the results of a JMH JSON file ({@code -rf json}).
     *
     * @param file the file
     * @return the results in file order
     * @throws IOException if the file cannot be read or is not a JMH result file
     */
    public static List<Result> read(Path file) throws IOException {
        Object root = Json.read(file);
        if (!(root instanceof List)) {
            throw new IOException(file + ": not a JMH JSON result (expected an array)");
        }
        List<Result> out = new ArrayList<>();
        for (Object b : (List<?>) root) {
            String name = (String) Json.get(b, "benchmark");
            if (name == null) {
                throw new IOException(file + ": a result without \"benchmark\"");
            }
            String mode = (String) Json.get(b, "mode");
            Object primary = Json.get(b, "primaryMetric");
            String unit = (String) Json.get(primary, "scoreUnit");
            if (!"avgt".equals(mode) || !"ns/op".equals(unit)) {
                throw new IOException(file + ": " + name + " is " + mode + " in " + unit
                        + "; the report reads average time in ns/op (the defaults of these benchmarks)");
            }
            int dot = name.lastIndexOf('.');
            String cls = name.substring(0, dot);
            String scenario = cls.substring(cls.lastIndexOf('.') + 1);
            double alloc = Double.NaN;
            Object secondary = Json.get(b, "secondaryMetrics");
            if (secondary instanceof Map) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) secondary).entrySet()) {
                    String key = String.valueOf(e.getKey());
                    if (key.endsWith("gc.alloc.rate.norm")) {
                        alloc = Json.number(Json.get(e.getValue(), "score"));
                    }
                }
            }
            out.add(new Result(scenario, name.substring(dot + 1),
                    (int) Json.number(Json.get(b, "threads")),
                    Json.number(Json.get(primary, "score")),
                    Json.number(Json.get(primary, "scoreError")),
                    alloc,
                    (int) Json.number(Json.get(b, "forks")),
                    (int) Json.number(Json.get(b, "warmupIterations")) + " x " + Json.get(b, "warmupTime"),
                    (int) Json.number(Json.get(b, "measurementIterations")) + " x " + Json.get(b, "measurementTime"),
                    Json.get(b, "jdkVersion") + " " + Json.get(b, "vmName")));
        }
        return out;
    }
}
