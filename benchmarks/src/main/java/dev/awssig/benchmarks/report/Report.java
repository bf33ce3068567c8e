package dev.awssig.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns JMH JSON results into {@code report.md} (tables: ns/op, B/op, ratio to the fastest peer
 * and to the floor; the targets; thread scaling) and {@code chart.png}.
 *
 * <pre>
 * java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar dev.awssig.benchmarks.report.Report \
 *     --out benchmarks/results --command "./benchmarks/run" --note "..." results/jmh.json [more.json...]
 * </pre>
 */
public final class Report {
    private Report() {
    }

    /**
     * Writes the report.
     *
     * @param args {@code --out DIR}, optional {@code --command TEXT}, {@code --note TEXT},
     *     {@code --date TEXT}, then one or more JMH JSON files
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path out = Paths.get("benchmarks/results");
        String command = "";
        String note = "";
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
                Locale.ROOT));
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out":
                    out = Paths.get(args[++i]);
                    break;
                case "--command":
                    command = args[++i];
                    break;
                case "--note":
                    note = args[++i];
                    break;
                case "--date":
                    date = args[++i];
                    break;
                default:
                    inputs.add(Paths.get(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            System.err.println("usage: Report --out DIR [--command TEXT] [--note TEXT] [--date TEXT] jmh.json...");
            System.exit(2);
        }
        List<Result> results = new ArrayList<>();
        for (Path p : inputs) {
            results.addAll(Result.read(p));
        }
        Analysis analysis = new Analysis(results);
        Files.createDirectories(out);
        String md = markdown(analysis, command, note, date, Machine.describe());
        Files.writeString(out.resolve("report.md"), md, StandardCharsets.UTF_8);
        ChartWriter.write(analysis, out.resolve("chart.png"));
        System.out.println(md);
        System.out.println("Wrote " + out.resolve("report.md") + " and " + out.resolve("chart.png"));
    }

    /**
     * The Markdown report.
     *
     * @param a the analysis
     * @param command the command that produced the results
     * @param note what else was running, or other remarks
     * @param date the date of the run
     * @param machine the machine
     * @return Markdown text
     */
    public static String markdown(Analysis a, String command, String note, String date, String machine) {
        StringBuilder sb = new StringBuilder();
        sb.append("# awssig benchmark results\n\n");
        List<Result> one = a.at(1);
        Result any = one.isEmpty() ? null : one.get(0);
        sb.append("- Date: ").append(date).append('\n');
        if (!command.isEmpty()) {
            sb.append("- Command: `").append(command).append("`\n");
        }
        sb.append("- Machine: ").append(machine).append('\n');
        if (any != null) {
            sb.append("- JVM: ").append(any.jdk()).append("; JMH ").append(Versions.get("jmh"))
                    .append(", mode average time, ").append(any.forks()).append(" fork(s), warm-up ")
                    .append(any.warmup()).append(", measurement ").append(any.measurement())
                    .append(", `-prof gc`\n");
        }
        if (!note.isEmpty()) {
            sb.append("- Note: ").append(note).append('\n');
        }
        sb.append("\nLower ns/op is faster. \"x fastest peer\" and \"x floor\" divide this row's time by the"
                + " fastest other library's and by the floor's (the cryptography alone: one SHA-256 of the"
                + " canonical request and one HMAC of the string to sign with a pre-keyed `Mac`; one"
                + " HMAC-SHA1 for SigV2; SHA-256 alone for aws-chunked). B/op is `gc.alloc.rate.norm`."
                + " Every peer and floor first produced the same signature as awssig.\n\n");

        List<Analysis.Target> targets = a.targets();
        if (!targets.isEmpty()) {
            sb.append("## Targets\n\n| target | scenario | required | measured | met |\n|---|---|---|---|---|\n");
            for (Analysis.Target t : targets) {
                sb.append("| ").append(t.name()).append(" | ").append(t.scenario()).append(" | ")
                        .append(t.required()).append(" | ").append(t.measured()).append(" | ")
                        .append(t.met() ? "yes" : "**no**, " + t.gap()).append(" |\n");
            }
            sb.append('\n');
        }

        sb.append("## Results (1 thread)\n\n");
        sb.append("| scenario | implementation | ns/op | ± (99.9%) | B/op | x fastest peer | x floor |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|\n");
        String last = "";
        for (Result r : one) {
            String title = r.scenario().equals(last) ? "" : Scenarios.title(r.scenario());
            last = r.scenario();
            String impl = Scenarios.label(r.implementation());
            if (r.role() == Result.Role.OURS) {
                impl = "**" + impl + "**";
            }
            String ns = Analysis.fmt(r.nsPerOp());
            if (Scenarios.isChunked(r.scenario())) {
                ns += " (" + Analysis.fmt(Analysis.megabytesPerSecond(r)) + " MB/s)";
            }
            sb.append("| ").append(title).append(" | ").append(impl).append(" | ").append(ns).append(" | ")
                    .append(Analysis.fmt(r.error())).append(" | ").append(Analysis.bytes(r.bytesPerOp())).append(" | ")
                    .append(Analysis.fmt(a.ratioToFastestPeer(r))).append(" | ")
                    .append(Analysis.fmt(a.ratioToFloor(r))).append(" |\n");
        }

        for (int t : a.threadCounts()) {
            if (t == 1) {
                continue;
            }
            List<Result[]> pairs = a.scaling(t);
            if (pairs.isEmpty()) {
                continue;
            }
            sb.append("\n## Thread scaling (").append(t).append(" threads vs 1)\n\n");
            sb.append("| scenario | implementation | ns/op, 1 thread | ns/op per thread, ").append(t)
                    .append(" threads | throughput ").append(t).append(" threads / 1 thread |\n");
            sb.append("|---|---|---:|---:|---:|\n");
            for (Result[] p : pairs) {
                sb.append("| ").append(Scenarios.title(p[0].scenario())).append(" | ")
                        .append(Scenarios.label(p[0].implementation())).append(" | ")
                        .append(Analysis.fmt(p[0].nsPerOp())).append(" | ").append(Analysis.fmt(p[1].nsPerOp()))
                        .append(" | ").append(Analysis.fmt(p[1].opsPerSecond() / p[0].opsPerSecond())).append("x |\n");
            }
        }
        sb.append("\n![benchmark chart](chart.png)\n");
        return sb.toString();
    }
}
