package dev.awssig.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the results with XChart into one PNG of up to four panels: time per operation and
 * allocation per operation of every signing scenario, aws-chunked throughput, and thread scaling.
 */
final class ChartWriter {
    private static final int WIDTH = 1400;
    private static final int HEIGHT = 620;
    private static final Map<String, Color> COLORS = new LinkedHashMap<>();

    static {
        COLORS.put("awssig", new Color(0x1b9e77));
        COLORS.put("awsSdkV2", new Color(0xd95f02));
        COLORS.put("awsSdkV1", new Color(0x7570b3));
        COLORS.put("minio", new Color(0xe7298a));
        COLORS.put("floor", new Color(0x666666));
        COLORS.put("sha256Only", new Color(0x666666));
    }

    private ChartWriter() {
    }

    /**
     * Writes the chart.
     *
     * @param a the analysis
     * @param file the PNG file
     * @throws IOException if it cannot be written
     */
    static void write(Analysis a, Path file) throws IOException {
        List<Result> one = a.at(1);
        List<String> scenarios = new ArrayList<>();
        List<String> impls = new ArrayList<>();
        for (Result r : one) {
            if (Scenarios.isChunked(r.scenario())) {
                continue;
            }
            if (!scenarios.contains(r.scenario())) {
                scenarios.add(r.scenario());
            }
            String impl = r.role() == Result.Role.FLOOR ? "floor" : r.implementation();
            if (!impls.contains(impl)) {
                impls.add(impl);
            }
        }
        impls.sort((x, y) -> Integer.compare(Scenarios.implOrder(x), Scenarios.implOrder(y)));
        List<String> titles = new ArrayList<>();
        for (String s : scenarios) {
            titles.add(s);
        }

        CategoryChart time = chart("Time per operation, 1 thread (lower is faster)", "ns/op");
        CategoryChart alloc = chart("Allocation per signature (-prof gc)", "B/op");
        for (String impl : impls) {
            List<Double> ns = new ArrayList<>();
            List<Double> bytes = new ArrayList<>();
            boolean any = false;
            for (String s : scenarios) {
                Result r = pick(one, s, impl);
                ns.add(r == null ? null : r.nsPerOp());
                bytes.add(r == null || Double.isNaN(r.bytesPerOp()) ? null : r.bytesPerOp());
                any |= r != null;
            }
            if (any) {
                time.addSeries(Scenarios.label(impl), titles, ns).setFillColor(COLORS.getOrDefault(impl, Color.GRAY));
                alloc.addSeries(Scenarios.label(impl), titles, bytes).setFillColor(COLORS.getOrDefault(impl, Color.GRAY));
            }
        }

        CategoryChart chunked = chart("aws-chunked, signed and verified: 1 MiB in 64 KiB chunks (higher is faster)", "MB/s");
        List<String> cx = new ArrayList<>();
        List<Double> cy = new ArrayList<>();
        for (Result r : one) {
            if (Scenarios.isChunked(r.scenario())) {
                cx.add((r.scenario().equals(Scenarios.CHUNKED_VERIFY) ? "verify: " : "sign: ")
                        + Scenarios.label(r.implementation()));
                cy.add(Analysis.megabytesPerSecond(r));
            }
        }
        if (!cx.isEmpty()) {
            chunked.addSeries("MB/s, 1 thread", cx, cy).setFillColor(COLORS.get("awssig"));
        }

        CategoryChart scaling = chart("Throughput, 1 and 2 threads (higher is faster)", "signatures/s");
        List<Result[]> pairs = a.scaling(2);
        if (!pairs.isEmpty()) {
            List<String> sx = new ArrayList<>();
            List<Double> s1 = new ArrayList<>();
            List<Double> s2 = new ArrayList<>();
            for (Result[] p : pairs) {
                sx.add(p[0].scenario() + "." + p[0].implementation());
                s1.add(p[0].opsPerSecond());
                s2.add(p[1].opsPerSecond());
            }
            scaling.addSeries("1 thread", sx, s1).setFillColor(new Color(0x9ecae1));
            scaling.addSeries("2 threads", sx, s2).setFillColor(new Color(0x3182bd));
        }

        List<CategoryChart> charts = new ArrayList<>();
        if (!scenarios.isEmpty()) {
            charts.add(time);
            charts.add(alloc);
        }
        if (!cx.isEmpty()) {
            charts.add(chunked);
        }
        if (!pairs.isEmpty()) {
            charts.add(scaling);
        }
        if (charts.isEmpty()) {
            throw new IOException("nothing to chart: no single-thread results");
        }
        BitmapEncoder.saveBitmap(charts, charts.size(), 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static Result pick(List<Result> results, String scenario, String impl) {
        for (Result r : results) {
            String key = r.role() == Result.Role.FLOOR ? "floor" : r.implementation();
            if (r.scenario().equals(scenario) && key.equals(impl)) {
                return r;
            }
        }
        return null;
    }

    private static CategoryChart chart(String title, String yTitle) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridVerticalLinesVisible(false);
        c.getStyler().setAvailableSpaceFill(0.85);
        c.getStyler().setXAxisLabelRotation(20);
        c.getStyler().setYAxisDecimalPattern("#,###");
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsRotation(90);
        c.getStyler().setLabelsFontColor(Color.BLACK);
        return c;
    }
}
