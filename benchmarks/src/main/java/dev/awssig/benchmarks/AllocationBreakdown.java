package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Where the bytes of one SigV4 header signature go (the S3 docs' {@code GET /test.txt}): the
 * total per {@code sign} and, for comparison, each part of the result that the API asks the
 * signer to build, measured alone. Bytes come from
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes} after a warm-up long enough for
 * C2 (so escape analysis has removed what it can); they are exact and stable, unlike times, which
 * this tool does not report (JMH does that). Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.awssig.benchmarks.AllocationBreakdown}.
 */
public final class AllocationBreakdown {
    private static final int WARMUP = 300_000;
    private static final int MEASURED = 200_000;
    private static volatile Object sink;

    private AllocationBreakdown() {
    }

    /**
     * Prints the breakdown.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        Signer signer = Ours.SIGNERS.signer(Algorithms.SIGV4, Ours.config(
                Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET), Fixtures.REGION, "s3",
                Fixtures.GetObject.TIME).build());
        SignableRequest request = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI)
                .header("Range", Fixtures.GetObject.RANGE).build();
        SignedRequest s = signer.sign(request);
        Check.same("awssig", Fixtures.GetObject.SIGNATURE, s.signature());
        String auth = s.request().headers().firstValue("Authorization").orElseThrow();
        String signedHeaders = String.join(";", s.signedHeaders());
        String authPrefix = auth.substring(0, auth.indexOf("SignedHeaders=") + "SignedHeaders=".length());
        String signature = s.signature();
        byte[] canonical = s.canonicalRequest().getBytes(StandardCharsets.ISO_8859_1);
        byte[] stringToSign = s.stringToSign().getBytes(StandardCharsets.ISO_8859_1);
        byte[] sigHex = signature.getBytes(StandardCharsets.ISO_8859_1);

        System.out.println("Allocation per operation, SigV4 header signing of GET /test.txt (bytes):");
        long total = perOp("SigV4Signer.sign, total", () -> signer.sign(request));
        long parts = 0;
        parts += perOp("  the signed request: toBuilder() + 4 x header() + build()", () -> request.toBuilder()
                .header("Host", Fixtures.GetObject.HOST)
                .header("X-Amz-Date", "20130524T000000Z")
                .header("x-amz-content-sha256", Fixtures.GetObject.EMPTY_SHA256)
                .header("Authorization", auth).build());
        parts += perOp("  Authorization value (" + auth.length() + " chars)",
                () -> authPrefix + signedHeaders + ", Signature=" + signature);
        parts += perOp("  signature() as a String (64 chars)", () -> new String(sigHex, StandardCharsets.ISO_8859_1));
        Supplier<String> lazy = () -> signature;
        parts += perOp("  SignedRequest with lazy canonical request / string to sign", () -> SignedRequest.builder()
                .request(request).algorithm(Algorithms.SIGV4).signature(signature).signedHeaders(s.signedHeaders())
                .signingTime(Fixtures.GetObject.TIME).canonicalRequestSupplier(lazy).stringToSignSupplier(lazy)
                .build());
        System.out.println("  sum of the parts above: " + parts + " of " + total + " (the rest: the signer's own"
                + " temporaries and the lazy explanation's captured state)");
        System.out.println("For comparison, if built eagerly:");
        perOp("  canonicalRequest() as a String (" + canonical.length + " chars)",
                () -> new String(canonical, StandardCharsets.ISO_8859_1));
        perOp("  stringToSign() as a String (" + stringToSign.length + " chars)",
                () -> new String(stringToSign, StandardCharsets.ISO_8859_1));
    }

    private static long perOp(String name, Supplier<Object> op) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARMUP; i++) {
            sink = op.get();
        }
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < MEASURED; i++) {
            sink = op.get();
        }
        long bytes = Math.round((mx.getThreadAllocatedBytes(id) - before) / (double) MEASURED);
        System.out.println(String.format("%-62s %6d", name, bytes));
        return bytes;
    }
}
