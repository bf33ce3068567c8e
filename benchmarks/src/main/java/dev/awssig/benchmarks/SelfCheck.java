package dev.awssig.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the correctness gate of every benchmark class (its {@code @Setup}, which compares every
 * implementation's answer with ours and with the published one) without measuring anything;
 * exits non-zero on the first wrong answer. {@code benchmarks/run} calls it before the long run,
 * and the build runs it inside the shaded jar.
 */
public final class SelfCheck {
    private SelfCheck() {
    }

    /**
     * Runs the checks.
     *
     * @param args unused
     * @throws ClassNotFoundException if a listed benchmark class is missing from the jar
     */
    public static void main(String[] args) throws ClassNotFoundException {
        // Every benchmark class the JMH annotation processor registered in META-INF/BenchmarkList.
        Set<String> classes = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())) {
            classes.add(e.getUserClassQName());
        }
        if (classes.isEmpty()) {
            System.out.println("SelfCheck: no benchmark in META-INF/BenchmarkList");
            System.exit(1);
        }
        int failed = 0;
        for (String name : classes) {
            Class<?> c = Class.forName(name);
            try {
                Object state = c.getConstructor().newInstance();
                c.getMethod("setup").invoke(state);
                System.out.println("SelfCheck OK   " + c.getSimpleName());
            } catch (InvocationTargetException e) {
                failed++;
                System.out.println("SelfCheck FAIL " + c.getSimpleName() + ": " + e.getCause());
            } catch (ReflectiveOperationException e) {
                failed++;
                System.out.println("SelfCheck FAIL " + c.getSimpleName() + ": " + e);
            }
        }
        if (failed > 0) {
            System.out.println("SelfCheck: " + failed + " benchmark class(es) would measure a wrong answer");
            System.exit(1);
        }
    }
}
