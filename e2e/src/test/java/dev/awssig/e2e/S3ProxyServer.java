package dev.awssig.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * s3proxy ({@code org.gaul:s3proxy}, its self-contained {@code jar-with-dependencies}) run as a
 * child JVM on {@code 127.0.0.1} and a free port, with in-memory ({@code transient}) storage and
 * SigV2-or-SigV4 authorization. Its classes never meet ours: the jar path comes from the build
 * ({@code awssig.e2e.s3proxyJar}). {@link #close()} always ends the child; a shutdown hook does so
 * too if the test JVM exits first.
 */
final class S3ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);

    /** The access key id the server accepts. */
    static final String ACCESS_KEY = "AKIDE2EEXAMPLE";
    /** The secret of {@link #ACCESS_KEY}; has '/' and '+' so that encoding mistakes show. */
    static final String SECRET_KEY = "e2eSecret/Key+With/Slashes+Plus0123456789";

    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private S3ProxyServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = new Thread(process::destroyForcibly, "s3proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server and waits until it answers HTTP.
     *
     * @return the running server
     * @throws IOException if it cannot start or does not answer in time
     */
    static S3ProxyServer start() throws IOException {
        Path jar = Paths.get(requiredProperty("awssig.e2e.s3proxyJar"));
        if (!Files.isRegularFile(jar)) {
            throw new IOException("s3proxy jar not found at " + jar
                    + " (the build copies it in generate-test-resources; run through Maven)");
        }
        Path work = Files.createDirectories(Paths.get(System.getProperty("awssig.e2e.workDir",
                System.getProperty("java.io.tmpdir"))));
        int port = freePort();
        Path dir = Files.createTempDirectory(work, "s3proxy-" + port + "-");
        Properties props = new Properties();
        props.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        props.setProperty("s3proxy.identity", ACCESS_KEY);
        props.setProperty("s3proxy.credential", SECRET_KEY);
        props.setProperty("s3proxy.ignore-unknown-headers", "true");
        // the upload page's JavaScript posts from another origin (the page server): S3 needs a
        // bucket CORS rule for that, s3proxy this switch
        props.setProperty("s3proxy.cors-allow-all", "true");
        props.setProperty("jclouds.provider", "transient");
        props.setProperty("jclouds.identity", "local-identity");
        props.setProperty("jclouds.credential", "local-credential");
        Path propsFile = dir.resolve("s3proxy.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "awssig e2e");
        }
        Path log = dir.resolve("s3proxy.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Duser.home=" + dir);
        cmd.add("-Djava.io.tmpdir=" + dir);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("--properties");
        cmd.add(propsFile.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The child sees none of the caller's environment (no AWS_* variables, no real HOME).
        pb.environment().clear();
        pb.environment().put("LOG_LEVEL", System.getProperty("awssig.e2e.s3proxyLogLevel", "info"));
        pb.environment().put("HOME", dir.toString());
        Process process = pb.start();
        S3ProxyServer server = new S3ProxyServer(process, port, log);
        try {
            server.awaitReady();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("s3proxy listening on {} (log: {})", server.endpoint(), log);
        return server;
    }

    private static String requiredProperty(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run through Maven)");
        }
        return v;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited with " + process.exitValue() + " before answering: "
                        + logTail());
            }
            if (answersHttp()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for s3proxy", e);
            }
        }
        throw new IOException("s3proxy did not answer on port " + port + " within " + START_TIMEOUT_MILLIS
                + " ms: " + logTail());
    }

    /** Whether the server answers an (unauthenticated) HTTP request with a status line. */
    private boolean answersHttp() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            s.setSoTimeout(2_000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 ");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The last lines of the server's log, for failure messages.
     *
     * @return up to 4000 characters of log
     */
    String logTail() {
        try {
            String all = Files.readString(logFile, StandardCharsets.UTF_8);
            return all.length() <= 4000 ? all : all.substring(all.length() - 4000);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The endpoint, {@code http://127.0.0.1:<port>}. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The port. */
    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs (harmlessly) on the dead process
            LOG.debug("shutdown in progress: {}", e.toString());
        }
    }
}
