package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v4.SigV4Verifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awssig presign} picks up the credentials of the default chain where applications run: a
 * fake IMDSv2 and a fake container endpoint on 127.0.0.1, a {@code credential_process}; the URL
 * carries the temporary key and token and verifies with the fake's secret. And {@code HOME} moves
 * {@code ~/.aws}, in a real {@code awssig} process.
 */
class CredentialSourcesTest {
    static final String SECRET = "fakeEndpointSecretEXAMPLEKEYwJalrXUtnFEMI";
    static final String TOKEN = "IQoJb3JpZ2luX2VjFakeEndpointToken/+=EXAMPLE";
    static final String IMDS_TOKEN = "AQAEAFakeImdsSessionTokenEXAMPLE==";

    @TempDir
    Path home;

    HttpServer server;
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A fake endpoint: the handler answers {status, body} for "METHOD /path header-of-interest". */
    String serve(Function<String[], String[]> handler, String header) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String[] req = {exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst(header)};
                requests.add(req[0] + " " + req[1]);
                String[] answer = handler.apply(req);
                byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String credentialsJson(String id, String tokenName, Instant expiration) {
        return "{\"Code\":\"Success\",\"AccessKeyId\":\"" + id + "\",\"SecretAccessKey\":\"" + SECRET + "\",\""
                + tokenName + "\":\"" + TOKEN + "\",\"Expiration\":\"" + expiration + "\"}";
    }

    /** The presigned URL verifies with the temporary credentials and carries their key and token. */
    static void assertSignedWith(String accessKeyId, String url) {
        assertTrue(url.startsWith("https://examplebucket.s3.amazonaws.com/test.txt?"), url);
        assertTrue(url.contains("X-Amz-Credential=" + accessKeyId + "%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"),
                url);
        assertTrue(url.contains("X-Amz-Security-Token=" + UriEncoding.encode(TOKEN, false) + "&"), url);
        VerificationResult r = SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build())
                .verify(SignableRequest.builder().method("GET").uri(url).header("Host",
                        "examplebucket.s3.amazonaws.com").build(),
                        SecretLookup.of(Credentials.of(accessKeyId, SECRET, TOKEN)), CliHarness.NOW);
        assertTrue(r.isValid(), r::toString);
    }

    @Test
    void presignWithInstanceMetadata() throws IOException {
        String endpoint = serve(req -> {
            if (req[0].equals("PUT")) {
                return new String[] {"200", IMDS_TOKEN};
            }
            if (!IMDS_TOKEN.equals(req[2])) {
                return new String[] {"401", ""};
            }
            return req[1].endsWith("/security-credentials/") ? new String[] {"200", "web-role"}
                    : new String[] {"200", credentialsJson("ASIAFAKEIMDS", "Token",
                            CliHarness.NOW.plus(Duration.ofHours(6)))};
        }, "X-aws-ec2-metadata-token");
        CliHarness h = new CliHarness(home);
        h.env.put("AWS_METADATA_SERVICE_TIMEOUT", "5"); // a loaded build machine: no retry to count
        h.env.remove("AWS_EC2_METADATA_DISABLED");
        h.env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint);
        CliHarness.Result r = h.run("presign", "s3://examplebucket/test.txt");
        assertEquals(0, r.code, r::toString);
        assertSignedWith("ASIAFAKEIMDS", r.out.strip());
        assertEquals("", r.err);
        assertEquals(List.of("PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
                "GET /latest/meta-data/iam/security-credentials/web-role"), requests);
    }

    @Test
    void presignWithContainerCredentialsFullUri() throws IOException {
        String endpoint = serve(req -> "pod-identity-token".equals(req[2])
                ? new String[] {"200", credentialsJson("ASIAFAKEPOD", "Token", CliHarness.NOW.plus(Duration.ofHours(1)))}
                : new String[] {"401", "{\"code\":\"Unauthorized\"}"}, "Authorization");
        CliHarness h = new CliHarness(home);
        h.env.put("AWS_METADATA_SERVICE_TIMEOUT", "5"); // a loaded build machine: no retry to count
        h.env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint + "/v1/credentials");
        h.env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "pod-identity-token");
        CliHarness.Result r = h.run("presign", "s3://examplebucket/test.txt");
        assertEquals(0, r.code, r::toString);
        assertSignedWith("ASIAFAKEPOD", r.out.strip());
        assertEquals(List.of("GET /v1/credentials"), requests);
    }

    /** The default profile's credential_process prints credentials that live this long from the harness's now. */
    CliHarness processProfile(Duration lifetime) throws IOException {
        Path json = home.resolve("creds.json");
        Files.writeString(json, "{\"Version\": 1, " + credentialsJson("ASIAFAKEPROCESS", "SessionToken",
                CliHarness.NOW.plus(lifetime)).substring(1));
        return new CliHarness(home).profileFile("[default]\ncredential_process = cat '" + json + "'\n");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void presignWithCredentialProcess() throws IOException {
        CliHarness h = processProfile(Duration.ofHours(1));
        CliHarness.Result r = h.run("presign", "s3://examplebucket/test.txt");
        assertEquals(0, r.code, r::toString);
        assertSignedWith("ASIAFAKEPROCESS", r.out.strip());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void presignWarnsWhenTheUrlOutlivesTheCredentials() throws IOException {
        CliHarness h = processProfile(Duration.ofMinutes(30));
        CliHarness.Result r = h.run("presign", "s3://examplebucket/test.txt", "--expires", "12h");
        assertEquals(0, r.code, r::toString);
        assertSignedWith("ASIAFAKEPROCESS", r.out.strip());
        assertTrue(r.err.startsWith("awssig presign: warning: the credentials (ASIAFAKEPROCESS) expire at"
                + " 2013-05-24T00:30:00Z, before this URL would (at 2013-05-24T12:00:00Z)"), r::toString);
        assertFalse(r.err.contains(SECRET) || r.err.contains(TOKEN), r::toString);
        CliHarness.Result json2 = h.run("presign", "s3://examplebucket/test.txt", "--expires", "12h", "--json");
        assertTrue(json2.out.contains("\"warnings\" : [ \"the credentials (ASIAFAKEPROCESS) expire at"), json2::toString);
    }

    /** A real {@code awssig} process finds the profile under {@code $HOME}, not under {@code user.home}. */
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void homeVariableMovesTheSharedFilesInARealProcess() throws Exception {
        Path someDir = Files.createDirectories(home.resolve("some/dir/.aws"));
        Files.writeString(someDir.resolve("credentials"), "[default]\naws_access_key_id = AKIDFROMHOME\n"
                + "aws_secret_access_key = secretFromHome\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Duser.home=" + home.resolve("elsewhere"),
                "-cp", System.getProperty("java.class.path"), "dev.awssig.cli.Main", "presign",
                "s3://examplebucket/test.txt", "--time", "20130524T000000Z", "--region", "us-east-1");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", home.resolve("some/dir").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("X-Amz-Credential=AKIDFROMHOME%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"), out);
    }
}
