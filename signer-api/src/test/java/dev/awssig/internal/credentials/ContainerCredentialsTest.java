package dev.awssig.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ECS and EKS Pod Identity container credentials against a fake endpoint on 127.0.0.1. */
class ContainerCredentialsTest {
    static final String SECRET = "containerSecretEXAMPLEKEYwJalrXUtnFEMI";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjContainerTokenEXAMPLE";
    static final String AUTH = "eks-pod-identity-token-EXAMPLE";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    final TestClock clock = new TestClock(NOW);
    FakeServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String json(String id) {
        return "{\"AccessKeyId\":\"" + id + "\",\"SecretAccessKey\":\"" + SECRET + "\",\"Token\":\"" + SESSION_TOKEN
                + "\",\"Expiration\":\"" + NOW.plus(Duration.ofHours(1)) + "\",\"AccountId\":\"123456789012\"}";
    }

    /** A generous answer timeout (see {@code InstanceMetadataTest.env}), and the given variables. */
    CredentialsEnvironment env(String... kv) {
        List<String> all = new ArrayList<>(List.of("AWS_METADATA_SERVICE_TIMEOUT", "5"));
        all.addAll(List.of(kv));
        return clock.environment(all.toArray(new String[0]));
    }

    static void assertNoSecret(String message) {
        assertFalse(message.contains(SECRET) || message.contains(SESSION_TOKEN) || message.contains(AUTH),
                () -> "leaks a secret: " + message);
    }

    @Test
    void fullUriOnLoopbackWithTheAuthorizationToken() throws IOException {
        server = FakeServer.start(r -> AUTH.equals(r.header("Authorization"))
                ? FakeServer.reply(200, json("ASIAPODIDENTITY")) : FakeServer.reply(401, ""));
        Credentials c = CredentialsProviders.container(env("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                server.url() + "/v1/credentials", "AWS_CONTAINER_AUTHORIZATION_TOKEN", AUTH)).resolveCredentials();
        assertEquals("ASIAPODIDENTITY", c.accessKeyId());
        assertEquals(SECRET, c.secretAccessKey());
        assertEquals(SESSION_TOKEN, c.sessionToken().orElseThrow());
        assertEquals(NOW.plus(Duration.ofHours(1)), c.expiration().orElseThrow());
        assertEquals("[GET /v1/credentials]", server.requests().toString());
    }

    @Test
    void theTokenFileWinsOverTheVariableAndIsReadAtEachFetch() throws IOException {
        server = FakeServer.start(r -> FakeServer.reply(200, json("ASIAFROMFILE")));
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, AUTH + "\n");
        CredentialsEnvironment env = env("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/creds",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored");
        var p = CredentialsProviders.container(env);
        p.resolveCredentials();
        Files.writeString(tokenFile, "rotated-token");
        clock.advance(Duration.ofMinutes(56));
        p.resolveCredentials();
        assertEquals(AUTH, server.requests().get(0).header("Authorization"));
        assertEquals("rotated-token", server.requests().get(1).header("Authorization"));
    }

    @Test
    void relativeUriOnTheEcsHostWhichTheServiceEndpointVariableMoves() throws IOException {
        server = FakeServer.start(r -> FakeServer.reply(200, json("ASIAECSTASK")));
        CredentialsEnvironment env = env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc-123",
                "AWS_CONTAINER_SERVICE_ENDPOINT", server.url());
        assertEquals("ASIAECSTASK", CredentialsProviders.container(env).resolveCredentials().accessKeyId());
        assertEquals("[GET /v2/credentials/abc-123]", server.requests().toString());
        assertNull(server.requests().get(0).header("Authorization"));
        assertEquals("http://169.254.170.2/v2/credentials/abc-123", new ContainerCredentialsProvider(
                env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc-123")).uri().toString());
    }

    @Test
    void httpFullUriMustBeLoopbackOrAContainerEndpoint() {
        for (String ok : new String[] {"http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]/x",
            "http://169.254.170.2/x", "http://169.254.170.23/v1/credentials", "http://[fd00:ec2::23]/v1/credentials",
            "https://creds.example.com/x"}) {
            assertEquals(ok, new ContainerCredentialsProvider(env("AWS_CONTAINER_CREDENTIALS_FULL_URI", ok)).uri()
                    .toString());
        }
        for (String bad : new String[] {"http://192.0.2.10/creds", "http://169.254.169.254/latest"}) {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.container(env("AWS_CONTAINER_CREDENTIALS_FULL_URI", bad))
                            .resolveCredentials());
            assertTrue(e.getMessage().startsWith("AWS_CONTAINER_CREDENTIALS_FULL_URI names host '"), e.getMessage());
            assertTrue(e.getMessage().contains("only a loopback host, 169.254.170.2, 169.254.170.23 or fd00:ec2::23"),
                    e.getMessage());
        }
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.container(env("AWS_CONTAINER_CREDENTIALS_FULL_URI", "file:///etc/passwd"))
                        .resolveCredentials());
        assertTrue(e.getMessage().contains("must be an http:// or https:// URL"), e.getMessage());
    }

    @Test
    void nothingSetSaysWhichVariables() {
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.container(env()).resolveCredentials());
        assertEquals("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set",
                e.getMessage());
    }

    @Test
    void aTokenWithALineBreakIsRefusedWithoutEchoingIt() throws IOException {
        server = FakeServer.start(r -> FakeServer.reply(200, json("ASIAX")));
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.container(env("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url(),
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN", AUTH + "\r\nX-Injected: 1")).resolveCredentials());
        assertEquals("container credentials: AWS_CONTAINER_AUTHORIZATION_TOKEN contains control characters (CR, LF, ...)",
                e.getMessage());
        assertEquals(0, server.requests().size());
    }

    @Test
    void anErrorAnswerIsNamedWithItsCode() throws IOException {
        server = FakeServer.start(r -> FakeServer.reply(403,
                "{\"code\":\"AccessDenied\",\"message\":\"token does not match\"}"));
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.container(env("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url() + "/c",
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN", AUTH)).resolveCredentials());
        assertEquals("container credentials at " + server.url() + ": GET /c answered HTTP 403 AccessDenied: token does"
                + " not match (check AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE / AWS_CONTAINER_AUTHORIZATION_TOKEN)",
                e.getMessage());
        assertNoSecret(e.getMessage());
    }

    @Test
    void aMalformedAnswerIsNamedWithoutEchoingIt() throws IOException {
        server = FakeServer.start(r -> FakeServer.reply(200, "AccessKeyId=ASIAX SecretAccessKey=" + SECRET));
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.container(env("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url()))
                        .resolveCredentials());
        assertTrue(e.getMessage().contains("the answer is not a JSON object"), e.getMessage());
        assertNoSecret(e.getMessage());
    }
}
