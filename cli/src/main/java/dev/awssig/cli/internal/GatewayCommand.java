package dev.awssig.cli.internal;

import dev.awssig.CredentialsProvider;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code awssig gateway}: a verifying reverse proxy in front of an S3-compatible server. */
@Command(name = "gateway", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Run a verifying reverse proxy in front of an S3-compatible server (s3proxy, MinIO, Ceph, S3).",
            "Every request is verified as S3 would (SigV4, SigV4a, SigV2; header, presigned URL, aws-chunked,",
            "browser POST form) against the keys in FILE, then sent to the upstream signed again with the",
            "upstream's credentials (the default chain, or --upstream-profile). Bodies stream both ways.",
            "Refused requests get S3's XML error. One access log line per request goes to standard output.",
            "Stops on SIGTERM or Ctrl-C."},
        footer = {"", "FILE is in the ~/.aws/credentials format, one profile per client, read again when it changes:",
            "  [alice]",
            "  aws_access_key_id = AKIAALICE",
            "  aws_secret_access_key = ...",
            "  aws_session_token = ...        (optional: then requests with this key must carry this token)",
            "", "Examples:",
            "  awssig gateway --listen 127.0.0.1:8080 --upstream http://127.0.0.1:9000 --keys gateway-keys.ini",
            "  awssig gateway --listen 0.0.0.0:8080 --upstream https://s3.us-east-1.amazonaws.com --keys keys.ini"
                + " --upstream-profile storage"})
final class GatewayCommand implements Callable<Integer> {
    @ParentCommand
    AwssigCommand root;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
            description = "Address to listen on, like 127.0.0.1:8080 (port 0: a free port; the address is printed).")
    String listen;

    @Option(names = "--upstream", required = true, paramLabel = "URL",
            description = "The S3-compatible server to forward to, like http://127.0.0.1:9000 (path-style requests).")
    String upstream;

    @Option(names = "--keys", required = true, paramLabel = "FILE",
            description = "The clients' keys, in the ~/.aws/credentials format (read again when it changes).")
    Path keys;

    @Option(names = "--upstream-profile", paramLabel = "NAME",
            description = "Sign upstream requests with this profile (default: the default credentials chain).")
    String upstreamProfile;

    @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "Region clients sign for and upstream requests are signed for (default: us-east-1).")
    String region;

    @Override
    public Integer call() throws Exception {
        CliEnvironment env = root.env;
        InetSocketAddress address = address(listen);
        URI up = upstream(upstream);
        if (!Files.isRegularFile(keys)) {
            throw new UserException("--keys: no such file: " + keys);
        }
        KeysFile keyStore = KeysFile.read(keys);
        CredentialsProvider credentials = env.credentials().provider(upstreamProfile);
        PrintWriter out = env.out();
        Gateway gateway;
        try {
            gateway = Gateway.start(address, up, keyStore, credentials, region, env.signers(), line -> {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            }, env.clock());
        } catch (java.io.IOException e) {
            throw new UserException("--listen " + listen + ": cannot listen there: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                env.err().println("awssig gateway: stopping: " + e);
            }
            env.err().println("awssig gateway: stopped");
            env.err().flush();
            stopped.countDown();
        }, "awssig-gateway-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        synchronized (out) {
            out.println("awssig gateway: listening on " + gateway.address() + ", forwarding to " + up + " ("
                    + keyStore.size() + " keys from " + keys + ")");
            out.flush();
        }
        gateway.join();
        stopped.await();
        return Cli.EXIT_OK;
    }

    static InetSocketAddress address(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0 || colon == listen.length() - 1) {
            throw new UserException("--listen: must be HOST:PORT, like 127.0.0.1:8080, was '" + listen + "'");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new UserException("--listen: the port is not a number: '" + listen + "'");
        }
        if (port < 0 || port > 65535) {
            throw new UserException("--listen: the port must be 0..65535, was " + port);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    static URI upstream(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UserException("--upstream: not a URL: '" + url + "'");
        }
        if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null
                || (u.getRawQuery() != null) || (u.getRawPath() != null && !u.getRawPath().isEmpty()
                && !u.getRawPath().equals("/"))) {
            throw new UserException("--upstream: must be http(s)://host[:port], like http://127.0.0.1:9000, was '"
                    + url + "'");
        }
        return u;
    }
}
