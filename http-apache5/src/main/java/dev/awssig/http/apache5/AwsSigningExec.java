package dev.awssig.http.apache5;

import dev.awssig.HttpSigning;
import dev.awssig.Payload;
import dev.awssig.http.apache5.internal.EncodedEntity;
import dev.awssig.http.apache5.internal.Exchanges;
import java.io.IOException;
import java.util.Objects;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * Signs the requests of a classic Apache HttpClient 5: an exec-chain handler placed right after
 * the protocol stage, so it sees the headers that stage adds (cookies, {@code Accept-Encoding},
 * authentication) and runs again for every retry and redirect, each signed with a fresh date.
 * The headers the transport adds later are signed with the values it will write
 * ({@code Host}, {@code Content-Length}, {@code Content-Type} and {@code Content-Encoding} of
 * the entity) or not signed at all ({@code User-Agent}, {@code Connection}, {@code Expect}).
 *
 * <pre>{@code
 * CloseableHttpClient s3 = AwsSigningExec.of(HttpSigning.of(config)).addTo(HttpClients.custom()).build();
 * }</pre>
 *
 * <p>The signer's headers replace those of the same name; {@code Content-Length} is left to the
 * transport (which refuses a second one) and the entity's length is what was signed. An entity of known length is signed when small or repeatable; a larger or
 * non-repeatable one to S3 is sent {@code aws-chunked}, read once through
 * {@link HttpEntity#getContent()} while it is sent (see {@link HttpSigning}); an entity of unknown
 * length is sent unsigned. The request handed down the chain is a copy: the caller's request and
 * entity are not changed.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class AwsSigningExec implements ExecChainHandler {
    /** The name under which {@link #addTo} places the handler in the exec chain. */
    public static final String NAME = "awssig-signing";

    private final HttpSigning signing;

    private AwsSigningExec(HttpSigning signing) {
        this.signing = Objects.requireNonNull(signing, "signing");
    }

    /**
     * A handler with a signing setup (algorithm through the SPI, config, payload mode, unsigned
     * headers).
     *
     * @param signing the setup
     * @return the handler
     * @since 0.2.0
     */
    public static AwsSigningExec of(HttpSigning signing) {
        return new AwsSigningExec(signing);
    }

    /**
     * Places this handler in a builder's exec chain right after the protocol stage
     * ({@code addExecInterceptorAfter(ChainElement.PROTOCOL.name(), NAME, this)}).
     *
     * @param builder the client builder
     * @return the builder
     * @since 0.2.0
     */
    public HttpClientBuilder addTo(HttpClientBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        return builder.addExecInterceptorAfter(ChainElement.PROTOCOL.name(), NAME, this);
    }

    /**
     * Signs a copy of the request and proceeds with it.
     *
     * @param request the request, after the protocol stage
     * @param scope the exchange
     * @param chain the rest of the chain
     * @return the response
     * @throws IOException if the entity cannot be read or the exchange fails
     * @throws HttpException on a protocol error
     * @since 0.2.0
     */
    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(chain, "chain");
        ClassicHttpRequest copy = ClassicRequestBuilder.copy(request).build();
        HttpEntity entity = request.getEntity();
        long length = entity == null ? 0 : entity.getContentLength();
        Exchanges.Signed signed = Exchanges.sign(signing, copy, length, () -> content(entity),
                entity == null || entity.isRepeatable(), entity);
        Payload encoded = signed.encodedBody();
        if (encoded != null) {
            copy.setEntity(new EncodedEntity(entity, encoded));
        }
        return chain.proceed(copy, scope);
    }

    private static java.io.InputStream content(HttpEntity entity) throws IOException {
        try {
            return entity.getContent();
        } catch (UnsupportedOperationException e) {
            throw new IOException("the request entity " + entity.getClass().getName() + " cannot be read as a stream;"
                    + " sign it with PayloadMode.UNSIGNED, or use a streaming entity", e);
        }
    }

    /**
     * The signing setup, never credentials.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "AwsSigningExec[" + signing + "]";
    }
}
