package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tuning: the shared signing-key cache (256 derived keys, signer-api's {@code SigningKeys}) against
 * a population of distinct credentials. One verifier checks requests signed by {@code population}
 * different access keys, in turn: while the population fits in the cache every verification finds
 * its derived key (a hit); past it, taking them in turn evicts each key before it comes round again,
 * so every verification derives its key anew (a miss: four HMAC-SHA256 and the key's HMAC pads).
 * Every request is checked to verify first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class TuningKeyCache {
    /** How many distinct credentials sign the requests verified in turn. */
    @Param({"1", "64", "256", "1024"})
    public int population = 64;

    private Verifier verifier;
    private SignableRequest[] signed;
    private SecretLookup secrets;
    private Instant now;
    private int next;

    /** Signs one request per credentials and checks that each verifies. */
    @Setup
    public void setup() {
        signed = new SignableRequest[population];
        Map<String, String> keys = new HashMap<>();
        SignableRequest request = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI)
                .header("Range", Fixtures.GetObject.RANGE).build();
        for (int i = 0; i < population; i++) {
            String id = "AKIDTUNING" + String.format("%010d", i);
            String secret = "tuning/secret/" + i + "/wJalrXUtnFEMI/K7MDENG/bPxRfiCY";
            keys.put(id, secret);
            signed[i] = Ours.SIGNERS.signer(Algorithms.SIGV4, Ours.config(Credentials.of(id, secret),
                    Fixtures.REGION, "s3", Fixtures.GetObject.TIME).build()).sign(request).request();
        }
        secrets = SecretLookup.of(keys);
        SigningConfig config = SigningConfig.builder().region(Fixtures.REGION).service("s3").build();
        verifier = Ours.SIGNERS.verifier(Algorithms.SIGV4, config);
        now = Fixtures.GetObject.TIME.plusSeconds(1);
        for (int i = 0; i < population; i++) {
            VerificationResult r = verifier.verify(signed[i], secrets, now);
            if (!r.isValid()) {
                throw new IllegalStateException("awssig verifier rejected request " + i + ": " + r);
            }
        }
    }

    /**
     * Ours: verify the next request in turn.
     *
     * @return the result
     */
    @Benchmark
    public VerificationResult verify() {
        int i = next;
        next = i + 1 == signed.length ? 0 : i + 1;
        return verifier.verify(signed[i], secrets, now);
    }
}
