package dev.awssig.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one shared {@link GatewayServer} (a child JVM) per test run in front of the shared
 * s3proxy (with {@link S3ProxyExtension} for tests that also want s3proxy itself): started on
 * first use, stopped (SIGTERM) when the run ends.
 */
final class GatewayExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GatewayExtension.class);

    /** Closes the gateway when the root context closes. */
    private static final class Holder implements AutoCloseable {
        final GatewayServer gateway;

        Holder(GatewayServer gateway) {
            this.gateway = gateway;
        }

        @Override
        public void close() {
            gateway.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == GatewayServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        S3ProxyServer s3proxy = S3ProxyExtension.server(c);
        return c.getRoot().getStore(NS).computeIfAbsent("gateway", k -> {
            try {
                return new Holder(GatewayServer.startProcess(s3proxy, "-Xmx256m", "-XX:+UseSerialGC"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the gateway", e);
            }
        }, Holder.class).gateway;
    }
}
