package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.spi.SignerProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Signers} discovery of real {@link SignerProvider}s, compiled at test time: on the class
 * path ({@code META-INF/services}, through a {@link URLClassLoader}) and on the module path
 * ({@code provides}, in a new {@link ModuleLayer}). Works whether surefire runs this module on the
 * class path or the module path.
 */
class SignerDiscoveryTest {
    @TempDir
    static Path tmp;

    private static Path apiClasses;
    private static Path slf4j;
    private static Path cpGood;
    private static Path cpDuplicate;
    private static Path mpOne;
    private static Path mpTwo;
    private static Path mpDuplicate;

    private static String provider(String pkg, String cls, String algorithm, String extra) {
        return "package " + pkg + ";\n"
                + "public class " + cls + " implements dev.awssig.spi.SignerProvider {\n"
                + extra
                + "  @Override public String algorithm() { return \"" + algorithm + "\"; }\n"
                + "  @Override public dev.awssig.Signer signer(dev.awssig.SigningConfig config) {\n"
                + "    return new dev.awssig.Signer() {\n"
                + "      @Override public String algorithm() { return \"" + algorithm + "\"; }\n"
                + "      @Override public dev.awssig.SignedRequest sign(dev.awssig.SignableRequest r) {\n"
                + "        throw new UnsupportedOperationException(\"test provider\");\n"
                + "      }\n"
                + "    };\n"
                + "  }\n"
                + "}\n";
    }

    private static Path location(Class<?> c) throws URISyntaxException {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Compiles every .java file under src into out, with the given path option. */
    private static void compile(Path src, Path out, String pathOption, String path) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "tests need a JDK (javax.tools.ToolProvider found no compiler)");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-Xlint:all", "-Werror", pathOption, path));
        try (var files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, args.toArray(new String[0]));
        assertEquals(0, rc, "javac " + args + " failed: " + errors.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void compileProviders() throws Exception {
        apiClasses = location(SignerProvider.class);
        slf4j = location(org.slf4j.Logger.class);

        // (a) class path: two good providers, and broken ones that discovery must skip
        Path src = tmp.resolve("src-cp");
        write(src.resolve("cp/good/AlphaProvider.java"), provider("cp.good", "AlphaProvider", "TEST-ALPHA", ""));
        write(src.resolve("cp/good/BetaProvider.java"), provider("cp.good", "BetaProvider", "TEST-BETA", ""));
        write(src.resolve("cp/broken/ThrowsInAlgorithm.java"), provider("cp.broken", "ThrowsInAlgorithm", "X", "")
                .replace("return \"X\"; }\n  @Override public dev.awssig.Signer",
                        "throw new IllegalStateException(\"broken\"); }\n  @Override public dev.awssig.Signer"));
        write(src.resolve("cp/broken/ThrowsInConstructor.java"), provider("cp.broken", "ThrowsInConstructor",
                "TEST-NEVER", "  public ThrowsInConstructor() { throw new IllegalStateException(\"broken\"); }\n"));
        write(src.resolve("cp/broken/Gone.java"), "package cp.broken;\npublic class Gone {}\n");
        write(src.resolve("cp/broken/MissingSuperclass.java"), provider("cp.broken", "MissingSuperclass",
                "TEST-NEVER", "").replace("public class MissingSuperclass", "public class MissingSuperclass extends Gone"));
        write(src.resolve("cp/broken/TooNew.java"), provider("cp.broken", "TooNew", "TEST-NEVER", ""));
        cpGood = tmp.resolve("cp-good");
        compile(src, cpGood, "-classpath", apiClasses + File.pathSeparator + slf4j);
        Files.delete(cpGood.resolve("cp/broken/Gone.class"));
        Path tooNew = cpGood.resolve("cp/broken/TooNew.class");
        byte[] bytes = Files.readAllBytes(tooNew);
        bytes[6] = 0;
        bytes[7] = 99; // class file major version 99: a Java far newer than this one
        Files.write(tooNew, bytes);
        write(cpGood.resolve("META-INF/services/dev.awssig.spi.SignerProvider"), "# test providers\n"
                + "cp.broken.ThrowsInAlgorithm\n"
                + "cp.good.AlphaProvider   # a comment after the name\n"
                + "cp.missing.NoSuchProvider\n"
                + "cp.broken.ThrowsInConstructor\n"
                + "cp.broken.MissingSuperclass\n"
                + "cp.broken.TooNew\n"
                + "cp.good.BetaProvider\n");

        Path dupSrc = tmp.resolve("src-cp-dup");
        write(dupSrc.resolve("cp/dup/AlphaAgain.java"), provider("cp.dup", "AlphaAgain", "TEST-ALPHA", ""));
        cpDuplicate = tmp.resolve("cp-dup");
        compile(dupSrc, cpDuplicate, "-classpath", apiClasses + File.pathSeparator + slf4j);
        write(cpDuplicate.resolve("META-INF/services/dev.awssig.spi.SignerProvider"), "cp.dup.AlphaAgain\n");

        // (b) module path: named modules that declare 'provides'
        String modulePath = apiClasses + File.pathSeparator + slf4j;
        mpOne = compileModule("test.provider.one", "mp.one", "OneProvider", "TEST-MODULE-ONE", modulePath);
        mpTwo = compileModule("test.provider.two", "mp.two", "TwoProvider", "TEST-MODULE-TWO", modulePath);
        mpDuplicate = compileModule("test.provider.dup", "mp.dup", "DupProvider", "TEST-MODULE-ONE", modulePath);
    }

    private static Path compileModule(String module, String pkg, String cls, String algorithm, String modulePath)
            throws IOException {
        Path src = tmp.resolve("src-" + module);
        write(src.resolve("module-info.java"), "module " + module + " {\n  requires dev.awssig;\n"
                + "  provides dev.awssig.spi.SignerProvider with " + pkg + "." + cls + ";\n}\n");
        write(src.resolve(pkg.replace('.', '/') + "/" + cls + ".java"), provider(pkg, cls, algorithm, ""));
        Path out = tmp.resolve("mods").resolve(module);
        compile(src, out, "--module-path", modulePath);
        return out;
    }

    private static URLClassLoader loader(Path... dirs) throws IOException {
        URL[] urls = new URL[dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            urls[i] = dirs[i].toUri().toURL();
        }
        return new URLClassLoader(urls, SignerDiscoveryTest.class.getClassLoader());
    }

    @Test
    void classPathProvidersAreFoundAndBrokenOnesSkipped() throws IOException {
        try (URLClassLoader cl = loader(cpGood)) {
            Signers signers = Signers.discover(cl);
            assertEquals(List.of("TEST-ALPHA", "TEST-BETA"), signers.algorithms());
            assertEquals("cp.good.AlphaProvider", signers.provider("TEST-ALPHA").getClass().getName());
            SigningConfig config = SigningConfig.builder().region("us-east-1").service("s3").build();
            assertEquals("TEST-BETA", signers.signer("TEST-BETA", config).algorithm());
        }
    }

    @Test
    void twoClassPathProvidersForOneNameAreAnErrorNamingBoth() throws IOException {
        try (URLClassLoader cl = loader(cpGood, cpDuplicate)) {
            Signers signers = Signers.discover(cl);
            SignerLookupException e = org.junit.jupiter.api.Assertions.assertThrows(SignerLookupException.class,
                    () -> signers.provider("TEST-ALPHA"));
            assertTrue(e.getMessage().contains("cp.good.AlphaProvider"), e.getMessage());
            assertTrue(e.getMessage().contains("cp.dup.AlphaAgain"), e.getMessage());
            assertEquals("cp.good.BetaProvider", signers.provider("TEST-BETA").getClass().getName());
        }
    }

    /**
     * A layer holding the provider modules, bound to the {@code dev.awssig} module: the boot
     * layer's when surefire runs on the module path, else one resolved from signer-api's classes.
     */
    private static ModuleLayer layer(Path... providerModules) {
        ModuleLayer boot = ModuleLayer.boot();
        Set<String> roots = new java.util.HashSet<>();
        for (Path p : providerModules) {
            ModuleFinder.of(p).findAll().forEach(ref -> roots.add(ref.descriptor().name()));
        }
        roots.add("dev.awssig");
        Configuration cf = boot.configuration().resolveAndBind(ModuleFinder.of(providerModules),
                ModuleFinder.of(apiClasses, slf4j), roots);
        return boot.defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
    }

    /** Calls {@code Signers.discover(layer)} of the layer's own {@code dev.awssig}, reflectively. */
    private static Object discover(ModuleLayer layer) throws ReflectiveOperationException {
        Module api = layer.findModule("dev.awssig").orElseThrow();
        Class<?> signers = Class.forName(api, "dev.awssig.Signers");
        return signers.getMethod("discover", ModuleLayer.class).invoke(null, layer);
    }

    @SuppressWarnings("unchecked")
    private static List<String> algorithms(Object signers) throws ReflectiveOperationException {
        return (List<String>) signers.getClass().getMethod("algorithms").invoke(signers);
    }

    @Test
    void modulePathProvidersAreFoundInAModuleLayer() throws Exception {
        ModuleLayer layer = layer(mpOne, mpTwo);
        Module api = layer.findModule("dev.awssig").orElseThrow();
        assertEquals(ModuleLayer.boot().findModule("dev.awssig").isPresent(), api.getLayer() == ModuleLayer.boot(),
                "dev.awssig comes from the boot layer exactly when surefire runs on the module path");
        Object signers = discover(layer);
        assertEquals(List.of("TEST-MODULE-ONE", "TEST-MODULE-TWO"), algorithms(signers));
        Object provider = signers.getClass().getMethod("provider", String.class).invoke(signers, "TEST-MODULE-ONE");
        assertEquals("mp.one.OneProvider", provider.getClass().getName());
        assertEquals("test.provider.one", provider.getClass().getModule().getName());
        assertTrue(provider.getClass().getModule().isNamed());
    }

    @Test
    void twoModulePathProvidersForOneNameAreAnErrorNamingBoth() throws Exception {
        ModuleLayer layer = layer(mpOne, mpDuplicate, mpTwo);
        Object signers = discover(layer);
        Method provider = signers.getClass().getMethod("provider", String.class);
        InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(InvocationTargetException.class,
                () -> provider.invoke(signers, "TEST-MODULE-ONE"));
        Throwable cause = e.getCause();
        assertEquals("dev.awssig.SignerLookupException", cause.getClass().getName());
        assertTrue(cause.getMessage().contains("mp.one.OneProvider"), cause.getMessage());
        assertTrue(cause.getMessage().contains("mp.dup.DupProvider"), cause.getMessage());
        assertEquals("mp.two.TwoProvider", provider.invoke(signers, "TEST-MODULE-TWO").getClass().getName());
    }

    @Test
    void classPathLoaderDoesNotSeeModuleOnlyProviders() throws Exception {
        try (URLClassLoader cl = loader(mpOne)) {
            // mpOne has no META-INF/services file: on the class path it provides nothing
            assertEquals(List.of(), Signers.discover(cl).algorithms());
        }
    }
}
