package dev.awssig.http.jdk;

import dev.awssig.HttpSigning;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An {@link HttpClient} that signs every request it sends, then hands it to the client it wraps.
 * Each {@code send} signs anew, so sending a request again (a retry) carries a fresh date.
 *
 * <pre>{@code
 * HttpClient s3 = SigningHttpClient.wrap(HttpClient.newHttpClient(), HttpSigning.of(config));
 * s3.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
 * }</pre>
 *
 * <p>Signing happens on the calling thread, also for {@code sendAsync}; it reads a signed body of
 * up to 1 MiB to hash it, and nothing of a streamed one. Redirects the wrapped client follows
 * are not signed again: build it with {@link HttpClient.Redirect#NEVER} (the default) when a
 * redirect can lead elsewhere. WebSocket is not supported. Every other method is the wrapped
 * client's. See {@link HttpRequestSigner} for what is signed.
 *
 * <p>Thread-safe.
 *
 * @since 0.2.0
 */
public final class SigningHttpClient extends HttpClient {
    private final HttpClient client;
    private final HttpRequestSigner signer;

    private SigningHttpClient(HttpClient client, HttpRequestSigner signer) {
        this.client = Objects.requireNonNull(client, "client");
        this.signer = signer;
    }

    /**
     * Wraps a client.
     *
     * @param client the client that sends
     * @param signing the signing setup
     * @return a client that signs every request
     * @since 0.2.0
     */
    public static SigningHttpClient wrap(HttpClient client, HttpSigning signing) {
        return new SigningHttpClient(client, HttpRequestSigner.of(signing));
    }

    /**
     * The signer this client uses.
     *
     * @return the request signer
     * @since 0.2.0
     */
    public HttpRequestSigner signer() {
        return signer;
    }

    /**
     * Signs the request, then sends it with the wrapped client.
     *
     * @param request the request
     * @param handler the response body handler
     * @param <T> the response body type
     * @return the response
     * @throws IOException if sending fails
     * @throws InterruptedException if interrupted
     * @since 0.2.0
     */
    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return client.send(signer.sign(request), handler);
    }

    /**
     * Signs the request (on this thread), then sends it asynchronously with the wrapped client.
     *
     * @param request the request
     * @param handler the response body handler
     * @param <T> the response body type
     * @return the response, when it arrives
     * @since 0.2.0
     */
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return client.sendAsync(signer.sign(request), handler);
    }

    /**
     * Signs the request (on this thread), then sends it asynchronously with the wrapped client.
     *
     * @param request the request
     * @param handler the response body handler
     * @param pushPromiseHandler the HTTP/2 push promise handler, or null
     * @param <T> the response body type
     * @return the response, when it arrives
     * @since 0.2.0
     */
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return client.sendAsync(signer.sign(request), handler, pushPromiseHandler);
    }

    /**
     * The wrapped client's.
     *
     * @return the cookie handler
     * @since 0.2.0
     */
    @Override
    public Optional<CookieHandler> cookieHandler() {
        return client.cookieHandler();
    }

    /**
     * The wrapped client's.
     *
     * @return the connect timeout
     * @since 0.2.0
     */
    @Override
    public Optional<Duration> connectTimeout() {
        return client.connectTimeout();
    }

    /**
     * The wrapped client's.
     *
     * @return the redirect policy
     * @since 0.2.0
     */
    @Override
    public Redirect followRedirects() {
        return client.followRedirects();
    }

    /**
     * The wrapped client's.
     *
     * @return the proxy selector
     * @since 0.2.0
     */
    @Override
    public Optional<ProxySelector> proxy() {
        return client.proxy();
    }

    /**
     * The wrapped client's.
     *
     * @return the SSL context
     * @since 0.2.0
     */
    @Override
    public SSLContext sslContext() {
        return client.sslContext();
    }

    /**
     * The wrapped client's.
     *
     * @return the SSL parameters
     * @since 0.2.0
     */
    @Override
    public SSLParameters sslParameters() {
        return client.sslParameters();
    }

    /**
     * The wrapped client's.
     *
     * @return the authenticator
     * @since 0.2.0
     */
    @Override
    public Optional<Authenticator> authenticator() {
        return client.authenticator();
    }

    /**
     * The wrapped client's.
     *
     * @return the preferred HTTP version
     * @since 0.2.0
     */
    @Override
    public Version version() {
        return client.version();
    }

    /**
     * The wrapped client's.
     *
     * @return the executor
     * @since 0.2.0
     */
    @Override
    public Optional<Executor> executor() {
        return client.executor();
    }

    /**
     * The signing setup and the wrapped client; never credentials.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "SigningHttpClient[" + signer.signing() + ", " + client + "]";
    }
}
