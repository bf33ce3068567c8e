package dev.awssig.benchmarks.report;

import dev.awssig.benchmarks.SigV4ChunkedUpload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The numbers the report shows, computed from the results: ratios to the fastest peer and to the
 * floor, throughput of the chunked encoding, thread scaling, and the targets.
 */
public final class Analysis {
    private final List<Result> results;

    /**
     * An analysis of results.
     *
     * @param results every result (any thread counts)
     */
    public Analysis(List<Result> results) {
        this.results = List.copyOf(results);
    }

    /**
     * The results of one thread count, sorted by scenario and implementation.
     *
     * @param threads the thread count
     * @return sorted results
     */
    public List<Result> at(int threads) {
        List<Result> out = new ArrayList<>();
        for (Result r : results) {
            if (r.threads() == threads) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingInt((Result r) -> Scenarios.order(r.scenario()))
                .thenComparing(Result::scenario)
                .thenComparingInt(r -> Scenarios.implOrder(r.implementation()))
                .thenComparing(Result::implementation));
        return out;
    }

    /**
     * The thread counts present, ascending.
     *
     * @return thread counts
     */
    public List<Integer> threadCounts() {
        Map<Integer, Boolean> m = new TreeMap<>();
        for (Result r : results) {
            m.put(r.threads(), Boolean.TRUE);
        }
        return List.copyOf(m.keySet());
    }

    /**
     * One result.
     *
     * @param scenario class simple name
     * @param implementation method
     * @param threads threads
     * @return the result, if measured
     */
    public Optional<Result> find(String scenario, String implementation, int threads) {
        for (Result r : results) {
            if (r.scenario().equals(scenario) && r.implementation().equals(implementation) && r.threads() == threads) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The fastest peer of a scenario.
     *
     * @param scenario class simple name
     * @param threads threads
     * @return the fastest peer result, if any peer was measured
     */
    public Optional<Result> fastestPeer(String scenario, int threads) {
        Result best = null;
        for (Result r : results) {
            if (r.scenario().equals(scenario) && r.threads() == threads && r.role() == Result.Role.PEER
                    && (best == null || r.nsPerOp() < best.nsPerOp())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The floor of a scenario.
     *
     * @param scenario class simple name
     * @param threads threads
     * @return the floor result, if measured
     */
    public Optional<Result> floor(String scenario, int threads) {
        for (Result r : results) {
            if (r.scenario().equals(scenario) && r.threads() == threads && r.role() == Result.Role.FLOOR) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Time of a result relative to the fastest peer (lower is faster).
     *
     * @param r a result
     * @return the ratio, or NaN without peers
     */
    public double ratioToFastestPeer(Result r) {
        return fastestPeer(r.scenario(), r.threads()).map(p -> r.nsPerOp() / p.nsPerOp()).orElse(Double.NaN);
    }

    /**
     * Time of a result relative to the floor.
     *
     * @param r a result
     * @return the ratio, or NaN without a floor
     */
    public double ratioToFloor(Result r) {
        return floor(r.scenario(), r.threads()).map(f -> r.nsPerOp() / f.nsPerOp()).orElse(Double.NaN);
    }

    /**
     * Throughput of the chunked-encoding scenario in MB/s (10^6 bytes), per thread.
     *
     * @param r a result of {@link Scenarios#CHUNKED}
     * @return MB/s
     */
    public static double megabytesPerSecond(Result r) {
        return SigV4ChunkedUpload.PAYLOAD_BYTES / r.nsPerOp() * 1e3;
    }

    /**
     * Throughput at {@code threads} over throughput at one thread, for every implementation
     * measured at both.
     *
     * @param threads the larger thread count
     * @return pairs (one thread, more threads)
     */
    public List<Result[]> scaling(int threads) {
        List<Result[]> out = new ArrayList<>();
        for (Result r : at(threads)) {
            find(r.scenario(), r.implementation(), 1).ifPresent(one -> out.add(new Result[] {one, r}));
        }
        return out;
    }

    /**
     * A target of the issue and whether the run meets it.
     *
     * @param name what is required
     * @param scenario the scenario title
     * @param required the bound, as text
     * @param measured the measured value, as text
     * @param met whether it is met; null when not measured
     * @param gap how far off, as text (empty when met)
     */
    public record Target(String name, String scenario, String required, String measured, Boolean met, String gap) {
    }

    /**
     * Every target of the issue, evaluated.
     *
     * @return the targets
     */
    public List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (String s : List.of("SigV4HeaderS3Get", "SigV4HeaderIamListUsers", "SigV4HeaderSessionToken",
                "SigV4PresignS3Get")) {
            String kind = s.startsWith("SigV4Presign") ? "SigV4 presigning" : "SigV4 header signing";
            Optional<Result> ours = find(s, "awssig", 1);
            Optional<Result> sdk = find(s, "awsSdkV2", 1);
            Optional<Result> floor = floor(s, 1);
            if (ours.isPresent() && sdk.isPresent()) {
                double x = sdk.get().nsPerOp() / ours.get().nsPerOp();
                out.add(atLeast(kind + ": throughput vs AWS SDK v2", s, x, 4.0, "x"));
            }
            if (ours.isPresent() && floor.isPresent()) {
                double x = ours.get().nsPerOp() / floor.get().nsPerOp();
                out.add(atMost(kind + ": time vs floor", s, x, 1.25, "x")); // issue 14 (1.5 before)
            }
            if (ours.isPresent() && !Double.isNaN(ours.get().bytesPerOp())) {
                out.add(atMost(kind + ": allocation per signature", s, ours.get().bytesPerOp(), 1024, " B"));
            }
        }
        for (String s : List.of("SigV2HeaderS3Get", "SigV2PresignS3Get")) {
            Optional<Result> ours = find(s, "awssig", 1);
            Optional<Result> floor = floor(s, 1);
            if (ours.isPresent() && floor.isPresent()) {
                double x = ours.get().nsPerOp() / floor.get().nsPerOp();
                out.add(atMost((s.contains("Presign") ? "SigV2 presigning" : "SigV2 header signing")
                        + ": time vs HMAC-SHA1 floor", s, x, 2.0, "x"));
            }
        }
        // issue 14: verification at most 1.5x its floor (the signing floor plus a constant-time
        // compare) and 1 KiB per request; POST forms signed within 2x and enforced within 3x
        for (String s : List.of("SigV4VerifyS3Get", "SigV4VerifyPresignS3Get", "SigV2VerifyS3Get")) {
            String kind = s.startsWith("SigV2") ? "SigV2 verification" : s.contains("Presign")
                    ? "SigV4 presigned verification" : "SigV4 header verification";
            Optional<Result> ours = find(s, "awssig", 1);
            Optional<Result> floor = floor(s, 1);
            if (ours.isPresent() && floor.isPresent()) {
                out.add(atMost(kind + ": time vs floor", s, ours.get().nsPerOp() / floor.get().nsPerOp(), 1.5, "x"));
            }
            if (ours.isPresent() && !Double.isNaN(ours.get().bytesPerOp())) {
                out.add(atMost(kind + ": allocation per request", s, ours.get().bytesPerOp(), 1024, " B"));
            }
        }
        for (String s : List.of("SigV4PostForm", "SigV4PostEnforce")) {
            Optional<Result> ours = find(s, "awssig", 1);
            Optional<Result> floor = floor(s, 1);
            if (ours.isPresent() && floor.isPresent()) {
                boolean enforce = s.endsWith("Enforce");
                out.add(atMost(enforce ? "POST policy: enforcing a submission, time vs floor"
                        : "POST policy: signing a form, time vs floor", s,
                        ours.get().nsPerOp() / floor.get().nsPerOp(), enforce ? 3.0 : 2.0, "x"));
            }
        }
        // SigV4a (issue 17): signing at most 1.3x its floor (one SHA-256 + one P-256 ECDSA signature
        // with the JDK) and faster than the native CRT called from Java
        Optional<Result> v4a = find("SigV4aHeaderS3Get", "awssig", 1);
        Optional<Result> v4aFloor = floor("SigV4aHeaderS3Get", 1);
        Optional<Result> crt = find("SigV4aHeaderS3Get", "crt", 1);
        if (v4a.isPresent() && v4aFloor.isPresent()) {
            out.add(atMost("SigV4a header signing: time vs floor", "SigV4aHeaderS3Get",
                    v4a.get().nsPerOp() / v4aFloor.get().nsPerOp(), 1.3, "x"));
        }
        if (v4a.isPresent() && crt.isPresent()) {
            out.add(atLeast("SigV4a header signing: throughput vs AWS CRT", "SigV4aHeaderS3Get",
                    crt.get().nsPerOp() / v4a.get().nsPerOp(), 1.0, "x"));
        }
        Optional<Result> chunked = find(Scenarios.CHUNKED, "awssig", 1);
        Optional<Result> sha = floor(Scenarios.CHUNKED, 1);
        if (chunked.isPresent() && sha.isPresent()) {
            double x = sha.get().nsPerOp() / chunked.get().nsPerOp();
            out.add(atLeast("aws-chunked: throughput vs SHA-256 alone", Scenarios.CHUNKED, x * 100, 80, "%"));
        }
        Optional<Result> chunkedVerify = find(Scenarios.CHUNKED_VERIFY, "awssig", 1);
        Optional<Result> shaVerify = floor(Scenarios.CHUNKED_VERIFY, 1);
        if (chunkedVerify.isPresent() && shaVerify.isPresent()) {
            double x = shaVerify.get().nsPerOp() / chunkedVerify.get().nsPerOp();
            out.add(atLeast("aws-chunked verify: throughput vs SHA-256 alone", Scenarios.CHUNKED_VERIFY, x * 100, 85,
                    "%"));
        }
        for (int t : threadCounts()) {
            if (t == 2) {
                for (Result[] pair : scaling(2)) {
                    if (pair[0].role() == Result.Role.OURS) {
                        double x = pair[1].opsPerSecond() / pair[0].opsPerSecond();
                        out.add(atLeast("2 threads vs 1: throughput", pair[0].scenario(), x, 1.8, "x"));
                    }
                }
            }
        }
        return out;
    }

    private static Target atLeast(String name, String scenario, double value, double bound, String unit) {
        boolean met = value >= bound;
        return new Target(name, Scenarios.title(scenario), ">= " + fmt(bound) + unit, fmt(value) + unit, met,
                met ? "" : "short by " + fmt(bound - value) + unit + " (" + percent(bound / value - 1) + " more needed)");
    }

    private static Target atMost(String name, String scenario, double value, double bound, String unit) {
        boolean met = value <= bound;
        return new Target(name, Scenarios.title(scenario), "<= " + fmt(bound) + unit, fmt(value) + unit, met,
                met ? "" : "over by " + fmt(value - bound) + unit + " (" + percent(value / bound - 1) + ")");
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String bytes(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
}
