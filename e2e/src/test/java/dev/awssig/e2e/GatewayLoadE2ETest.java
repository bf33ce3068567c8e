package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A bounded load test of {@code awssig gateway} (the child JVM) in front of s3proxy, on
 * 127.0.0.1: {@value #CLIENTS} concurrent clients (the AWS SDK v2 with its default settings, so
 * every PUT is aws-chunked with a CRC32 trailer; presigned GETs fetched with
 * {@code java.net.http}) send mixed requests — PUT 0..64 KiB, GET, HEAD, LIST v2, DELETE and
 * presigned GET over their own keys — and check every answer against what they stored; at the end
 * every stored object is read back and compared byte for byte. Throughput and latency
 * percentiles are logged and written to {@code e2e/target/e2e-work/gateway-load.txt}, never
 * asserted. The count is {@code -Dawssig.e2e.loadRequests=N} (default 1,000 in the build; the
 * README quotes a 20,000-request run), the mix replays with {@code -Dawssig.seed=N}.
 */
@ExtendWith({S3ProxyExtension.class, GatewayExtension.class})
class GatewayLoadE2ETest {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayLoadE2ETest.class);
    private static final String BUCKET = "gateway-load";
    static final int CLIENTS = 8;
    private static final int KEYS_PER_CLIENT = 40;

    /** One client's run: its latencies (ns) and what it stored. */
    private record Run(long[] nanos, Map<String, byte[]> stored) {
    }

    @Test
    void mixedRequestsFromEightClientsAreAllAnsweredAndEveryObjectReadsBackByteIdentical(GatewayServer gateway)
            throws Exception {
        int total = Integer.getInteger("awssig.e2e.loadRequests", 1_000);
        long seed = Long.getLong("awssig.seed", System.nanoTime());
        LOG.info("gateway load: {} requests from {} clients, seed {} (-Dawssig.seed={} replays the mix)", total,
                CLIENTS, seed, seed);
        try (S3Client setup = client(gateway.endpoint)) {
            try {
                setup.createBucket(b -> b.bucket(BUCKET));
            } catch (software.amazon.awssdk.services.s3.model.S3Exception exists) {
                assertEquals(409, exists.statusCode(), exists.toString());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Run>> runs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            int share = total / CLIENTS + (c < total % CLIENTS ? 1 : 0);
            runs.add(pool.submit(() -> run(gateway.endpoint, client, share, new SplittableRandom(seed + client))));
        }
        List<Run> done = new ArrayList<>();
        for (Future<Run> f : runs) {
            done.add(f.get());
        }
        long elapsed = System.nanoTime() - t0;
        pool.shutdown();

        long[] all = done.stream().flatMapToLong(r -> Arrays.stream(r.nanos)).sorted().toArray();
        assertEquals(total, all.length);
        int objects = 0;
        try (S3Client s3 = client(gateway.endpoint)) {
            for (Run r : done) {
                for (Map.Entry<String, byte[]> e : r.stored.entrySet()) {
                    assertArrayEquals(e.getValue(), s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(e.getKey()))
                            .asByteArray(), e.getKey());
                    objects++;
                }
            }
        }
        String report = String.format(java.util.Locale.ROOT,
                "%d requests from %d clients in %.1f s: %.0f requests/s; latency ms p50 %.1f, p90 %.1f, p99 %.1f,"
                        + " max %.1f; %d stored objects read back byte-identical (seed %d)",
                total, CLIENTS, elapsed / 1e9, total / (elapsed / 1e9), ms(all, 0.50), ms(all, 0.90), ms(all, 0.99),
                all[all.length - 1] / 1e6, objects, seed);
        LOG.info("gateway load: {}", report);
        Path out = Path.of(System.getProperty("awssig.e2e.workDir", System.getProperty("java.io.tmpdir")),
                "gateway-load.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + "\n");
        assertTrue(objects > 0, "something was stored");
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static S3Client client(String endpoint) {
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(credentials()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(GatewayServer.CLIENT_KEY,
                GatewayServer.CLIENT_SECRET));
    }

    /** One client: {@code n} requests over its own keys, each answer checked. */
    private static Run run(String endpoint, int client, int n, SplittableRandom random) throws Exception {
        long[] nanos = new long[n];
        Map<String, byte[]> stored = new HashMap<>();
        String prefix = "load/c" + client + "/";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (S3Client s3 = client(endpoint);
             S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                     .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                     .credentialsProvider(credentials()).build()) {
            for (int i = 0; i < n; i++) {
                String key = prefix + "k" + random.nextInt(KEYS_PER_CLIENT);
                byte[] expected = stored.get(key);
                int op = random.nextInt(100);
                long start = System.nanoTime();
                if (op < 35 || expected == null && op < 80) {
                    byte[] data = Scenarios.bytes(random.nextInt(64 * 1024 + 1), random.nextLong());
                    String etag = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data)).eTag();
                    assertTrue(etag != null && !etag.isEmpty(), "PUT " + key + " has an ETag");
                    stored.put(key, data);
                } else if (expected == null) {
                    try {
                        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
                        throw new AssertionError("GET " + key + " after its DELETE answered 200");
                    } catch (NoSuchKeyException gone) {
                        assertEquals(404, gone.statusCode());
                    }
                } else if (op < 65) {
                    assertArrayEquals(expected, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray(),
                            "GET " + key);
                } else if (op < 75) {
                    assertEquals(expected.length, s3.headObject(b -> b.bucket(BUCKET).key(key)).contentLength(),
                            "HEAD " + key);
                } else if (op < 85) {
                    Set<String> listed = new TreeSet<>();
                    s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
                            .forEach(listed::add);
                    assertEquals(new TreeSet<>(stored.keySet()), listed, "LIST " + prefix);
                } else if (op < 92) {
                    URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                            .getObjectRequest(g -> g.bucket(BUCKET).key(key))).url().toURI();
                    HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(url).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, got.statusCode(), "presigned GET " + key);
                    assertArrayEquals(expected, got.body(), "presigned GET " + key);
                } else {
                    s3.deleteObject(b -> b.bucket(BUCKET).key(key));
                    stored.remove(key);
                }
                nanos[i] = System.nanoTime() - start;
            }
        }
        return new Run(nanos, stored);
    }
}
