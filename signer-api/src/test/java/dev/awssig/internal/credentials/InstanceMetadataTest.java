package dev.awssig.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.CredentialsProviders;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** IMDSv2 against a fake instance metadata service on 127.0.0.1. */
class InstanceMetadataTest {
    static final String IMDS_TOKEN = "AQAEAFakeImdsSessionToken-EXAMPLE==";
    static final String SECRET = "imdsSecretEXAMPLEKEYwJalrXUtnFEMIK7MDENG";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEFakeSessionTokenEXAMPLE//////////";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String CREDS = "/latest/meta-data/iam/security-credentials/";

    final TestClock clock = new TestClock(NOW);
    final AtomicInteger keyVersion = new AtomicInteger(1);
    FakeServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String credentialsJson(String id, Instant expiration) {
        return "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-03-01T09:55:00Z\",\n  \"Type\" : \"AWS-HMAC\",\n"
                + "  \"AccessKeyId\" : \"" + id + "\",\n  \"SecretAccessKey\" : \"" + SECRET + "\",\n"
                + "  \"Token\" : \"" + SESSION_TOKEN + "\",\n  \"Expiration\" : \"" + expiration + "\"\n}";
    }

    /** A well-behaved IMDSv2: token PUT with a TTL, then role and credentials with the token. */
    FakeServer.Reply imdsV2(FakeServer.Request r) {
        if (r.method.equals("PUT") && r.path.equals("/latest/api/token")) {
            return "21600".equals(r.header("X-aws-ec2-metadata-token-ttl-seconds"))
                    ? FakeServer.reply(200, IMDS_TOKEN) : FakeServer.reply(400, "missing TTL");
        }
        if (!IMDS_TOKEN.equals(r.header("X-aws-ec2-metadata-token"))) {
            return FakeServer.reply(401, "");
        }
        if (r.method.equals("GET") && r.path.equals(CREDS)) {
            return FakeServer.reply(200, "awssig-test-role\n");
        }
        if (r.method.equals("GET") && r.path.equals(CREDS + "awssig-test-role")) {
            return FakeServer.reply(200, credentialsJson("ASIAIMDS" + keyVersion.get() + "EXAMPLE",
                    clock.instant().plus(Duration.ofHours(6))));
        }
        return FakeServer.reply(404, "");
    }

    /**
     * The fake's endpoint, and a generous answer timeout: on a loaded build machine the first
     * exchange of a fresh HTTP client can take longer than the default second, and a retry would
     * upset the tests that count requests. The default timeout has its own test.
     */
    CredentialsEnvironment env(String... kv) {
        List<String> all = new ArrayList<>(List.of("AWS_METADATA_SERVICE_TIMEOUT", "5"));
        all.addAll(List.of(kv));
        all.addAll(List.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()));
        return clock.environment(all.toArray(new String[0]));
    }

    static void assertNoSecret(String message) {
        assertFalse(message.contains(SECRET), () -> "leaks the secret: " + message);
        assertFalse(message.contains(SESSION_TOKEN), () -> "leaks the session token: " + message);
        assertFalse(message.contains(IMDS_TOKEN), () -> "leaks the IMDS token: " + message);
    }

    @Test
    void tokenThenRoleThenCredentialsEachWithTheToken() throws IOException {
        server = FakeServer.start(this::imdsV2);
        Credentials c = CredentialsProviders.instanceMetadata(env()).resolveCredentials();
        assertEquals("ASIAIMDS1EXAMPLE", c.accessKeyId());
        assertEquals(SECRET, c.secretAccessKey());
        assertEquals(SESSION_TOKEN, c.sessionToken().orElseThrow());
        assertEquals(NOW.plus(Duration.ofHours(6)), c.expiration().orElseThrow());
        List<FakeServer.Request> got = server.requests();
        assertEquals("[PUT /latest/api/token, GET " + CREDS + ", GET " + CREDS + "awssig-test-role]", got.toString());
        assertNull(got.get(0).header("X-aws-ec2-metadata-token"));
        assertEquals(IMDS_TOKEN, got.get(1).header("X-aws-ec2-metadata-token"));
        assertEquals(IMDS_TOKEN, got.get(2).header("X-aws-ec2-metadata-token"));
    }

    @Test
    void cachedUntilTheRefreshIsDueThenFetchedAgain() throws IOException {
        server = FakeServer.start(this::imdsV2);
        CredentialsProvider p = CredentialsProviders.instanceMetadata(env());
        assertEquals("ASIAIMDS1EXAMPLE", p.resolveCredentials().accessKeyId());
        clock.advance(Duration.ofHours(5));
        keyVersion.set(2);
        assertEquals("ASIAIMDS1EXAMPLE", p.resolveCredentials().accessKeyId(), "still an hour left: cached");
        assertEquals(3, server.requests().size());
        clock.advance(Duration.ofMinutes(56)); // 4 minutes before expiry: within refresh-ahead, whatever the jitter
        assertEquals("ASIAIMDS2EXAMPLE", p.resolveCredentials().accessKeyId());
        assertEquals(6, server.requests().size(), "a new token, the role and the credentials");
    }

    @Test
    void disabledByTheVariableOrTheSystemProperty() throws IOException {
        server = FakeServer.start(this::imdsV2);
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.instanceMetadata(env("AWS_EC2_METADATA_DISABLED", "TRUE"))
                        .resolveCredentials());
        assertEquals("disabled (AWS_EC2_METADATA_DISABLED=true)", e.getMessage());
        java.util.Properties props = new java.util.Properties();
        props.setProperty("aws.disableEc2Metadata", "true");
        CredentialsEnvironment viaProperty = CredentialsEnvironment.builder()
                .environment(Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url())).systemProperties(props)
                .clock(clock).build();
        assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.instanceMetadata(viaProperty).resolveCredentials());
        assertEquals(0, server.requests().size());
    }

    @Test
    void endpointFromTheVariableOrTheMode() throws IOException {
        server = FakeServer.start(this::imdsV2);
        assertEquals(server.url(), new InstanceMetadataCredentialsProvider(env()).endpoint());
        CredentialsEnvironment none = CredentialsEnvironment.builder().clock(clock).build();
        assertEquals("http://169.254.169.254", new InstanceMetadataCredentialsProvider(none).endpoint());
        CredentialsEnvironment v6 = CredentialsEnvironment.builder()
                .environment(Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")).clock(clock).build();
        assertEquals("http://[fd00:ec2::254]", new InstanceMetadataCredentialsProvider(v6).endpoint());
        CredentialsEnvironment bad = CredentialsEnvironment.builder()
                .environment(Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5")).clock(clock).build();
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> new InstanceMetadataCredentialsProvider(bad).resolveCredentials());
        assertEquals("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE must be IPv4 or IPv6, was 'IPv5'",
                e.getMessage());
        CredentialsEnvironment notUrl = CredentialsEnvironment.builder()
                .environment(Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", "169.254.169.254")).clock(clock).build();
        e = assertThrows(CredentialsNotFoundException.class,
                () -> new InstanceMetadataCredentialsProvider(notUrl).resolveCredentials());
        assertTrue(e.getMessage().contains("AWS_EC2_METADATA_SERVICE_ENDPOINT must be an http:// or https:// URL"),
                e.getMessage());
    }

    @Test
    void imdsV1WhenTheTokenRequestIsNotSupportedUnlessForbidden() throws IOException {
        server = FakeServer.start(r -> {
            if (r.method.equals("PUT")) {
                return FakeServer.reply(405, "");
            }
            if (r.header("X-aws-ec2-metadata-token") != null) {
                return FakeServer.reply(400, "");
            }
            return r.path.equals(CREDS) ? FakeServer.reply(200, "awssig-test-role")
                    : FakeServer.reply(200, credentialsJson("ASIAIMDSV1EXAMPLE", NOW.plus(Duration.ofHours(1))));
        });
        assertEquals("ASIAIMDSV1EXAMPLE", CredentialsProviders.instanceMetadata(env()).resolveCredentials()
                .accessKeyId());
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.instanceMetadata(env("AWS_EC2_METADATA_V1_DISABLED", "true"))
                        .resolveCredentials());
        assertEquals("instance metadata at " + server.url() + ": the session token request (IMDSv2)"
                + " answered HTTP 405 and AWS_EC2_METADATA_V1_DISABLED=true forbids IMDSv1", e.getMessage());
    }

    @Test
    void retriesOnceAfterAServerError() throws IOException {
        AtomicInteger credentialCalls = new AtomicInteger();
        server = FakeServer.start(r -> {
            if (r.path.endsWith("awssig-test-role") && credentialCalls.incrementAndGet() == 1) {
                return FakeServer.reply(503, "busy");
            }
            return imdsV2(r);
        });
        assertEquals("ASIAIMDS1EXAMPLE", CredentialsProviders.instanceMetadata(env()).resolveCredentials()
                .accessKeyId());
        assertEquals(2, credentialCalls.get());
    }

    @Test
    void anEndpointThatDoesNotAnswerIsGivenUpAfterTwoShortAttempts() throws IOException {
        server = FakeServer.start(r -> {
            Thread.sleep(10_000);
            return FakeServer.reply(200, "");
        });
        long start = System.nanoTime();
        CredentialsEnvironment defaults = clock.environment("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url());
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.instanceMetadata(defaults).resolveCredentials());
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals("instance metadata at " + server.url() + ": no answer from PUT " + server.url()
                + "/latest/api/token (no answer within 1000 ms, 2 attempts)", e.getMessage());
        assertEquals(2, server.requests().size());
        assertTrue(seconds < 8, "gave up after " + seconds + " s");
    }

    @Test
    void theSdkVariablesSetTheTimeoutAndTheAttempts() throws IOException {
        server = FakeServer.start(r -> {
            Thread.sleep(10_000);
            return FakeServer.reply(200, "");
        });
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.instanceMetadata(clock.environment("AWS_EC2_METADATA_SERVICE_ENDPOINT",
                        server.url(), "AWS_METADATA_SERVICE_TIMEOUT", "0.2", "AWS_METADATA_SERVICE_NUM_ATTEMPTS", "1"))
                        .resolveCredentials());
        assertTrue(e.getMessage().endsWith("(no answer within 200 ms, 1 attempt)"), e.getMessage());
        assertEquals(1, server.requests().size());
        String[][] bad = {{"AWS_METADATA_SERVICE_TIMEOUT", "soon",
            "AWS_METADATA_SERVICE_TIMEOUT must be a number of seconds (0.001 to 3600), was 'soon'"},
            {"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "0", "AWS_METADATA_SERVICE_NUM_ATTEMPTS must be 1 to 10, was '0'"}};
        for (String[] b : bad) {
            e = assertThrows(CredentialsNotFoundException.class, () -> CredentialsProviders.instanceMetadata(
                    clock.environment("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url(), b[0], b[1]))
                    .resolveCredentials());
            assertEquals(b[2], e.getMessage());
        }
    }

    @Test
    void aClosedPortIsGivenUpAtOnce() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CredentialsEnvironment closed = CredentialsEnvironment.builder()
                .environment(Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + port)).clock(clock)
                .build();
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.instanceMetadata(closed).resolveCredentials());
        assertTrue(e.getMessage().endsWith("(connection refused or unreachable, 2 attempts)"), e.getMessage());
    }

    @Test
    void anInstanceWithoutRoleSaysSo() throws IOException {
        server = FakeServer.start(r -> r.path.equals(CREDS) ? FakeServer.reply(404, "") : imdsV2(r));
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.instanceMetadata(env()).resolveCredentials());
        assertTrue(e.getMessage().endsWith("the instance has no IAM role (HTTP 404 for " + CREDS + ")"),
                e.getMessage());
    }

    @Test
    void aRefusedTokenIsNamed() throws IOException {
        server = FakeServer.start(r -> r.method.equals("PUT") ? FakeServer.reply(200, "not-the-token") : imdsV2(r));
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.instanceMetadata(env()).resolveCredentials());
        assertTrue(e.getMessage().endsWith("GET " + CREDS + " answered HTTP 401 (the session token was refused)"),
                e.getMessage());
    }

    @Test
    void malformedOrFailedAnswersAreNamedWithoutEchoingThem() throws IOException {
        String[] bodies = {
            "{\"AccessKeyId\": \"ASIAX\", \"SecretAccessKey\": \"" + SECRET + "\", \"Token\": \"" + SESSION_TOKEN,
            "{\"Code\": \"AssumeRoleUnauthorizedAccess\", \"SecretAccessKey\": \"" + SECRET + "\"}",
            "{\"Code\": \"Success\", \"SecretAccessKey\": \"" + SECRET + "\", \"Token\": \"" + SESSION_TOKEN + "\"}",
            "{\"Code\": \"Success\", \"AccessKeyId\": \"ASIAX\", \"SecretAccessKey\": \"" + SECRET
                + "\", \"Expiration\": \"tomorrow\"}",
            "{\"Code\": \"Success\", \"AccessKeyId\": \"ASIAX\", \"SecretAccessKey\": \"" + SECRET
                + "\", \"Expiration\": \"2026-03-01T09:00:00Z\"}",
        };
        String[] expected = {
            "the answer is not a JSON object (malformed JSON at character",
            "are not available (Code AssumeRoleUnauthorizedAccess)",
            "the answer is incomplete: AccessKeyId not set (SecretAccessKey is set)",
            "Expiration is not an ISO 8601 time: 'tomorrow'",
            "returned credentials that expired at 2026-03-01T09:00:00Z (now 2026-03-01T10:00:00Z)",
        };
        for (int i = 0; i < bodies.length; i++) {
            String body = bodies[i];
            try (FakeServer s = FakeServer.start(r -> r.path.endsWith("awssig-test-role")
                    ? FakeServer.reply(200, body) : imdsV2(r))) {
                server = s;
                CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                        () -> CredentialsProviders.instanceMetadata(env()).resolveCredentials());
                assertTrue(e.getMessage().contains(expected[i]), e.getMessage());
                assertNoSecret(e.getMessage());
            }
            server = null;
        }
    }
}
