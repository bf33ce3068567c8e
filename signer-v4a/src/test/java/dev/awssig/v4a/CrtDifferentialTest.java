package dev.awssig.v4a;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4a.support.Crt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.crt.auth.signing.AwsSigningResult;
import software.amazon.awssdk.crt.http.HttpHeader;
import software.amazon.awssdk.crt.http.HttpRequest;

/**
 * Differential test against an independent implementation, aws-c-auth through aws-crt-java (the
 * native SigV4a signer of the AWS SDKs), over randomized requests from a logged seed: paths with
 * reserved, non-ASCII and dot segments, S3 and other services; repeated, empty and valueless query
 * parameters; repeated headers and inner whitespace; bodies; session tokens; region lists and
 * {@code *}. Each request is signed with headers or presigned (at random), both ways: our
 * signature must verify with the CRT (which also requires its canonical request to equal ours),
 * and the CRT's must verify with {@link SigV4aVerifier} (whose canonical request the CRT then
 * checks against its own). A second test does the same for aws-chunked
 * bodies, chunk by chunk and trailer. Replay with {@code -Dawssig.seed=<seed>}; the count is
 * {@code -Dawssig.v4a.differential.count} (default 5000).
 */
class CrtDifferentialTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrtDifferentialTest.class);
    private static final String[] SEGMENT_PIECES = {"a", "b", "key", "photos", "2024", "file.txt", " ", "~", "-",
        "_", ".", "!", "$", "&", "'", "(", ")", "*", ",", ";", "=", ":", "@", "%", "+", "é", "ü", "中文", "😀", "[",
        "]", "{", "}", "^", "`", "|", "\"", "<", ">", "#", "?"};
    private static final String[] QUERY_PIECES = {"a", "b", "X", "id", "prefix", "max-keys", "1", "2", " ", "~",
        "*", "-", "_", ".", "!", "$", "'", "(", ")", ",", ";", ":", "@", "/", "=", "&", "+", "%", "é", "中", "😀",
        "?", "#", "[", "]"};
    /** Raw (not canonically encoded) query text both sides read the same way. */
    private static final String[] RAW_QUERY_PIECES = {"!", "*", "'", "(", ")", "%7e", "%2f", "%2A", "~", "é"};
    private static final String[] HEADER_NAMES = {"X-Amz-Meta-Color", "x-amz-meta-color", "X-Custom", "Content-Type",
        "Range", "If-Match", "x-amz-storage-class", "Cache-Control", "My-Header", "my-header", "x-amz-acl"};
    private static final String[] HEADER_PIECES = {"value", "a", "b", " ", "   ", "text/plain", "bytes=0-9",
        "\"quoted  value\"", ",", ";", "=", "é", "x y", "1", "/"};
    private static final String[] SERVICES = {"s3", "s3", "s3", "iam", "sts", "execute-api", "service"};
    private static final String[] REGION_SETS = {"us-east-1", "eu-west-1", "us-east-1,us-west-2", "*",
        "eu-central-1,ap-southeast-2,us-gov-west-1", "*"};
    private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "HEAD"};

    /** A pool of credentials, so key derivation meets many secrets and the caches are exercised too. */
    private static List<Credentials> credentials(Random rnd) {
        List<Credentials> pool = new ArrayList<>();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 48; i++) {
            StringBuilder id = new StringBuilder("AKIA");
            for (int k = 0; k < 16; k++) {
                id.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(rnd.nextInt(32)));
            }
            StringBuilder secret = new StringBuilder();
            for (int k = 0; k < 40; k++) {
                secret.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String token = null;
            if (rnd.nextInt(3) == 0) {
                StringBuilder t = new StringBuilder();
                for (int k = 0, n = 16 + rnd.nextInt(300); k < n; k++) {
                    t.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                token = t + "==";
            }
            pool.add(Credentials.of(id.toString(), secret.toString(), token));
        }
        return pool;
    }

    @Test
    void signaturesVerifyBothWaysWithTheCrtOnRandomizedRequests() {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        int count = Integer.getInteger("awssig.v4a.differential.count", 5_000);
        LOG.info("CrtDifferentialTest: seed={} count={} (replay with -Dawssig.seed={})", seed, count, seed);
        System.out.println("CrtDifferentialTest seed=" + seed + " count=" + count);
        Random rnd = new Random(seed);
        List<Credentials> pool = credentials(rnd);
        List<Generated> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cases.add(generate(rnd, pool));
        }
        // the cases are generated in order from the seed, then checked on two threads (the signers
        // and verifiers are thread-safe; so are the CRT's)
        java.util.concurrent.ExecutorService pool2 = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger checked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<AssertionError> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                Generated g = cases.get(i);
                try {
                    checked.addAndGet(check(g));
                } catch (AssertionError | RuntimeException e) {
                    failure.compareAndSet(null, new AssertionError("case " + i + " of seed " + seed + " failed: " + g, e));
                }
            }
        };
        try {
            java.util.concurrent.Future<?> a = pool2.submit(worker);
            java.util.concurrent.Future<?> b = pool2.submit(worker);
            a.get();
            b.get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e);
        } finally {
            pool2.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        int checks = checked.get();
        int presigned = (int) cases.stream().filter(g -> g.presign).count();
        LOG.info("CrtDifferentialTest: {} requests ({} header-signed, {} presigned), {} signatures checked"
                + " (each request: ours verified by the CRT, the CRT's by ours)", count, count - presigned, presigned,
                checks);
        assertEquals(2L * count, checks);
        assertTrue(presigned > count / 4 && presigned < count * 3 / 4, "both modes are exercised");
    }

    private static int check(Generated g) {
        SignableRequest request = g.request();
        ECPublicKey ourKey = SigV4aKeys.publicKey(g.credentials);
        SigV4aSigner signer = SigV4aSigner.create(g.config());
        SigV4aVerifier verifier = SigV4aVerifier.create(SigningConfig.builder()
                .region(g.verifierRegion()).service(g.service).build());
        SecretLookup secrets = SecretLookup.of(g.credentials);
        if (!g.presign) {
            // ours -> the CRT: same canonical request, our signature verifies
            SignedRequest ours = signer.sign(request);
            assertTrue(Crt.verifies(request, g.body, g.spec(), false, ours.canonicalRequest(), ours.signature(),
                    ourKey), () -> "the CRT rejects our header signature; our canonical request:\n"
                    + ours.canonicalRequest());
            // the CRT -> ours: our verifier accepts, and its canonical request is the CRT's
            AwsSigningResult theirs = Crt.signHeadersResult(request, g.body, g.spec());
            SignableRequest received = Crt.fromCrt(theirs.getSignedRequest(), request.hostHeaderValue(), g.body);
            VerificationResult r = verifier.verify(received, secrets, g.time);
            assertTrue(r.isValid(), () -> "our verifier rejects the CRT's header signature: " + r + "\n"
                    + r.canonicalRequest().orElse(""));
            String theirSignature = new String(theirs.getSignature(), StandardCharsets.US_ASCII);
            assertTrue(Crt.verifies(request, g.body, g.spec(), false, r.canonicalRequest().orElseThrow(),
                    theirSignature, ourKey), "the CRT's canonical request differs from our verifier's");
        } else {
            PresignedUrl ourUrl = signer.presign(request, Duration.ofSeconds(g.expires));
            assertTrue(Crt.verifies(request, g.body, g.spec(), true, ourUrl.canonicalRequest(), ourUrl.signature(),
                    ourKey), () -> "the CRT rejects our presigned URL; our canonical request:\n"
                    + ourUrl.canonicalRequest());
            HttpRequest theirUrl = Crt.presign(request, g.body, g.spec());
            SignableRequest receivedUrl = Crt.fromCrt(theirUrl, request.hostHeaderValue(), g.body);
            VerificationResult q = verifier.verify(receivedUrl, secrets, g.time.plusSeconds(1));
            assertTrue(q.isValid(), () -> "our verifier rejects the CRT's presigned URL " + theirUrl.getEncodedPath()
                    + ": " + q + "\n" + q.canonicalRequest().orElse(""));
            String urlSignature = param(theirUrl.getEncodedPath(), "X-Amz-Signature");
            assertTrue(Crt.verifies(request, g.body, g.spec(), true, q.canonicalRequest().orElseThrow(),
                    urlSignature, ourKey), "the CRT's presign canonical request differs from our verifier's");
        }
        return 2;
    }

    private static String param(String target, String name) {
        String query = target.substring(target.indexOf('?') + 1);
        for (String p : query.split("&")) {
            if (p.startsWith(name + "=")) {
                return UriEncoding.decode(p.substring(name.length() + 1), false);
            }
        }
        throw new AssertionError(name + " missing from " + target);
    }

    // ------------------------------------------------------------------ aws-chunked

    @Test
    void awsChunkedBodiesVerifyBothWaysWithTheCrt() throws IOException {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        int count = Integer.getInteger("awssig.v4a.differential.chunked", 40);
        LOG.info("CrtDifferentialTest chunked: seed={} count={} (replay with -Dawssig.seed={})", seed, count, seed);
        Random rnd = new Random(seed);
        List<Credentials> pool = credentials(rnd);
        int chunks = 0;
        for (int i = 0; i < count; i++) {
            Generated g = generate(rnd, pool);
            g.body = new byte[rnd.nextInt(6) == 0 ? 0 : rnd.nextInt(40_000)];
            rnd.nextBytes(g.body);
            g.service = "s3";
            g.headers.clear();
            PayloadSigning mode = rnd.nextBoolean() ? PayloadSigning.STREAMING_SIGNED
                    : PayloadSigning.STREAMING_SIGNED_TRAILER;
            ChecksumAlgorithm checksum = ChecksumAlgorithm.values()[rnd.nextInt(ChecksumAlgorithm.values().length)];
            int chunkSize = 1024 + rnd.nextInt(8 * 1024);
            try {
                chunks += ourChunkedBodyVerifiesWithTheCrt(g, mode, checksum, chunkSize);
                chunks += theCrtsChunkedBodyVerifiesWithOurs(g, mode, checksum, chunkSize);
            } catch (AssertionError | RuntimeException | IOException e) {
                throw new AssertionError("chunked case " + i + " of seed " + seed + " (" + mode + ", " + checksum
                        + ", chunk " + chunkSize + ") failed: " + g, e);
            }
        }
        LOG.info("CrtDifferentialTest chunked: {} bodies, {} chunk and trailer signatures checked", count, chunks);
        assertTrue(chunks > count * 2);
    }

    private static int ourChunkedBodyVerifiesWithTheCrt(Generated g, PayloadSigning mode, ChecksumAlgorithm checksum,
                                                        int chunkSize) throws IOException {
        SignableRequest request = SignableRequest.builder().method("PUT")
                .uri("https://" + g.host + g.path).payload(Payload.ofBytes(g.body)).build();
        SignedRequest signed = SigV4aSigner.create(g.config().toBuilder()
                .option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.TRAILER_CHECKSUM, checksum)
                .option(SigV4Options.CHUNK_SIZE, chunkSize).build()).sign(request);
        ECPublicKey key = SigV4aKeys.publicKey(g.credentials);
        // the seed: the CRT rebuilds the canonical request from the request with the aws-chunked
        // headers our signer added (it adds date, region set, content-sha and token itself)
        SignableRequest.Builder unsigned = SignableRequest.builder().method("PUT").uri("https://" + g.host + g.path);
        for (Headers.Header h : signed.request().headers().entries()) {
            String n = h.name().toLowerCase(java.util.Locale.ROOT);
            if (!n.equals("authorization") && !n.equals("x-amz-date") && !n.equals("x-amz-region-set")
                    && !n.equals("x-amz-content-sha256") && !n.equals("x-amz-security-token")) {
                unsigned.header(h.name(), h.value());
            }
        }
        Crt.Spec seedSpec = g.spec();
        seedSpec.contentShaHeader = true;
        seedSpec.signedBodyValue = mode == PayloadSigning.STREAMING_SIGNED
                ? "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD" : "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER";
        assertTrue(Crt.verifies(unsigned.build(), null, seedSpec, false, signed.canonicalRequest(), signed.signature(),
                key), () -> "the CRT rejects our seed signature:\n" + signed.canonicalRequest());
        // every chunk and the trailer: the string to sign written here from the specification
        byte[] encoded;
        try (InputStream in = signed.request().payload().openStream()) {
            encoded = in.readAllBytes();
        }
        assertEquals(signed.request().headers().firstValue("content-length").orElseThrow(),
                Long.toString(encoded.length));
        String amzDate = signed.request().headers().firstValue("x-amz-date").orElseThrow();
        String scope = amzDate.substring(0, 8) + "/" + g.service + "/aws4_request";
        String previous = signed.signature();
        int at = 0;
        int checked = 0;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            int eol = indexOfCrlf(encoded, at);
            String header = new String(encoded, at, eol - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.substring(0, header.indexOf(';')), 16);
            String sig = header.substring(header.indexOf("chunk-signature=") + 16);
            assertEquals(144, sig.length(), "chunk signatures are padded to 144 characters");
            String unpadded = sig.replaceAll("\\*+$", "");
            byte[] chunk = java.util.Arrays.copyOfRange(encoded, eol + 2, eol + 2 + size);
            data.write(chunk);
            String sts = "AWS4-ECDSA-P256-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                    + sha256Hex(new byte[0]) + "\n" + sha256Hex(chunk);
            assertTrue(Crt.verifiesRaw(sts, unpadded, key), "the CRT rejects our chunk signature");
            checked++;
            previous = unpadded;
            at = eol + 2 + size + (size > 0 ? 2 : 0);
            if (size == 0) {
                break;
            }
        }
        assertArrayEquals(g.body, data.toByteArray());
        if (mode.hasTrailer()) {
            int eol = indexOfCrlf(encoded, at);
            String line = new String(encoded, at, eol - at, StandardCharsets.US_ASCII);
            assertTrue(line.startsWith(checksum.headerName() + ":"), line);
            int sigEol = indexOfCrlf(encoded, eol + 2);
            String sigLine = new String(encoded, eol + 2, sigEol - eol - 2, StandardCharsets.US_ASCII);
            String sig = sigLine.substring("x-amz-trailer-signature:".length()).replaceAll("\\*+$", "");
            String sts = "AWS4-ECDSA-P256-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                    + sha256Hex((line + "\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(Crt.verifiesRaw(sts, sig, key), "the CRT rejects our trailer signature");
            checked++;
        }
        return checked;
    }

    private static int theCrtsChunkedBodyVerifiesWithOurs(Generated g, PayloadSigning mode, ChecksumAlgorithm checksum,
                                                         int chunkSize) throws IOException {
        SignableRequest.Builder b = SignableRequest.builder().method("PUT").uri("https://" + g.host + g.path)
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", Integer.toString(g.body.length));
        if (mode.hasTrailer()) {
            b.header("x-amz-trailer", checksum.headerName());
        }
        SignableRequest request = b.build();
        Crt.Spec spec = g.spec();
        spec.contentShaHeader = true;
        spec.signedBodyValue = mode == PayloadSigning.STREAMING_SIGNED
                ? "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD" : "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER";
        AwsSigningResult seed = Crt.signHeadersResult(request, null, spec);
        String previous = new String(seed.getSignature(), StandardCharsets.US_ASCII);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int signatures = 0;
        for (int off = 0; ; off += chunkSize) {
            int from = Math.min(off, g.body.length);
            int size = Math.min(chunkSize, g.body.length - from);
            byte[] chunk = java.util.Arrays.copyOfRange(g.body, from, from + size);
            previous = Crt.signChunk(chunk, previous, spec);
            signatures++;
            body.write((Integer.toHexString(size) + ";chunk-signature=" + previous + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            body.write(chunk);
            if (size > 0) {
                body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                break;
            }
        }
        if (mode.hasTrailer()) {
            ChecksumAlgorithm.Running running = checksum.newRunning();
            running.update(g.body, 0, g.body.length);
            String value = running.base64();
            String trailerSignature = Crt.signTrailer(List.of(new HttpHeader(checksum.headerName(), value)), previous,
                    spec);
            signatures++;
            body.write((checksum.headerName() + ":" + value + "\r\n" + "x-amz-trailer-signature:" + trailerSignature
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        SignableRequest received = Crt.fromCrt(seed.getSignedRequest(), request.hostHeaderValue(), new byte[0]);
        SigV4aVerifier verifier = SigV4aVerifier.create(SigningConfig.builder().region(g.verifierRegion())
                .service(g.service).build());
        try (InputStream decoded = verifier.verifyStreaming(received, SecretLookup.of(g.credentials), g.time,
                new ByteArrayInputStream(body.toByteArray()))) {
            assertArrayEquals(g.body, decoded.readAllBytes());
        }
        return signatures;
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("no CRLF after " + from);
    }

    /** Checks that the base64 of a CRC32C is what the checksum class writes (the trailer uses it). */
    @Test
    void theTrailerChecksumIsTheBase64OfTheBigEndianCrc() {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
        crc.update(data);
        long v = crc.getValue();
        String expected = Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16),
            (byte) (v >>> 8), (byte) v});
        ChecksumAlgorithm.Running running = ChecksumAlgorithm.CRC32C.newRunning();
        running.update(data, 0, data.length);
        assertEquals(expected, running.base64());
    }

    // ------------------------------------------------------------------ generation

    /** One random request and how to sign it. */
    static final class Generated {
        String method;
        String host;
        String service;
        String regionSet;
        String path;
        String rawQuery;
        final List<String[]> headers = new ArrayList<>();
        byte[] body;
        Credentials credentials;
        Instant time;
        long expires;
        boolean contentShaHeader;
        boolean presign;

        boolean s3() {
            return "s3".equals(service);
        }

        SigningConfig config() {
            return SigningConfig.builder()
                    .credentials(credentials)
                    .service(service)
                    .option(SigV4aOptions.REGION_SET, RegionSet.parse(regionSet))
                    .clock(Clock.fixed(time, ZoneOffset.UTC))
                    .option(SigV4Options.CONTENT_SHA256_HEADER, contentShaHeader)
                    .build();
        }

        /** A region the set covers, for the verifier. */
        String verifierRegion() {
            return regionSet.equals("*") ? "ap-south-1" : regionSet.split(",")[0];
        }

        Crt.Spec spec() {
            Crt.Spec s = new Crt.Spec();
            s.credentials = credentials;
            s.regionSet = regionSet;
            s.service = service;
            s.epochMillis = time.toEpochMilli();
            s.s3 = s3();
            s.contentShaHeader = contentShaHeader;
            s.signedBodyValue = presign && s3() ? "UNSIGNED-PAYLOAD" : null;
            s.expires = expires;
            return s;
        }

        SignableRequest request() {
            SignableRequest.Builder b = SignableRequest.builder().method(method)
                    .uri("https://" + host + path + (rawQuery == null ? "" : "?" + rawQuery));
            for (String[] h : headers) {
                b.header(h[0], h[1]);
            }
            return b.payload(Payload.ofBytes(body)).build();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(presign ? "PRESIGN " : "HEADER ").append(method).append(" https://").append(host).append(path);
            if (rawQuery != null) {
                sb.append('?').append(rawQuery);
            }
            sb.append(" service=").append(service).append(" regionSet=").append(regionSet).append(" time=").append(time)
                    .append(" key=").append(credentials.accessKeyId()).append(" token=")
                    .append(credentials.sessionToken().isPresent()).append(" bodyLength=").append(body.length)
                    .append(" contentShaHeader=").append(contentShaHeader).append(" expires=").append(expires)
                    .append(" headers=");
            for (String[] h : headers) {
                sb.append('{').append(h[0]).append(": '").append(h[1]).append("'}");
            }
            return sb.toString();
        }
    }

    private static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    private static String text(Random r, String[] pieces, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(pick(r, pieces));
        }
        return sb.toString();
    }

    static Generated generate(Random r, List<Credentials> pool) {
        Generated g = new Generated();
        g.method = pick(r, METHODS);
        g.service = pick(r, SERVICES);
        g.host = g.s3() ? "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com" : g.service + ".amazonaws.com";
        g.regionSet = pick(r, REGION_SETS);
        g.credentials = pool.get(r.nextInt(pool.size()));
        g.time = Instant.ofEpochSecond(1_420_070_400L + (long) (r.nextDouble() * 500_000_000L));
        g.expires = 1 + r.nextInt(604_800);
        g.contentShaHeader = g.s3() || r.nextBoolean();
        g.presign = r.nextBoolean();
        // the path: canonically encoded segments (S3 signs the path as sent), with empty, '.' and
        // '..' segments for the services that normalise (never above the root)
        StringBuilder path = new StringBuilder();
        int depth = 0;
        for (int i = 0, n = r.nextInt(5); i < n; i++) {
            int kind = r.nextInt(10);
            if (!g.s3() && kind == 0) {
                path.append("/.");
            } else if (!g.s3() && kind == 1 && depth > 0) {
                path.append("/..");
                depth--;
            } else if (!g.s3() && kind == 2) {
                path.append('/');
            } else {
                path.append('/').append(UriEncoding.encode(text(r, SEGMENT_PIECES, 1 + r.nextInt(4)), false));
                depth++;
            }
        }
        if (path.length() == 0 || r.nextInt(5) == 0) {
            path.append('/');
        }
        g.path = path.toString();
        // the query: encoded names and values, some raw characters both sides read alike, repeats,
        // empty values and names without '='
        int params = r.nextInt(4) == 0 ? 0 : r.nextInt(5);
        if (params > 0) {
            StringBuilder q = new StringBuilder();
            for (int i = 0; i < params; i++) {
                if (i > 0) {
                    q.append('&');
                }
                String name = r.nextInt(5) == 0 ? pick(r, RAW_QUERY_PIECES) + "n"
                        : UriEncoding.encode(text(r, QUERY_PIECES, 1 + r.nextInt(3)), false);
                q.append(name);
                int v = r.nextInt(6);
                if (v == 0) {
                    continue; // no '='
                }
                q.append('=');
                if (v == 1) {
                    continue; // empty value
                }
                q.append(r.nextInt(5) == 0 ? pick(r, RAW_QUERY_PIECES)
                        : UriEncoding.encode(text(r, QUERY_PIECES, r.nextInt(4)), false));
            }
            g.rawQuery = q.toString();
        }
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
            String value = text(r, HEADER_PIECES, 1 + r.nextInt(4));
            g.headers.add(new String[] {pick(r, HEADER_NAMES), value.isBlank() ? "v" : value});
        }
        g.body = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(200)];
        r.nextBytes(g.body);
        return g;
    }

    /** Hex SHA-256 from the JDK's MessageDigest: the oracle's hash is not awssig's own helper. */
    private static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
