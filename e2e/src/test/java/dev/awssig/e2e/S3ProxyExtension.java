package dev.awssig.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one shared {@link S3ProxyServer} per test run: started on first use, stored in the
 * root context, and closed (the child JVM ended) when the run ends. Declare
 * {@code @ExtendWith(S3ProxyExtension.class)} and take an {@code S3ProxyServer} parameter.
 */
final class S3ProxyExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(S3ProxyExtension.class);

    /** Closes the server when the root context closes. */
    private static final class Holder implements AutoCloseable {
        private final S3ProxyServer server;

        Holder(S3ProxyServer server) {
            this.server = server;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == S3ProxyServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return server(c);
    }

    /** The run's server (for other extensions that put something in front of it). */
    static S3ProxyServer server(ExtensionContext c) {
        return c.getRoot().getStore(NS).computeIfAbsent("server", k -> {
            try {
                return new Holder(S3ProxyServer.start());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start s3proxy", e);
            }
        }, Holder.class).server;
    }
}
