package dev.awssig.e2e;

import dev.awssig.CredentialsEnvironment;
import dev.awssig.Signers;
import dev.awssig.cli.internal.Cli;
import dev.awssig.cli.internal.CliEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code awssig gateway} in front of s3proxy, with its own keys for the clients: as a child JVM
 * ({@code java -jar cli/target/awssig.jar gateway ...}, the command as a user runs it), or in
 * this JVM (the same command through {@code Cli.run}: the verifying filter in an embedded Jetty
 * here). Its first line of standard output is the address; every further line an access log line.
 */
final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    /** The clients' key (long-term). */
    static final String CLIENT_KEY = "AKIDGATEWAYCLIENT";
    static final String CLIENT_SECRET = "gatewayClient/Secret+Key0123456789";
    /** A key with a session token: requests must carry it. */
    static final String SESSION_KEY = "ASIAGATEWAYSESSION";
    static final String SESSION_SECRET = "gatewaySession/Secret+Key";
    static final String SESSION_TOKEN = "FQoGZXIvYXdzEGATEWAY/session+token==";

    final Process process;
    final String endpoint;
    final Path dir;
    final Path keys;
    final Queue<String> lines = new ConcurrentLinkedQueue<>();
    /** Milliseconds from starting the command to the printed address. */
    final long startMillis;

    private GatewayServer(Process process, String endpoint, Path dir, Path keys, long startMillis) {
        this.process = process;
        this.endpoint = endpoint;
        this.dir = dir;
        this.keys = keys;
        this.startMillis = startMillis;
    }

    static Path workDir(String name) throws IOException {
        Path work = Files.createDirectories(Paths.get(System.getProperty("awssig.e2e.workDir",
                System.getProperty("java.io.tmpdir"))));
        return Files.createTempDirectory(work, name);
    }

    /** The keys file and, in {@code home/.aws/credentials}, the upstream's profile. */
    private static Path setUp(Path dir) throws IOException {
        Path keys = dir.resolve("gateway-keys.ini");
        Files.writeString(keys, "# the gateway's clients\n[client]\naws_access_key_id = " + CLIENT_KEY
                + "\naws_secret_access_key = " + CLIENT_SECRET + "\n\n[session]\naws_access_key_id = " + SESSION_KEY
                + "\naws_secret_access_key = " + SESSION_SECRET + "\naws_session_token = " + SESSION_TOKEN + "\n");
        Path aws = Files.createDirectories(dir.resolve("home/.aws"));
        Files.writeString(aws.resolve("credentials"), "[upstream]\naws_access_key_id = " + S3ProxyServer.ACCESS_KEY
                + "\naws_secret_access_key = " + S3ProxyServer.SECRET_KEY + "\n");
        return keys;
    }

    /** The gateway as a child JVM. */
    static GatewayServer startProcess(S3ProxyServer upstream, String... jvmOptions) throws IOException {
        Path jar = Paths.get(System.getProperty("awssig.e2e.cliJar", "../cli/target/awssig.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("the awssig command jar is missing at " + jar + " (built by the cli module)");
        }
        Path dir = workDir("gateway-");
        Path keys = setUp(dir);
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-jar", jar.toString(), "gateway", "--listen", "127.0.0.1:0", "--upstream",
                upstream.endpoint(), "--keys", keys.toString(), "--upstream-profile", "upstream"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(dir.resolve("gateway.err").toFile());
        pb.environment().clear();
        pb.environment().put("HOME", dir.resolve("home").toString());
        long t0 = System.nanoTime();
        Process p = pb.start();
        BlockingQueue<String> first = new LinkedBlockingQueue<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> pump(p.getInputStream(), first, lines), "gateway-stdout");
        reader.setDaemon(true);
        reader.start();
        String address = awaitAddress(first, p, dir);
        GatewayServer g = new GatewayServer(p, address, dir, keys, (System.nanoTime() - t0) / 1_000_000);
        g.lines.addAll(lines);
        lines.clear();
        // later lines go straight into g.lines
        new Thread(() -> {
            while (p.isAlive() || !first.isEmpty()) {
                try {
                    String l = first.poll(200, TimeUnit.MILLISECONDS);
                    if (l != null) {
                        g.lines.add(l);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gateway-lines").start();
        LOG.info("awssig gateway (child JVM) on {} in front of {}, started in {} ms", address, upstream.endpoint(),
                g.startMillis);
        return g;
    }

    /** The gateway in this JVM: the command through Cli.run on its own thread. */
    static GatewayServer startInProcess(S3ProxyServer upstream) throws IOException {
        Path dir = workDir("gateway-inprocess-");
        Path keys = setUp(dir);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        PrintWriter out = new PrintWriter(new LineWriter(queue), true);
        PrintWriter err = new PrintWriter(new LineWriter(new LinkedBlockingQueue<>()), true);
        CliEnvironment env = new CliEnvironment(Map.of(), InputStream.nullInputStream(), out, err, Clock.systemUTC(),
                Signers::discover, CliEnvironment.CredentialsSource.of(CredentialsEnvironment.builder()
                        .environment(Map.of()).systemProperties(new java.util.Properties())
                        .home(dir.resolve("home")).build()));
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> Cli.run(env, "gateway", "--listen", "127.0.0.1:0", "--upstream",
                upstream.endpoint(), "--keys", keys.toString(), "--upstream-profile", "upstream"), "gateway-in-process");
        t.setDaemon(true);
        t.start();
        String address = awaitAddress(queue, null, dir);
        GatewayServer g = new GatewayServer(null, address, dir, keys, (System.nanoTime() - t0) / 1_000_000);
        Thread drain = new Thread(() -> {
            while (true) {
                try {
                    g.lines.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gateway-in-process-lines");
        drain.setDaemon(true);
        drain.start();
        LOG.info("awssig gateway (in this JVM) on {} in front of {}", address, upstream.endpoint());
        return g;
    }

    private static String awaitAddress(BlockingQueue<String> lines, Process p, Path dir) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String l;
            try {
                l = lines.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (l != null && l.startsWith("awssig gateway: listening on ")) {
                String rest = l.substring("awssig gateway: listening on ".length());
                return rest.substring(0, rest.indexOf(','));
            }
            if (p != null && !p.isAlive()) {
                break;
            }
        }
        String err = Files.exists(dir.resolve("gateway.err")) ? Files.readString(dir.resolve("gateway.err")) : "";
        throw new IOException("the gateway did not print its address; standard error:\n" + err);
    }

    private static void pump(InputStream in, BlockingQueue<String> queue, List<String> unused) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                queue.add(l);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** A Writer that hands on whole lines. */
    private static final class LineWriter extends Writer {
        private final BlockingQueue<String> queue;
        private final StringBuilder line = new StringBuilder();

        LineWriter(BlockingQueue<String> queue) {
            this.queue = queue;
        }

        @Override
        public synchronized void write(char[] c, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (c[i] == '\n') {
                    queue.add(line.toString());
                    line.setLength(0);
                } else if (c[i] != '\r') {
                    line.append(c[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** The access log lines so far (the lines after the address). */
    List<String> accessLog() {
        return List.copyOf(lines);
    }

    String stderr() throws IOException {
        Path err = dir.resolve("gateway.err");
        return Files.exists(err) ? Files.readString(err) : "";
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
