package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.SecretLookup;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import dev.awssig.spi.SignerProvider;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real providers of signer-v2, signer-v4, signer-v4a and devpay, discovered the two ways a user can
 * deploy them: on the class path ({@code META-INF/services}, plain {@link Signers#discover()})
 * and on the module path ({@code provides} in {@code module-info}, resolved as named modules in
 * a {@link ModuleLayer} built from the same jars). Both must find the same algorithms and sign
 * alike (for the randomized ECDSA of SigV4a: the same string to sign, and each verifies the other).
 */
class ProviderDiscoveryTest {
    /** Artifacts that form the module path: the published awssig modules and their runtime deps. */
    private static final Set<String> MODULE_PATH_ARTIFACTS = Set.of("signer-api", "signer-v2", "signer-v4",
            "signer-v4a", "devpay", "post-policy", "slf4j-api", "jackson-core");

    private static final Credentials CREDENTIALS = Credentials.of("AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Instant NOW = Instant.parse("2015-08-30T12:36:00Z");
    private static final String REGION = "us-east-1";
    private static final String SERVICE = "s3";
    private static final String URI = "https://examplebucket.s3.amazonaws.com/photos/a%20b.jpg?acl";
    /** The DevPay user token option, by name (options are identified by name); other algorithms ignore it. */
    private static final String DEVPAY_USER_TOKEN = "devpay.userToken";
    private static final String USER_TOKEN = "{UserToken}AAAEXAMPLE+mJ/8bQ=Kczg==";

    private static List<Path> modulePath;
    private static ModuleLayer layer;
    private static Module layerApi;

    @BeforeAll
    static void buildModuleLayer() throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        modulePath = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Paths.get(entry);
            if (MODULE_PATH_ARTIFACTS.contains(artifactId(p)) && Files.exists(p) && !isEmptyDirectory(p)) {
                modulePath.add(p);
            }
        }
        System.out.println("module path: " + modulePath);
        assertTrue(modulePath.stream().anyMatch(p -> artifactId(p).equals("signer-api")),
                "signer-api must be on the test class path: " + cp);
        ModuleFinder finder = ModuleFinder.of(modulePath.toArray(new Path[0]));
        Set<String> roots = new HashSet<>();
        for (ModuleReference ref : finder.findAll()) {
            roots.add(ref.descriptor().name());
        }
        Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
        layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        layerApi = layer.findModule("dev.awssig").orElseThrow();
        assertEquals(layer, layerApi.getLayer(), "dev.awssig is resolved in the new layer, not the class path");
    }

    /** {@code signer-v2} for {@code .../signer-v2/target/classes} or {@code awssig-signer-v2-0.1.0.jar}. */
    private static String artifactId(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (name.equals("classes") && p.getParent() != null && p.getParent().getParent() != null) {
            return p.getParent().getParent().getFileName().toString();
        }
        if (name.startsWith("awssig-")) {
            name = name.substring("awssig-".length()); // published jars: awssig-signer-v2-0.1.0.jar
        }
        for (String a : MODULE_PATH_ARTIFACTS) {
            if (name.startsWith(a + "-") && name.endsWith(".jar")
                    && Character.isDigit(name.charAt(a.length() + 1))) {
                return a;
            }
        }
        return "";
    }

    /** An exploded module with nothing in it yet (a module whose sources have not landed). */
    private static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    // ---- class path side: plain typed calls

    private static SigningConfig classPathConfig() {
        return SigningConfig.builder().credentials(CREDENTIALS).region(REGION).service(SERVICE)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .option(SigningOption.secret(DEVPAY_USER_TOKEN, String.class), USER_TOKEN).build();
    }

    // ---- module path side: the layer's own dev.awssig classes, through reflection

    private static Class<?> api(String name) throws ClassNotFoundException {
        Class<?> c = Class.forName(layerApi, name);
        if (c == null) {
            throw new ClassNotFoundException(name + " in the layer's dev.awssig");
        }
        return c;
    }

    /** Calls a public method declared by an exported API type (never by an implementation class). */
    private static Object call(String type, Object target, String method, Object... args) throws Exception {
        for (Method m : api(type).getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(target, args);
                } catch (IllegalArgumentException wrongOverload) {
                    continue;
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception) {
                        throw (Exception) e.getCause();
                    }
                    throw e;
                }
            }
        }
        throw new NoSuchMethodException(type + "." + method + "/" + args.length);
    }

    private static Object modulePathSigners() throws Exception {
        return call("dev.awssig.Signers", null, "discover", layer);
    }

    private static Object modulePathConfig() throws Exception {
        Object credentials = call("dev.awssig.Credentials", null, "of", CREDENTIALS.accessKeyId(),
                CREDENTIALS.secretAccessKey());
        Object b = call("dev.awssig.SigningConfig", null, "builder");
        call("dev.awssig.SigningConfig$Builder", b, "credentials", credentials);
        call("dev.awssig.SigningConfig$Builder", b, "region", REGION);
        call("dev.awssig.SigningConfig$Builder", b, "service", SERVICE);
        call("dev.awssig.SigningConfig$Builder", b, "clock", Clock.fixed(NOW, ZoneOffset.UTC));
        Object userToken = call("dev.awssig.SigningOption", null, "secret", DEVPAY_USER_TOKEN, String.class);
        call("dev.awssig.SigningConfig$Builder", b, "option", userToken, USER_TOKEN);
        return call("dev.awssig.SigningConfig$Builder", b, "build");
    }

    @SuppressWarnings("unchecked")
    private static List<String> modulePathAlgorithms() throws Exception {
        return (List<String>) call("dev.awssig.Signers", modulePathSigners(), "algorithms");
    }

    // ---- tests

    @Test
    void classPathAndModulePathFindTheSameAlgorithms() throws Exception {
        List<String> onClassPath = Signers.discover().algorithms();
        List<String> onModulePath = modulePathAlgorithms();
        System.out.println("class path: " + onClassPath + ", module path: " + onModulePath);
        assertEquals(onClassPath, onModulePath);
    }

    /** Exactly the algorithms of signer-v2, signer-v4, signer-v4a and devpay, sorted (post-policy registers none). */
    @Test
    void theProvidersOfSignerV2SignerV4SignerV4aAndDevPayAreFound() throws Exception {
        List<String> expected = List.of(Algorithms.SIGV2_QUERY, Algorithms.SIGV2_S3, Algorithms.SIGV4A,
                Algorithms.SIGV4, Algorithms.devpay(Algorithms.SIGV2_S3), Algorithms.devpay(Algorithms.SIGV4A),
                Algorithms.devpay(Algorithms.SIGV4));
        assertEquals(List.of("AWS-QUERY-V2", "AWS-S3-V2", "AWS4-ECDSA-P256-SHA256", "AWS4-HMAC-SHA256",
                "DEVPAY+AWS-S3-V2", "DEVPAY+AWS4-ECDSA-P256-SHA256", "DEVPAY+AWS4-HMAC-SHA256"), expected);
        assertEquals(expected, Signers.discover().algorithms(), "class path");
        assertEquals(expected, modulePathAlgorithms(), "module path");
    }

    @Test
    void everyModulePathProviderIsANamedModuleThatDeclaresProvides() throws Exception {
        Object signers = modulePathSigners();
        for (String algorithm : modulePathAlgorithms()) {
            Object provider = call("dev.awssig.Signers", signers, "provider", algorithm);
            Module m = provider.getClass().getModule();
            assertTrue(m.isNamed(), algorithm + " comes from a named module");
            assertFalse(m.getDescriptor().isAutomatic(), algorithm + " comes from a module with a module-info");
            assertEquals(layer, m.getLayer(), algorithm);
            assertTrue(m.getDescriptor().provides().stream().anyMatch(p -> p.service().equals(
                    SignerProvider.class.getName()) && p.providers().contains(provider.getClass().getName())),
                    m.getName() + " declares 'provides dev.awssig.spi.SignerProvider with "
                            + provider.getClass().getName() + "'");
            assertTrue(m.getName().startsWith("dev.awssig."), m.getName());
        }
    }

    @Test
    void everyClassPathProviderIsDeclaredInMetaInfServices() {
        Signers signers = Signers.discover();
        for (String algorithm : signers.algorithms()) {
            SignerProvider provider = signers.provider(algorithm);
            assertFalse(provider.getClass().getModule().isNamed(), algorithm + " is loaded from the class path");
            assertEquals(algorithm, provider.algorithm());
        }
    }

    @Test
    void aSignerOfEachAlgorithmCanBeCreatedAndSignsAlikeOnBothPaths() throws Exception {
        Signers cpSigners = Signers.discover();
        Object mpSigners = modulePathSigners();
        Object mpConfig = modulePathConfig();
        for (String algorithm : cpSigners.algorithms()) {
            Signer cpSigner = cpSigners.signer(algorithm, classPathConfig());
            assertEquals(algorithm, cpSigner.algorithm());
            Object mpSigner = call("dev.awssig.Signers", mpSigners, "signer", algorithm, mpConfig);
            assertEquals(algorithm, call("dev.awssig.Signer", mpSigner, "algorithm"));

            SignedRequest cpSigned = cpSigner.sign(SignableRequest.builder().method("GET").uri(URI).build());
            Object b = call("dev.awssig.SignableRequest", null, "builder");
            call("dev.awssig.SignableRequest$Builder", b, "method", "GET");
            call("dev.awssig.SignableRequest$Builder", b, "uri", URI);
            Object mpRequest = call("dev.awssig.SignableRequest$Builder", b, "build");
            Object mpSigned = call("dev.awssig.Signer", mpSigner, "sign", mpRequest);
            if (!randomized(algorithm)) {
                assertEquals(cpSigned.signature(), call("dev.awssig.SignedRequest", mpSigned, "signature"), algorithm);
            }
            assertEquals(cpSigned.stringToSign(), call("dev.awssig.SignedRequest", mpSigned, "stringToSign"),
                    algorithm);
        }
    }

    @Test
    void presignersAndVerifiersAreOfferedAlikeAndPresignAlikeOnBothPaths() throws Exception {
        Signers cpSigners = Signers.discover();
        Object mpSigners = modulePathSigners();
        Object mpConfig = modulePathConfig();
        Duration expiresIn = Duration.ofHours(1);
        List<String> presigned = new ArrayList<>();
        for (String algorithm : cpSigners.algorithms()) {
            SignerProvider cpProvider = cpSigners.provider(algorithm);
            Object mpProvider = call("dev.awssig.Signers", mpSigners, "provider", algorithm);
            Optional<Presigner> cpPresigner = cpProvider.presigner(classPathConfig());
            Optional<?> mpPresigner = (Optional<?>) call("dev.awssig.spi.SignerProvider", mpProvider, "presigner",
                    mpConfig);
            assertEquals(cpPresigner.isPresent(), mpPresigner.isPresent(), algorithm + " presigner");
            assertEquals(cpProvider.verifier(classPathConfig()).isPresent(),
                    ((Optional<?>) call("dev.awssig.spi.SignerProvider", mpProvider, "verifier", mpConfig)).isPresent(),
                    algorithm + " verifier");
            if (cpPresigner.isPresent()) {
                PresignedUrl cpUrl = cpPresigner.get().presign(
                        SignableRequest.builder().method("GET").uri(URI).build(), expiresIn);
                Object b = call("dev.awssig.SignableRequest", null, "builder");
                call("dev.awssig.SignableRequest$Builder", b, "method", "GET");
                call("dev.awssig.SignableRequest$Builder", b, "uri", URI);
                Object mpUrl = call("dev.awssig.Presigner", mpPresigner.get(), "presign",
                        call("dev.awssig.SignableRequest$Builder", b, "build"), expiresIn);
                String mpUrlText = (String) call("dev.awssig.PresignedUrl", mpUrl, "url");
                if (randomized(algorithm)) {
                    assertEquals(withoutSignature(cpUrl.url()), withoutSignature(mpUrlText), algorithm);
                } else {
                    assertEquals(cpUrl.url(), mpUrlText, algorithm);
                }
                assertTrue(cpUrl.url().startsWith("https://examplebucket.s3.amazonaws.com/photos/a%20b.jpg?"),
                        algorithm);
                presigned.add(algorithm);
            }
        }
        System.out.println("presigned alike on both paths: " + presigned);
        if (cpSigners.algorithms().contains(Algorithms.SIGV4)) {
            assertTrue(presigned.contains(Algorithms.SIGV4), presigned.toString());
            assertTrue(presigned.contains(Algorithms.SIGV4A), presigned.toString());
        }
    }

    /** SigV4a signs with randomized ECDSA: two signatures of one request differ. */
    private static boolean randomized(String algorithm) {
        return algorithm.endsWith(Algorithms.SIGV4A);
    }

    private static String withoutSignature(String url) {
        return url.substring(0, url.indexOf("&X-Amz-Signature="));
    }

    /** The layer's copy of a class-path request: same method, URI and header entries (empty body). */
    private static Object toModulePath(SignableRequest request) throws Exception {
        Object b = call("dev.awssig.SignableRequest", null, "builder");
        call("dev.awssig.SignableRequest$Builder", b, "method", request.method());
        call("dev.awssig.SignableRequest$Builder", b, "uri", request.uri());
        for (Headers.Header h : request.headers().entries()) {
            call("dev.awssig.SignableRequest$Builder", b, "header", h.name(), h.value());
        }
        return call("dev.awssig.SignableRequest$Builder", b, "build");
    }

    @Test
    void whatOnePathSignsTheOtherPathVerifies() throws Exception {
        Signers cpSigners = Signers.discover();
        Object mpSigners = modulePathSigners();
        Object mpConfig = modulePathConfig();
        Object mpSecrets = call("dev.awssig.SecretLookup", null, "of",
                java.util.Map.of(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey()));
        List<String> verified = new ArrayList<>();
        for (String algorithm : cpSigners.algorithms()) {
            Optional<Verifier> cpVerifier = cpSigners.provider(algorithm).verifier(classPathConfig());
            if (cpVerifier.isEmpty()) {
                continue;
            }
            SignedRequest signed = cpSigners.signer(algorithm, classPathConfig())
                    .sign(SignableRequest.builder().method("GET").uri(URI).build());
            VerificationResult cpResult = cpVerifier.get().verify(signed.request(), SecretLookup.of(CREDENTIALS), NOW);
            assertTrue(cpResult.isValid(), algorithm + " on the class path: " + cpResult);
            Object mpProvider = call("dev.awssig.Signers", mpSigners, "provider", algorithm);
            Object mpVerifier = ((Optional<?>) call("dev.awssig.spi.SignerProvider", mpProvider, "verifier", mpConfig))
                    .orElseThrow();
            Object mpResult = call("dev.awssig.Verifier", mpVerifier, "verify", toModulePath(signed.request()),
                    mpSecrets, NOW);
            assertEquals(true, call("dev.awssig.VerificationResult", mpResult, "isValid"),
                    algorithm + " on the module path: " + mpResult);
            SignableRequest tampered = signed.request().toBuilder().rawPath("/photos/other.jpg").build();
            Object mpTampered = call("dev.awssig.Verifier", mpVerifier, "verify", toModulePath(tampered), mpSecrets,
                    NOW);
            assertEquals(false, call("dev.awssig.VerificationResult", mpTampered, "isValid"),
                    algorithm + ": a request for another object must not verify");
            verified.add(algorithm);
        }
        System.out.println("signed on the class path, verified on the module path: " + verified);
        if (cpSigners.algorithms().contains(Algorithms.SIGV4)) {
            assertTrue(verified.contains(Algorithms.SIGV4), verified.toString());
            assertTrue(verified.contains(Algorithms.SIGV4A), verified.toString());
            assertTrue(verified.contains(Algorithms.devpay(Algorithms.SIGV4A)), verified.toString());
        }
    }
}
