package dev.awssig;

import dev.awssig.spi.SignerProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link SignerProvider signer providers} with {@link ServiceLoader}, by algorithm name.
 *
 * <p>A provider that fails to load (a missing class, a class compiled for a newer Java, a
 * constructor that throws) or whose {@code algorithm()} fails is skipped and logged, so a broken
 * jar does not break the others; two providers for one algorithm are an error that names both. Works on the class
 * path ({@code META-INF/services}) and on the module path ({@code provides}). Thread-safe.
 *
 * @since 0.1.0
 */
public final class Signers {
    private static final Logger LOG = LoggerFactory.getLogger(Signers.class);
    private static final int MAX_FAILURES_IN_A_ROW = 1000;

    private final Map<String, List<SignerProvider>> byAlgorithm;

    private Signers(Iterable<SignerProvider> loader) {
        Map<String, List<SignerProvider>> map = new TreeMap<>();
        Iterator<SignerProvider> it = loader.iterator();
        int failuresInARow = 0;
        while (true) {
            SignerProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
                failuresInARow = 0;
            } catch (ServiceConfigurationError | LinkageError e) {
                // LinkageError: a provider class compiled for a newer Java, or missing a class it needs
                LOG.warn("Skipping a signer provider that could not be loaded: {}", e.toString());
                if (++failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                    LOG.warn("Stopping signer provider discovery after {} failures in a row", failuresInARow);
                    break;
                }
                continue;
            }
            String name;
            try {
                name = provider.algorithm();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Skipping signer provider {}: algorithm() failed: {}", provider.getClass().getName(),
                        e.toString());
                continue;
            }
            if (name == null || name.isBlank()) {
                LOG.warn("Skipping signer provider {}: it names no algorithm", provider.getClass().getName());
                continue;
            }
            map.computeIfAbsent(name, k -> new ArrayList<>(1)).add(provider);
        }
        this.byAlgorithm = Collections.unmodifiableMap(map);
    }

    /**
     * The providers visible to this module's class loader / module layer.
     *
     * @return a registry of the discovered providers
     * @since 0.1.0
     */
    public static Signers discover() {
        return new Signers(ServiceLoader.load(SignerProvider.class, Signers.class.getClassLoader()));
    }

    /**
     * The providers visible through a class loader (for containers with their own loaders).
     *
     * @param classLoader the loader to search
     * @return a registry of the discovered providers
     * @since 0.1.0
     */
    public static Signers discover(ClassLoader classLoader) {
        Objects.requireNonNull(classLoader, "classLoader");
        return new Signers(ServiceLoader.load(SignerProvider.class, classLoader));
    }

    /**
     * The providers of a module layer (and its parents).
     *
     * @param layer the layer to search
     * @return a registry of the discovered providers
     * @since 0.1.0
     */
    public static Signers discover(ModuleLayer layer) {
        Objects.requireNonNull(layer, "layer");
        return new Signers(ServiceLoader.load(layer, SignerProvider.class));
    }

    /**
     * A registry over given providers, without discovery (for tests and frameworks that wire
     * providers by hand).
     *
     * @param providers the providers
     * @return a registry
     * @since 0.1.0
     */
    public static Signers of(SignerProvider... providers) {
        Objects.requireNonNull(providers, "providers");
        return new Signers(List.of(providers));
    }

    /**
     * The algorithm names found, sorted.
     *
     * @return an unmodifiable list of names
     * @since 0.1.0
     */
    public List<String> algorithms() {
        return List.copyOf(byAlgorithm.keySet());
    }

    /**
     * The provider of an algorithm.
     *
     * @param algorithm the algorithm name, for example {@link Algorithms#SIGV4}
     * @return the single provider of that name
     * @throws SignerLookupException if none or more than one provider has that name
     * @since 0.1.0
     */
    public SignerProvider provider(String algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        List<SignerProvider> found = byAlgorithm.get(algorithm);
        if (found == null) {
            throw new SignerLookupException("No signer provider for algorithm '" + algorithm
                    + "'. Found: " + byAlgorithm.keySet() + ". Add the module that implements it"
                    + " (signer-v4 for AWS4-HMAC-SHA256, signer-v2 for AWS-S3-V2 and AWS-QUERY-V2,"
                    + " devpay for DEVPAY+...) to the class path or module path.");
        }
        if (found.size() > 1) {
            List<String> names = new ArrayList<>();
            for (SignerProvider p : found) {
                names.add(p.getClass().getName());
            }
            throw new SignerLookupException("More than one signer provider for algorithm '" + algorithm
                    + "': " + names + ". Remove all but one from the class path or module path.");
        }
        return found.get(0);
    }

    /**
     * A signer for an algorithm.
     *
     * @param algorithm the algorithm name
     * @param config the configuration
     * @return the signer
     * @throws SignerLookupException if the algorithm has no single provider
     * @since 0.1.0
     */
    public Signer signer(String algorithm, SigningConfig config) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(config, "config");
        return provider(algorithm).signer(config);
    }

    /**
     * A signer that sends bodies {@code aws-chunked}; see
     * {@link SignerProvider#streamingSigner(SigningConfig, PayloadMode, String)}.
     *
     * @param algorithm the algorithm name
     * @param config the configuration
     * @param mode a streaming mode
     * @param trailerChecksum the trailer checksum as S3 names it ({@code CRC32C}, ...), or null for
     *     the provider's default
     * @return the signer
     * @throws SignerLookupException if the algorithm has no single provider or no streaming form
     * @since 0.2.0
     */
    public Signer streamingSigner(String algorithm, SigningConfig config, PayloadMode mode, String trailerChecksum) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(mode, "mode");
        return provider(algorithm).streamingSigner(config, mode, trailerChecksum).orElseThrow(() ->
                new SignerLookupException("Algorithm '" + algorithm + "' has no aws-chunked streaming form;"
                        + " sign the body with PayloadMode.SIGNED or UNSIGNED"));
    }

    /**
     * A presigner for an algorithm.
     *
     * @param algorithm the algorithm name
     * @param config the configuration
     * @return the presigner
     * @throws SignerLookupException if the algorithm has no single provider or cannot presign
     * @since 0.1.0
     */
    public Presigner presigner(String algorithm, SigningConfig config) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(config, "config");
        return provider(algorithm).presigner(config).orElseThrow(() -> new SignerLookupException(
                "Algorithm '" + algorithm + "' has no presigned form"));
    }

    /**
     * A verifier for an algorithm.
     *
     * @param algorithm the algorithm name
     * @param config region, service and options to expect
     * @return the verifier
     * @throws SignerLookupException if the algorithm has no single provider or no verifier
     * @since 0.1.0
     */
    public Verifier verifier(String algorithm, SigningConfig config) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(config, "config");
        return provider(algorithm).verifier(config).orElseThrow(() -> new SignerLookupException(
                "Algorithm '" + algorithm + "' has no verifier"));
    }

    /**
     * The algorithm names found.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "Signers" + byAlgorithm.keySet();
    }
}
