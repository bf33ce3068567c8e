package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.CredentialsProviders;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.v4.SigV4Verifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles that assume a role call STS {@code AssumeRole} signed with awssig's own SigV4 signer,
 * found through the SPI: a fake STS on 127.0.0.1 checks every call's signature with
 * {@link SigV4Verifier} against the source credentials before it hands out the role's.
 */
class AssumeRoleTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Credentials BASE = Credentials.of("AKIDBASEEXAMPLE", "baseSecretEXAMPLEKEYwJalrXUtnFEMI");
    static final Credentials ENV = Credentials.of("AKIDENVEXAMPLE", "envSecretEXAMPLEKEYwJalrXUtnFEMI");
    static final String ROLE = "arn:aws:iam::123456789012:role/admin";
    static final String ROLE2 = "arn:aws:iam::210987654321:role/deploy";

    @TempDir
    Path home;

    HttpServer sts;
    String stsUrl;
    /** Every credential the fake STS handed out, so that a chained call can be verified too. */
    final Map<String, String> secrets = Collections.synchronizedMap(new HashMap<>());
    final List<Map<String, String>> calls = Collections.synchronizedList(new ArrayList<>());
    final List<String> signingRegions = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        secrets.put(BASE.accessKeyId(), BASE.secretAccessKey());
        secrets.put(ENV.accessKeyId(), ENV.secretAccessKey());
        sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sts.createContext("/", this::handle);
        sts.start();
        stsUrl = "http://127.0.0.1:" + sts.getAddress().getPort();
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[base]\naws_access_key_id = " + BASE.accessKeyId()
                + "\naws_secret_access_key = " + BASE.secretAccessKey() + "\n");
        Files.writeString(home.resolve(".aws/config"), "[profile admin]\nrole_arn = " + ROLE + "\n"
                + "source_profile = base\nexternal_id = ext-123\nduration_seconds = 1800\n"
                + "role_session_name = it-session\nregion = eu-west-1\n\n"
                + "[profile deploy]\nrole_arn = " + ROLE2 + "\nsource_profile = admin\nregion = eu-west-1\n\n"
                + "[profile fromenv]\nrole_arn = " + ROLE + "\ncredential_source = Environment\n\n"
                + "[profile denied]\nrole_arn = arn:aws:iam::123456789012:role/forbidden\nsource_profile = base\n\n"
                + "[profile self]\nrole_arn = " + ROLE + "\nsource_profile = self\naws_access_key_id = "
                + BASE.accessKeyId() + "\naws_secret_access_key = " + BASE.secretAccessKey() + "\n");
    }

    @AfterEach
    void stop() {
        sts.stop(0);
    }

    /** Verifies the call's SigV4 signature (region from its scope, service sts), then answers. */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            SignableRequest.Builder received = SignableRequest.builder().method(exchange.getRequestMethod())
                    .uri(stsUrl + exchange.getRequestURI().getRawPath()).payload(Payload.ofBytes(body));
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> received.header(name, v)));
            SignableRequest request = received.build();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String region = authorization == null ? "none" : authorization.split("/")[2];
            signingRegions.add(region);
            VerificationResult v = SigV4Verifier.create(SigningConfig.builder().region(region).service("sts").build())
                    .verify(request, SecretLookup.of(Map.copyOf(secrets)), NOW);
            Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
            form.put("x-amz-security-token", String.valueOf(exchange.getRequestHeaders().getFirst(
                    "X-Amz-Security-Token")));
            calls.add(form);
            String answer;
            int status;
            if (!v.isValid()) {
                status = 403;
                answer = error(v.error().map(Object::toString).orElse("?"), "the signature did not verify");
            } else if (form.get("RoleArn").endsWith("/forbidden")) {
                status = 403;
                answer = error("AccessDenied", "User: arn:aws:iam::123456789012:user/base is not authorized to perform:"
                        + " sts:AssumeRole on resource: " + form.get("RoleArn"));
            } else {
                status = 200;
                String id = "ASIA" + form.get("RoleArn").replaceAll("[^0-9]", "").substring(0, 6) + calls.size();
                String secret = "roleSecret" + calls.size() + "EXAMPLEKEY";
                secrets.put(id, secret);
                answer = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
                        + "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/admin/s</Arn>"
                        + "<AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser><Credentials>"
                        + "<AccessKeyId>" + id + "</AccessKeyId><SecretAccessKey>" + secret + "</SecretAccessKey>"
                        + "<SessionToken>roleToken" + calls.size() + "+/=&amp;</SessionToken>"
                        + "<Expiration>" + NOW.plus(Duration.ofMinutes(30)) + "</Expiration></Credentials>"
                        + "</AssumeRoleResult></AssumeRoleResponse>";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>"
                + code + "</Code><Message>" + message + "</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    }

    static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    CredentialsEnvironment env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("AWS_ENDPOINT_URL_STS", stsUrl);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return CredentialsEnvironment.builder().environment(m).home(home)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    @Test
    void sourceProfileAssumesTheRoleWithASignedCallCarryingEveryParameter() {
        Credentials c = CredentialsProviders.profile("admin", env()).resolveCredentials();
        assertEquals("ASIA1234561", c.accessKeyId());
        assertEquals("roleSecret1EXAMPLEKEY", c.secretAccessKey());
        assertEquals("roleToken1+/=&", c.sessionToken().orElseThrow());
        assertEquals(NOW.plus(Duration.ofMinutes(30)), c.expiration().orElseThrow());
        Map<String, String> call = calls.get(0);
        assertEquals(Map.of("Action", "AssumeRole", "Version", "2011-06-15", "RoleArn", ROLE, "RoleSessionName",
                "it-session", "ExternalId", "ext-123", "DurationSeconds", "1800", "x-amz-security-token", "null"), call);
        assertEquals(List.of("eu-west-1"), signingRegions, "signed for the profile's region");
    }

    @Test
    void theRoleCredentialsAreCachedUntilTheRefreshIsDue() {
        CredentialsProvider p = CredentialsProviders.profile("admin", env());
        p.resolveCredentials();
        p.resolveCredentials();
        assertEquals(1, calls.size());
    }

    @Test
    void aChainedRoleIsAssumedWithTheFirstRolesTemporaryCredentials() {
        Credentials c = CredentialsProviders.profile("deploy", env()).resolveCredentials();
        assertEquals("ASIA2109872", c.accessKeyId());
        assertEquals(2, calls.size());
        assertEquals(ROLE, calls.get(0).get("RoleArn"));
        assertEquals("null", calls.get(0).get("x-amz-security-token"));
        assertEquals(ROLE2, calls.get(1).get("RoleArn"));
        assertEquals("roleToken1+/=&", calls.get(1).get("x-amz-security-token"),
                "the second call is signed with the first role's session");
        assertTrue(calls.get(1).get("RoleSessionName").startsWith("awssig-"));
    }

    @Test
    void aRoleProfileThatIsItsOwnSourceSignsWithItsOwnStaticKeys() {
        Credentials c = CredentialsProviders.profile("self", env()).resolveCredentials();
        assertEquals("ASIA1234561", c.accessKeyId(), "the fake STS verified a signature by " + BASE.accessKeyId());
        assertEquals(ROLE, calls.get(0).get("RoleArn"));
    }

    @Test
    void credentialSourceEnvironmentSignsWithTheEnvironmentKeysForTheGlobalEndpoint() {
        Credentials c = CredentialsProviders.profile("fromenv", env("AWS_ACCESS_KEY_ID", ENV.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", ENV.secretAccessKey())).resolveCredentials();
        assertTrue(c.accessKeyId().startsWith("ASIA"));
        assertEquals(List.of("us-east-1"), signingRegions, "no region: the global endpoint, signed for us-east-1");
    }

    @Test
    void anStsRefusalNamesTheRoleTheProfileAndTheCode() {
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.profile("denied", env()).resolveCredentials());
        assertEquals("assume role arn:aws:iam::123456789012:role/forbidden (profile 'denied', source_profile 'base'):"
                + " STS AssumeRole at " + stsUrl + " failed: HTTP 403 AccessDenied: User:"
                + " arn:aws:iam::123456789012:user/base is not authorized to perform: sts:AssumeRole on resource:"
                + " arn:aws:iam::123456789012:role/forbidden", e.getMessage());
        assertFalse(e.getMessage().contains(BASE.secretAccessKey()));
    }

    @Test
    void aSourceWithoutCredentialsIsNamed() {
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.profile("fromenv", env()).resolveCredentials());
        assertTrue(e.getMessage().startsWith("assume role " + ROLE + " (profile 'fromenv', credential_source"
                + " Environment): no credentials to call STS AssumeRole with: No credentials found. Tried, in order:"
                + " system properties"), e.getMessage());
        assertTrue(calls.isEmpty());
    }

    @Test
    void theDefaultChainReachesARoleProfileThroughAwsProfile() {
        Credentials c = CredentialsProviders.defaultChain(env("AWS_PROFILE", "admin", "AWS_EC2_METADATA_DISABLED",
                "true")).resolveCredentials();
        assertEquals("ASIA1234561", c.accessKeyId());
    }
}
