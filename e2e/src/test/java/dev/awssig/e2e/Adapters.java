package dev.awssig.e2e;

import dev.awssig.HttpSigning;
import dev.awssig.http.apache5.AwsSigningAsyncExec;
import dev.awssig.http.apache5.AwsSigningExec;
import dev.awssig.http.jdk.SigningHttpClient;
import dev.awssig.http.okhttp.AwsSigningInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;

/**
 * The HTTP client adapters as {@link S3Client.Transport}s: each sends the unsigned request with
 * its own client, which signs it through the adapter. {@link #close()} frees the clients.
 */
enum Adapters {
    /** {@code SigningHttpClient} over the JDK's {@code HttpClient}. */
    JDK,
    /** {@code AwsSigningInterceptor} as an OkHttp network interceptor. */
    OKHTTP_NETWORK,
    /** {@code AwsSigningInterceptor} as an OkHttp application interceptor. */
    OKHTTP_APPLICATION,
    /** {@code AwsSigningExec} in a classic Apache HttpClient 5. */
    APACHE_CLASSIC,
    /** {@code AwsSigningAsyncExec} in an async Apache HttpClient 5. */
    APACHE_ASYNC;

    /** A transport and what must be closed after it. */
    static final class Client implements java.io.Closeable {
        final S3Client.Transport transport;
        private final java.io.Closeable closer;

        Client(S3Client.Transport transport, java.io.Closeable closer) {
            this.transport = transport;
            this.closer = closer;
        }

        @Override
        public void close() throws IOException {
            closer.close();
        }
    }

    /**
     * A client of this kind signing with a setup.
     *
     * @param signing the signing setup
     * @return the client
     */
    Client client(HttpSigning signing) {
        switch (this) {
            case JDK: {
                HttpClient c = SigningHttpClient.wrap(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build(), signing);
                return new Client((method, url, headers, body) -> jdk(c, method, url, headers, body), () -> { });
            }
            case OKHTTP_NETWORK:
            case OKHTTP_APPLICATION: {
                OkHttpClient.Builder b = new OkHttpClient.Builder().readTimeout(60, TimeUnit.SECONDS)
                        .writeTimeout(60, TimeUnit.SECONDS);
                AwsSigningInterceptor i = AwsSigningInterceptor.of(signing);
                OkHttpClient c = (this == OKHTTP_NETWORK ? b.addNetworkInterceptor(i) : b.addInterceptor(i)).build();
                return new Client((method, url, headers, body) -> okhttp(c, method, url, headers, body), () -> {
                    c.dispatcher().executorService().shutdown();
                    c.connectionPool().evictAll();
                });
            }
            case APACHE_CLASSIC: {
                CloseableHttpClient c = AwsSigningExec.of(signing).addTo(HttpClients.custom()).build();
                return new Client((method, url, headers, body) -> apache(c, method, url, headers, body), c);
            }
            default: {
                CloseableHttpAsyncClient c = AwsSigningAsyncExec.of(signing).addTo(HttpAsyncClients.custom()).build();
                c.start();
                return new Client((method, url, headers, body) -> apacheAsync(c, method, url, headers, body), c);
            }
        }
    }

    private static S3Http.Response jdk(HttpClient c, String method, String url, Map<String, String> headers,
                                       byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).method(method,
                body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = c.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new S3Http.Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static S3Http.Response okhttp(OkHttpClient c, String method, String url, Map<String, String> headers,
                                          byte[] body) {
        boolean needsBody = method.equals("PUT") || method.equals("POST");
        Request.Builder b = new Request.Builder().url(url).method(method,
                needsBody ? RequestBody.create(body == null ? new byte[0] : body, null) : null);
        headers.forEach(b::header);
        try (Response r = c.newCall(b.build()).execute()) {
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            r.headers().forEach(p -> h.computeIfAbsent(p.getFirst(), k -> new ArrayList<>()).add(p.getSecond()));
            return new S3Http.Response(r.code(), HttpHeaders.of(h, (n, v) -> true), r.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e, e);
        }
    }

    private static S3Http.Response apache(CloseableHttpClient c, String method, String url,
                                          Map<String, String> headers, byte[] body) {
        ClassicRequestBuilder b = ClassicRequestBuilder.create(method).setUri(url);
        headers.forEach(b::addHeader);
        if (body != null) {
            b.setEntity(new ByteArrayEntity(body, (ContentType) null));
        }
        ClassicHttpRequest request = b.build();
        try {
            return c.execute(request, r -> new S3Http.Response(r.getCode(), headers(r.getHeaders()),
                    r.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(r.getEntity())));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed: " + e, e);
        }
    }

    private static S3Http.Response apacheAsync(CloseableHttpAsyncClient c, String method, String url,
                                               Map<String, String> headers, byte[] body) {
        SimpleRequestBuilder b = SimpleRequestBuilder.create(method).setUri(url);
        headers.forEach(b::addHeader);
        if (body != null) {
            b.setBody(body, null);
        }
        try {
            SimpleHttpResponse r = c.execute(SimpleRequestProducer.create(b.build()), SimpleResponseConsumer.create(),
                    null).get(60, TimeUnit.SECONDS);
            byte[] bytes = r.getBodyBytes();
            return new S3Http.Response(r.getCode(), headers(r.getHeaders()), bytes == null ? new byte[0] : bytes);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static HttpHeaders headers(Header[] headers) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header x : headers) {
            h.computeIfAbsent(x.getName(), k -> new ArrayList<>()).add(x.getValue());
        }
        return HttpHeaders.of(h, (n, v) -> true);
    }
}
