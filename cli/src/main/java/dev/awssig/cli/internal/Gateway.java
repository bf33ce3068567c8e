package dev.awssig.cli.internal;

import dev.awssig.Algorithms;
import dev.awssig.CredentialsLookup;
import dev.awssig.CredentialsProvider;
import dev.awssig.Signer;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.servlet.VerifyingFilter;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The verifying reverse proxy: an embedded Jetty 12 with the access log, the
 * {@link VerifyingFilter} over the gateway's keys, and the {@link Forwarder} to the upstream.
 */
final class Gateway implements AutoCloseable {
    private final Server server;
    private final URI address;

    private Gateway(Server server, URI address) {
        this.server = server;
        this.address = address;
    }

    /**
     * Starts a gateway.
     *
     * @param listen the address to listen on (port 0: any free port)
     * @param upstream the upstream's base URL
     * @param keys the clients' keys
     * @param upstreamCredentials the upstream's credentials
     * @param region the region clients sign for and the upstream is signed for
     * @param signers the signers (SPI)
     * @param accessLog receives one line per request
     * @param clock the server's clock
     * @return the running gateway
     * @throws Exception if Jetty cannot start (the address is taken)
     */
    static Gateway start(InetSocketAddress listen, URI upstream, CredentialsLookup keys,
                         CredentialsProvider upstreamCredentials, String region, Signers signers,
                         Consumer<String> accessLog, Clock clock) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("gateway");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // header values as the client sent them (Jetty's header cache would hand on its own
        // spelling of a known value, "text/plain; charset=utf-8" for "...=UTF-8": not what was signed)
        http.setHeaderCacheCaseSensitive(true);
        http.setSendXPoweredBy(false);
        // S3 keys may hold what a web server calls ambiguous (%2F, //, ..): the path is the signer's
        http.setUriCompliance(UriCompliance.UNSAFE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(listen.getHostString());
        connector.setPort(listen.getPort());
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        VerifyingFilter filter = VerifyingFilter.builder().credentials(keys).region(region).clock(clock)
                .signers(signers).build();
        Signer signer = signers.signer(Algorithms.SIGV4, SigningConfig.builder().credentialsProvider(upstreamCredentials)
                .region(region).service("s3").clock(clock).build());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        context.addFilter(new FilterHolder(new AccessLog(accessLog, clock)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Forwarder(client, upstream, signer, upstreamCredentials)), "/*");
        server.setHandler(context);
        server.setStopTimeout(5_000);
        server.start();
        String host = listen.getHostString().contains(":") ? "[" + listen.getHostString() + "]" : listen.getHostString();
        return new Gateway(server, URI.create("http://" + host + ":" + connector.getLocalPort()));
    }

    URI address() {
        return address;
    }

    void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            server.stop();
        } catch (Exception e) {
            throw new java.io.IOException("the gateway did not stop cleanly", e);
        }
    }
}
