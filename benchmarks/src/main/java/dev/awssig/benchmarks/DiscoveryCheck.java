package dev.awssig.benchmarks;

import dev.awssig.Signers;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves that provider discovery works inside the shaded {@code benchmarks.jar}: the build runs
 * {@code java -cp benchmarks.jar dev.awssig.benchmarks.DiscoveryCheck <algorithm>[,<algorithm>...]}
 * in the {@code verify} phase, and this exits non-zero unless {@link Signers#discover()} finds
 * every algorithm named. Without the shade plugin's {@code ServicesResourceTransformer} the providers'
 * {@code META-INF/services} files overwrite each other and all but one provider disappear.
 */
public final class DiscoveryCheck {
    private DiscoveryCheck() {
    }

    /**
     * Runs the check.
     *
     * @param args the algorithm names that must be discovered, comma- or space-separated
     */
    public static void main(String[] args) {
        List<String> found = Signers.discover().algorithms();
        List<String> missing = new ArrayList<>();
        for (String arg : args) {
            for (String name : arg.split("[,\\s]+")) {
                if (!name.isEmpty() && !found.contains(name)) {
                    missing.add(name);
                }
            }
        }
        if (!missing.isEmpty()) {
            System.err.println("DiscoveryCheck FAILED: Signers.discover() inside benchmarks.jar found " + found
                    + " but not " + missing + ". Are the META-INF/services files merged by the shade plugin's"
                    + " ServicesResourceTransformer?");
            System.exit(1);
        }
        System.out.println("DiscoveryCheck: benchmarks.jar discovers " + found);
    }
}
