package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awssig.Credentials;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One signer shared by threads that alternate credentials and hosts: the per-thread keyed MACs
 * and the last-host cache must never mix them up.
 */
class ConcurrencyTest {

    @Test
    void sharedSignersGiveTheSameSignaturesAsSingleThreadedSigning() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2020-02-02T02:02:02Z"), ZoneOffset.UTC);
        Credentials[] creds = {Credentials.of("AKID1", "secret-one"), Credentials.of("AKID2", "secret-two")};
        String[] uris = {"https://alpha.s3.amazonaws.com/k", "https://s3.amazonaws.com/beta/k",
            "http://static.example.net/k", "http://127.0.0.1:9000/gamma/k"};
        // a provider that alternates between two credentials: both secrets pass through each thread's MAC
        java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        S3V2Signer s3 = S3V2Signer.create(SigningConfig.builder().clock(clock)
                .credentialsProvider(() -> creds[(int) (calls.getAndIncrement() & 1)]).build());
        S3V2Signer[] fixed = {
            S3V2Signer.create(SigningConfig.builder().clock(clock).credentials(creds[0]).build()),
            S3V2Signer.create(SigningConfig.builder().clock(clock).credentials(creds[1]).build())};
        QueryV2Signer[] query = {
            QueryV2Signer.create(SigningConfig.builder().clock(clock).credentials(creds[0]).build()),
            QueryV2Signer.create(SigningConfig.builder().clock(clock).credentials(creds[1])
                    .option(V2Options.SIGNATURE_METHOD, V2Options.HMAC_SHA1).build())};
        String[][] expected = new String[2][uris.length];
        String[] expectedQuery = new String[2];
        for (int c = 0; c < 2; c++) {
            for (int u = 0; u < uris.length; u++) {
                expected[c][u] = fixed[c].sign(get(uris[u])).signature();
            }
            expectedQuery[c] = query[c].sign(get("https://h.example.com/?Action=A")).signature();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int seed = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int c = (i + seed) & 1;
                        int u = (i / 2 + seed) % uris.length;
                        assertEquals(expected[c][u], fixed[c].sign(get(uris[u])).signature());
                        assertEquals(expectedQuery[c], query[c].sign(get("https://h.example.com/?Action=A")).signature());
                        String auth = s3.sign(get(uris[u])).request().headers().firstValue("Authorization")
                                .orElseThrow();
                        int who = auth.startsWith("AWS AKID1:") ? 0 : 1;
                        assertEquals("AWS AKID" + (who + 1) + ":" + expected[who][u], auth);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static SignableRequest get(String uri) {
        return SignableRequest.builder().method("GET").uri(uri).build();
    }
}
