package dev.awssig.http.apache5;

import dev.awssig.HttpSigning;
import dev.awssig.Payload;
import dev.awssig.http.apache5.internal.Exchanges;
import dev.awssig.http.apache5.internal.ProducerStreams;
import java.io.IOException;
import java.util.Objects;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.support.BasicRequestBuilder;

/**
 * Signs the requests of an async Apache HttpClient 5, like {@link AwsSigningExec} does for the
 * classic one: after the protocol stage, for every attempt, the signer's headers replacing
 * those of the same name.
 *
 * <pre>{@code
 * CloseableHttpAsyncClient s3 = AwsSigningAsyncExec.of(HttpSigning.of(config)).addTo(HttpAsyncClients.custom()).build();
 * }</pre>
 *
 * <p>A body is read by calling its {@link AsyncEntityProducer}'s {@code produce} on the thread
 * that signs (hashing a signed body) or that sends (encoding an {@code aws-chunked} one): this
 * suits producers that write when asked, such as those of byte arrays, strings, files and
 * streams. A producer that waits for data from elsewhere is waited for up to 30 s at a time;
 * send such bodies with {@link dev.awssig.PayloadMode#UNSIGNED}. A producer of unknown length is
 * sent unsigned.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class AwsSigningAsyncExec implements AsyncExecChainHandler {
    /** The name under which {@link #addTo} places the handler in the exec chain. */
    public static final String NAME = AwsSigningExec.NAME;

    private final HttpSigning signing;

    private AwsSigningAsyncExec(HttpSigning signing) {
        this.signing = Objects.requireNonNull(signing, "signing");
    }

    /**
     * A handler with a signing setup.
     *
     * @param signing the setup
     * @return the handler
     * @since 0.2.0
     */
    public static AwsSigningAsyncExec of(HttpSigning signing) {
        return new AwsSigningAsyncExec(signing);
    }

    /**
     * Places this handler in a builder's exec chain right after the protocol stage.
     *
     * @param builder the async client builder
     * @return the builder
     * @since 0.2.0
     */
    public HttpAsyncClientBuilder addTo(HttpAsyncClientBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        return builder.addExecInterceptorAfter(ChainElement.PROTOCOL.name(), NAME, this);
    }

    /**
     * Signs a copy of the request and proceeds with it (and, in a streaming mode, with the
     * {@code aws-chunked} body).
     *
     * @param request the request, after the protocol stage
     * @param producer the body, or null
     * @param scope the exchange
     * @param chain the rest of the chain
     * @param callback the exchange's callback
     * @throws HttpException on a protocol error
     * @throws IOException if the body cannot be read to sign it
     * @since 0.2.0
     */
    @Override
    public void execute(HttpRequest request, AsyncEntityProducer producer, AsyncExecChain.Scope scope,
                        AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(callback, "callback");
        HttpRequest copy = BasicRequestBuilder.copy(request).build();
        long length = producer == null ? 0 : producer.getContentLength();
        Exchanges.Signed signed = Exchanges.sign(signing, copy, length, () -> ProducerStreams.read(producer),
                producer == null || producer.isRepeatable(), producer);
        Payload encoded = signed.encodedBody();
        AsyncEntityProducer body = encoded == null ? producer
                : ProducerStreams.producer(encoded, producer.getContentType(), producer.isRepeatable());
        chain.proceed(copy, body, scope, callback);
    }

    /**
     * The signing setup, never credentials.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "AwsSigningAsyncExec[" + signing + "]";
    }
}
