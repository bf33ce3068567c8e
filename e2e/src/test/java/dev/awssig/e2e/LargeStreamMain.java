package dev.awssig.e2e;

import dev.awssig.HttpSigning;
import dev.awssig.http.apache5.AwsSigningExec;
import dev.awssig.http.jdk.SigningHttpClient;
import dev.awssig.http.okhttp.AwsSigningInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;

/**
 * Run in a child JVM with a small heap by {@link LargeStreamE2ETest}: uploads a generated body
 * (never held in memory) through one HTTP client adapter to s3proxy, reads it back through the same
 * adapter into a digest, and prints {@code OK} with the peak heap use when the SHA-256s agree.
 * Arguments: adapter, endpoint, bucket, key, length.
 */
public final class LargeStreamMain {
    private LargeStreamMain() {
    }

    /** A deterministic pseudo-random body of a given length, generated as it is read. */
    static final class Generated extends InputStream {
        private final long length;
        private long position;
        private long state = 0x9E3779B97F4A7C15L;

        Generated(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - position);
            for (int i = 0; i < n; i++) {
                if (((position + i) & 7) == 0) {
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                }
                b[off + i] = (byte) (state >>> (((position + i) & 7) << 3));
            }
            position += n;
            return n;
        }
    }

    /**
     * Uploads and checks.
     *
     * @param args adapter, endpoint, bucket, key, length
     * @throws Exception on any failure (the exit code is then non-zero)
     */
    public static void main(String[] args) throws Exception {
        Adapters adapter = Adapters.valueOf(args[0]);
        String url = args[1] + "/" + args[2] + "/" + args[3];
        long length = Long.parseLong(args[4]);
        HttpSigning signing = HttpSigning.of(Fixtures.config());
        String expected = sha256(new Generated(length));
        String got;
        switch (adapter) {
            case JDK: {
                HttpClient c = SigningHttpClient.wrap(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .build(), signing);
                HttpResponse<String> put = c.send(HttpRequest.newBuilder(URI.create(url))
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                                new Generated(length)), length)).build(), HttpResponse.BodyHandlers.ofString());
                check(put.statusCode(), put.body());
                HttpResponse<InputStream> get = c.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                got = sha256(get.body());
                c.send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
                break;
            }
            case OKHTTP_NETWORK: {
                OkHttpClient c = new OkHttpClient.Builder().addNetworkInterceptor(AwsSigningInterceptor.of(signing))
                        .writeTimeout(120, TimeUnit.SECONDS).readTimeout(120, TimeUnit.SECONDS).build();
                RequestBody oneShot = new RequestBody() {
                    @Override
                    public MediaType contentType() {
                        return MediaType.get("application/octet-stream");
                    }

                    @Override
                    public long contentLength() {
                        return length;
                    }

                    @Override
                    public boolean isOneShot() {
                        return true;
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws IOException {
                        sink.writeAll(Okio.source(new Generated(length)));
                    }
                };
                try (Response put = c.newCall(new Request.Builder().url(url).put(oneShot).build()).execute()) {
                    check(put.code(), put.body().string());
                }
                try (Response get = c.newCall(new Request.Builder().url(url).build()).execute()) {
                    got = sha256(get.body().byteStream());
                }
                c.newCall(new Request.Builder().url(url).delete().build()).execute().close();
                c.dispatcher().executorService().shutdown();
                c.connectionPool().evictAll();
                break;
            }
            case APACHE_CLASSIC: {
                try (CloseableHttpClient c = AwsSigningExec.of(signing).addTo(HttpClients.custom()).build()) {
                    HttpPut put = new HttpPut(url);
                    put.setEntity(new InputStreamEntity(new Generated(length), length, ContentType.APPLICATION_OCTET_STREAM));
                    c.execute(put, r -> {
                        check(r.getCode(), r.getEntity() == null ? "" : new String(r.getEntity().getContent().readAllBytes()));
                        return null;
                    });
                    got = c.execute(new HttpGet(url), r -> sha256(r.getEntity().getContent()));
                    c.execute(new org.apache.hc.client5.http.classic.methods.HttpDelete(url), r -> null);
                }
                break;
            }
            default:
                throw new IllegalArgumentException("no large-stream run for " + adapter);
        }
        if (!expected.equals(got)) {
            System.out.println("FAIL sha256 sent " + expected + " read back " + got);
            System.exit(2);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("OK length=" + length + " sha256=" + got + " peakHeapMiB=" + (peak >> 20)
                + " maxHeapMiB=" + (Runtime.getRuntime().maxMemory() >> 20));
    }

    private static void check(int status, String body) {
        if (status != 200) {
            throw new IllegalStateException("PUT answered " + status + ": " + body);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try (InputStream s = in) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = s.read(buf)) >= 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
