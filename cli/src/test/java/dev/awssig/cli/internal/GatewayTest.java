package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.awssig.Credentials;
import dev.awssig.CredentialsProviders;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicy;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4.SigV4Verifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awssig gateway} in this JVM in front of a recording upstream (the JDK's HTTP server on
 * 127.0.0.1) that verifies every forwarded request with the upstream's credentials: what reaches
 * the upstream is signed again, without the client's authentication, with the decoded body; what
 * the gateway refuses never reaches it; the keys file is read again when it changes; one access
 * log line per request, without secrets.
 */
class GatewayTest {
    static final Credentials CLIENT = Credentials.of("AKIDGATEWAYTEST", "client/secret+1");
    static final Credentials UPSTREAM = Credentials.of("AKIDUPSTREAM", "upstream/secret+2");

    /** What the upstream received. */
    static final class Received {
        String method;
        String target;
        Map<String, List<String>> headers;
        byte[] body;
        VerificationResult verified;

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    @TempDir
    Path dir;
    HttpServer upstream;
    Gateway gateway;
    Path keys;
    final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    final List<String> log = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SigV4Verifier verifier = SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build());
        upstream.createContext("/", x -> {
            Received r = new Received();
            r.method = x.getRequestMethod();
            r.target = x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? ""
                    : "?" + x.getRequestURI().getRawQuery());
            r.headers = x.getRequestHeaders();
            r.body = x.getRequestBody().readAllBytes();
            SignableRequest.Builder b = SignableRequest.builder().method(r.method)
                    .uri("http://" + x.getRequestHeaders().getFirst("Host") + r.target).payload(Payload.unsigned());
            x.getRequestHeaders().forEach((k, v) -> v.forEach(value -> b.header(k, value)));
            r.verified = verifier.verify(b.build(), SecretLookup.of(UPSTREAM), Clock.systemUTC().instant());
            received.add(r);
            byte[] answer = ("upstream saw " + r.body.length).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("ETag", "\"etag-1\"");
            x.getResponseHeaders().add("x-amz-version-id", "v1");
            x.sendResponseHeaders(r.verified.isValid() ? 200 : 403, r.method.equals("HEAD") ? -1 : answer.length);
            if (!r.method.equals("HEAD")) {
                x.getResponseBody().write(answer);
            }
            x.close();
        });
        upstream.start();
        keys = dir.resolve("keys.ini");
        Files.writeString(keys, "[client]\naws_access_key_id = " + CLIENT.accessKeyId() + "\naws_secret_access_key = "
                + CLIENT.secretAccessKey() + "\n");
        gateway = Gateway.start(InetSocketAddress.createUnresolved("127.0.0.1", 0),
                URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()), KeysFile.read(keys),
                CredentialsProviders.of(UPSTREAM), "us-east-1", Signers.discover(), log::add, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        upstream.stop(0);
    }

    String uri(String pathAndQuery) {
        return gateway.address() + pathAndQuery;
    }

    static SigV4Signer signer(Credentials c, PayloadSigning mode) {
        return SigV4Signer.create(SigningConfig.builder().credentials(c).region("us-east-1").service("s3")
                .option(SigV4Options.PAYLOAD_SIGNING, mode).option(SigV4Options.CHUNK_SIZE, 8192)
                .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC64NVME).build());
    }

    HttpResponse<String> send(SignedRequest s) throws Exception {
        byte[] body;
        try (InputStream in = s.request().payload().kind() == Payload.Kind.BYTES
                || s.request().payload().kind() == Payload.Kind.STREAM ? s.request().payload().openStream()
                : InputStream.nullInputStream()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.request().uri()))
                .method(s.request().method(), body.length == 0 && !s.request().method().equals("PUT")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        s.request().headers().entries().forEach(h -> {
            String n = h.name().toLowerCase(Locale.ROOT);
            if (!n.equals("host") && !n.equals("content-length")) {
                b.header(h.name(), h.value());
            }
        });
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void verifiedRequestsReachTheUpstreamSignedWithItsCredentials() throws Exception {
        byte[] data = new byte[30_000];
        new Random(1).nextBytes(data);
        HttpResponse<String> put = send(signer(CLIENT, PayloadSigning.SIGNED).sign(SignableRequest.builder()
                .method("PUT").uri(uri("/bucket/a%20b/c.bin")).header("x-amz-meta-color", "blue")
                .payload(Payload.ofBytes(data)).build()));
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("upstream saw 30000", put.body());
        assertEquals("\"etag-1\"", put.headers().firstValue("etag").orElse(null));
        Received r = received.poll();
        assertTrue(r.verified.isValid(), r.verified.toString());
        assertEquals(UPSTREAM.accessKeyId(), r.verified.accessKeyId().orElseThrow());
        assertEquals("/bucket/a%20b/c.bin", r.target);
        assertEquals("UNSIGNED-PAYLOAD", r.header("x-amz-content-sha256"));
        assertEquals("blue", r.header("x-amz-meta-color"));
        assertArrayEquals(data, r.body);

        // aws-chunked, CRC64NVME trailer: decoded at the gateway, sent on as a plain body
        HttpResponse<String> chunked = send(signer(CLIENT, PayloadSigning.STREAMING_SIGNED_TRAILER).sign(
                SignableRequest.builder().method("PUT").uri(uri("/bucket/chunked")).payload(Payload.ofBytes(data)).build()));
        assertEquals(200, chunked.statusCode(), chunked.body());
        r = received.poll();
        assertTrue(r.verified.isValid(), r.verified.toString());
        assertArrayEquals(data, r.body);
        assertEquals("30000", r.header("Content-Length"));
        assertNull(r.header("x-amz-decoded-content-length"));
        assertNull(r.header("x-amz-trailer"));
        assertNull(r.header("Content-Encoding"));

        // presigned: the client's authentication parameters stay at the gateway
        PresignedUrl url = signer(CLIENT, PayloadSigning.UNSIGNED).presign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/a%20b/c.bin?response-content-type=text%2Fplain")).build(), Duration.ofMinutes(5));
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(url.url())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode(), get.body());
        r = received.poll();
        assertEquals("/bucket/a%20b/c.bin?response-content-type=text%2Fplain", r.target);
        assertTrue(r.verified.isValid(), r.verified.toString());

        for (long until = System.nanoTime() + 5_000_000_000L; log.size() < 3 && System.nanoTime() < until;) {
            Thread.sleep(20); // a line is written once the answer is sent
        }
        String line = log.get(0);
        assertTrue(line.contains(" " + CLIENT.accessKeyId() + " SIGV4_HEADER PUT /bucket/a%20b/c.bin 200 - in=30000 out=18 ms="),
                line);
        assertTrue(log.get(1).contains(" SIGV4_STREAMING_SIGNED_TRAILER PUT /bucket/chunked 200 "), log.get(1));
        assertTrue(log.get(2).contains(" SIGV4_PRESIGNED GET /bucket/a%20b/c.bin 200 "), log.get(2));
        for (String l : log) {
            assertFalse(l.contains(CLIENT.secretAccessKey()) || l.contains(UPSTREAM.secretAccessKey())
                    || l.contains("X-Amz-Signature") || l.contains(url.signature()), l);
        }
    }

    @Test
    void refusedRequestsNeverReachTheUpstream() throws Exception {
        HttpResponse<String> wrong = send(signer(Credentials.of(CLIENT.accessKeyId(), "wrong"), PayloadSigning.SIGNED)
                .sign(SignableRequest.builder().method("GET").uri(uri("/bucket/x")).build()));
        assertEquals(403, wrong.statusCode());
        assertTrue(wrong.body().contains("<Code>SignatureDoesNotMatch</Code>"), wrong.body());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(uri("/bucket/x"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, anonymous.statusCode());
        assertTrue(anonymous.body().contains("<Code>AccessDenied</Code>"), anonymous.body());
        assertTrue(received.isEmpty());
        for (long until = System.nanoTime() + 5_000_000_000L; log.size() < 2 && System.nanoTime() < until;) {
            Thread.sleep(20);
        }
        assertTrue(log.get(0).contains(" " + CLIENT.accessKeyId() + " SIGV4_HEADER GET /bucket/x 403"
                + " SignatureDoesNotMatch "), log.get(0));
        assertTrue(log.get(1).contains(" - - GET /bucket/x 403 AccessDenied "), log.get(1));
    }

    @Test
    void theKeysFileIsReadAgainWhenItChanges() throws Exception {
        Credentials next = Credentials.of("AKIDROTATED", "rotated/secret");
        Files.writeString(keys, "[next]\naws_access_key_id = " + next.accessKeyId() + "\naws_secret_access_key = "
                + next.secretAccessKey() + "\n\n# a comment\n");
        Files.setLastModifiedTime(keys, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = send(signer(next, PayloadSigning.SIGNED).sign(SignableRequest.builder().method("GET")
                    .uri(uri("/bucket/x")).build())).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertEquals(200, status);
        HttpResponse<String> old = send(signer(CLIENT, PayloadSigning.SIGNED).sign(SignableRequest.builder()
                .method("GET").uri(uri("/bucket/x")).build()));
        assertEquals(403, old.statusCode());
        assertTrue(old.body().contains("<Code>InvalidAccessKeyId</Code>"), old.body());

        // a broken file leaves the keys in force
        Files.writeString(keys, "[broken\naws_access_key_id\n");
        Files.setLastModifiedTime(keys, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 9000));
        Thread.sleep(1200);
        assertEquals(200, send(signer(next, PayloadSigning.SIGNED).sign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/x")).build())).statusCode());
    }

    @Test
    void aBrowserPostUploadGoesOnAsAPutOfItsFile() throws Exception {
        PostPolicy policy = PostPolicy.builder().expiration(Clock.systemUTC().instant().plusSeconds(600))
                .keyStartsWith("up/").contentLengthRange(1, 1000).successActionStatus(201).contentType("text/plain")
                .build();
        PostForm form = PostFormSigner.v4(SigningConfig.builder().credentials(CLIENT).region("us-east-1").build())
                .sign(PostFormRequest.builder().bucket("bucket").key("up/${filename}").policy(policy)
                        .field("success_action_status", "201").field("Content-Type", "text/plain")
                        .endpoint(URI.create(gateway.address().toString())).pathStyle(true).build());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (PostForm.Field f : form.fields()) {
            body.writeBytes(("--XyZ\r\nContent-Disposition: form-data; name=\"" + f.name() + "\"\r\n\r\n" + f.value()
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"n.txt\"\r\n\r\nnote\r\n--XyZ--\r\n"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri("/bucket")))
                .header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(r.body().contains("<Key>up/n.txt</Key>") && r.body().contains("<ETag>\"etag-1\"</ETag>"), r.body());
        Received put = received.poll();
        assertEquals("PUT", put.method);
        assertEquals("/bucket/up/n.txt", put.target);
        assertEquals("text/plain", put.header("Content-Type"));
        assertEquals("note", new String(put.body, StandardCharsets.UTF_8));
        assertTrue(put.verified.isValid(), put.verified.toString());
    }

    @Test
    void theCommandNamesItsMistakes(@TempDir Path home) {
        CliHarness h = CliHarness.withCredentials(home);
        CliHarness.Result missing = h.run("gateway", "--listen", "127.0.0.1:0", "--upstream", "http://127.0.0.1:9",
                "--keys", home.resolve("none.ini").toString());
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("--keys: no such file"), missing.err);
        CliHarness.Result listen = h.run("gateway", "--listen", "localhost", "--upstream", "http://127.0.0.1:9",
                "--keys", keys.toString());
        assertEquals(2, listen.code);
        assertTrue(listen.err.contains("--listen: must be HOST:PORT"), listen.err);
        CliHarness.Result up = h.run("gateway", "--listen", "127.0.0.1:0", "--upstream", "ftp://x/y", "--keys",
                keys.toString());
        assertEquals(2, up.code);
        assertTrue(up.err.contains("--upstream: must be http(s)://host[:port]"), up.err);
    }
}
