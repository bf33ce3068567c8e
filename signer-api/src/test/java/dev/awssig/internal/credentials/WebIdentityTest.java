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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AssumeRoleWithWebIdentity (environment and profile) against a fake STS on 127.0.0.1. */
class WebIdentityTest {
    static final String OIDC_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.EXAMPLESIG";
    static final String SECRET = "webIdentitySecretEXAMPLEKEYwJalrXUtnFEMI";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjWebIdentityToken+EXAMPLE&/=";
    static final String ROLE = "arn:aws:iam::123456789012:role/eks-app";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    final TestClock clock = new TestClock(NOW);
    FakeServer sts;
    Path tokenFile;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, OIDC_TOKEN + "\n");
        sts = FakeServer.start(r -> {
            Map<String, String> form = StsAnswers.form(r.body);
            if (!form.get("WebIdentityToken").startsWith("eyJ")) {
                return FakeServer.reply(400, StsAnswers.error("InvalidIdentityToken", "Couldn't verify the token"));
            }
            return FakeServer.reply(200, StsAnswers.credentials("AssumeRoleWithWebIdentity",
                    "ASIAWEBID" + form.get("WebIdentityToken").length(), SECRET, SESSION_TOKEN,
                    clock.instant().plus(Duration.ofHours(1))));
        });
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    CredentialsEnvironment env(String... kv) {
        List<String> all = new ArrayList<>(List.of(kv));
        all.addAll(List.of("AWS_ENDPOINT_URL_STS", sts.url()));
        return clock.environment(all.toArray(new String[0]));
    }

    @Test
    void fromTheEnvironmentAnUnsignedCallWithTheTokenFileRoleAndSessionName() {
        Credentials c = CredentialsProviders.webIdentity(env("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(),
                "AWS_ROLE_ARN", ROLE, "AWS_ROLE_SESSION_NAME", "my-pod")).resolveCredentials();
        assertEquals("ASIAWEBID" + OIDC_TOKEN.length(), c.accessKeyId());
        assertEquals(SECRET, c.secretAccessKey());
        assertEquals(SESSION_TOKEN, c.sessionToken().orElseThrow());
        assertEquals(NOW.plus(Duration.ofHours(1)), c.expiration().orElseThrow());
        FakeServer.Request r = sts.requests().get(0);
        assertEquals("POST /", r.toString());
        assertNull(r.header("Authorization"), "AssumeRoleWithWebIdentity is not signed");
        assertEquals("application/x-www-form-urlencoded; charset=utf-8", r.header("Content-Type"));
        assertEquals(Map.of("Action", "AssumeRoleWithWebIdentity", "Version", "2011-06-15", "RoleArn", ROLE,
                "RoleSessionName", "my-pod", "WebIdentityToken", OIDC_TOKEN), StsAnswers.form(r.body));
    }

    @Test
    void theTokenFileIsReadAgainAtEachRefreshAndTheSessionNameDefaults() throws IOException {
        CredentialsProvider p = CredentialsProviders.webIdentity(env("AWS_WEB_IDENTITY_TOKEN_FILE",
                tokenFile.toString(), "AWS_ROLE_ARN", ROLE));
        p.resolveCredentials();
        Files.writeString(tokenFile, "eyJrotated");
        clock.advance(Duration.ofMinutes(56));
        assertEquals("ASIAWEBID10", p.resolveCredentials().accessKeyId());
        assertEquals("awssig-" + NOW.toEpochMilli(), StsAnswers.form(sts.requests().get(0).body).get("RoleSessionName"));
    }

    @Test
    void systemPropertiesWinOverTheVariables() {
        Properties props = new Properties();
        props.setProperty("aws.webIdentityTokenFile", tokenFile.toString());
        props.setProperty("aws.roleArn", ROLE);
        props.setProperty("aws.roleSessionName", "from-property");
        CredentialsEnvironment env = CredentialsEnvironment.builder().environment(Map.of("AWS_ENDPOINT_URL_STS",
                sts.url(), "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/other")).systemProperties(props)
                .clock(clock).build();
        CredentialsProviders.webIdentity(env).resolveCredentials();
        Map<String, String> form = StsAnswers.form(sts.requests().get(0).body);
        assertEquals(ROLE, form.get("RoleArn"));
        assertEquals("from-property", form.get("RoleSessionName"));
    }

    @Test
    void missingSettingsAreNamed() {
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.webIdentity(env()).resolveCredentials());
        assertEquals("AWS_WEB_IDENTITY_TOKEN_FILE not set", e.getMessage());
        e = assertThrows(CredentialsNotFoundException.class, () -> CredentialsProviders.webIdentity(
                env("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString())).resolveCredentials());
        assertEquals("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not", e.getMessage());
        e = assertThrows(CredentialsNotFoundException.class, () -> CredentialsProviders.webIdentity(
                env("AWS_WEB_IDENTITY_TOKEN_FILE", dir.resolve("missing").toString(), "AWS_ROLE_ARN", ROLE))
                .resolveCredentials());
        assertEquals("web identity (AWS_WEB_IDENTITY_TOKEN_FILE): the token file " + dir.resolve("missing")
                + " could not be read (NoSuchFileException)", e.getMessage());
        assertEquals(0, sts.requests().size());
    }

    @Test
    void anStsErrorIsNamedWithItsCodeAndNeverTheToken() throws IOException {
        Files.writeString(tokenFile, "not-a-jwt-" + OIDC_TOKEN);
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.webIdentity(env("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(),
                        "AWS_ROLE_ARN", ROLE)).resolveCredentials());
        assertEquals("web identity (AWS_WEB_IDENTITY_TOKEN_FILE): STS AssumeRoleWithWebIdentity at " + sts.url()
                + " failed: HTTP 400 InvalidIdentityToken: Couldn't verify the token", e.getMessage());
        assertFalse(e.getMessage().contains(OIDC_TOKEN));
    }

    @Test
    void fromAProfileWithDurationAndRegion() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), "[profile ci]\nrole_arn = " + ROLE + "\n"
                + "web_identity_token_file = " + tokenFile + "\nrole_session_name = ci-run\nduration_seconds = 7200\n"
                + "region = eu-west-1\n");
        CredentialsEnvironment env = CredentialsEnvironment.builder().environment(Map.of("AWS_ENDPOINT_URL",
                sts.url())).home(home).clock(clock).build();
        assertTrue(CredentialsProviders.profile("ci", env).resolveCredentials().accessKeyId().startsWith("ASIAWEBID"));
        assertEquals(Map.of("Action", "AssumeRoleWithWebIdentity", "Version", "2011-06-15", "RoleArn", ROLE,
                "RoleSessionName", "ci-run", "WebIdentityToken", OIDC_TOKEN, "DurationSeconds", "7200"),
                StsAnswers.form(sts.requests().get(0).body));
    }

    @Test
    void stsEndpoints() {
        CredentialsEnvironment none = CredentialsEnvironment.builder().clock(clock).build();
        assertEquals("https://sts.eu-west-1.amazonaws.com", Sts.endpoint(none, "eu-west-1").url);
        assertEquals("eu-west-1", Sts.endpoint(none, "eu-west-1").signingRegion);
        assertEquals("https://sts.cn-north-1.amazonaws.com.cn", Sts.endpoint(none, "cn-north-1").url);
        assertEquals("https://sts.amazonaws.com", Sts.endpoint(none, null).url);
        assertEquals("us-east-1", Sts.endpoint(none, null).signingRegion);
        CredentialsEnvironment general = CredentialsEnvironment.builder().environment(Map.of("AWS_ENDPOINT_URL",
                "http://127.0.0.1:4566/")).build();
        assertEquals("http://127.0.0.1:4566", Sts.endpoint(general, "eu-west-1").url);
        CredentialsEnvironment ignored = CredentialsEnvironment.builder().environment(Map.of("AWS_ENDPOINT_URL",
                "http://127.0.0.1:4566/", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")).build();
        assertEquals("https://sts.eu-west-1.amazonaws.com", Sts.endpoint(ignored, "eu-west-1").url);
        assertEquals("eu-central-1", Sts.region(CredentialsEnvironment.builder().environment(Map.of("AWS_REGION",
                "eu-central-1")).build(), "us-west-2"));
        assertEquals("us-west-2", Sts.region(none, "us-west-2"));
    }
}
