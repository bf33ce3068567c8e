package dev.awssig.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IAM Identity Center profiles: the cached token, then GetRoleCredentials on a fake portal on 127.0.0.1. */
class SsoCredentialsTest {
    static final String SSO_TOKEN = "aoaAAAAAGFakeSsoAccessTokenEXAMPLE";
    static final String SECRET = "ssoSecretEXAMPLEKEYwJalrXUtnFEMIK7MDENG";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjSsoSessionTokenEXAMPLE";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    /** SHA-1 of "my-sso", the session name the token cache is keyed by (computed with sha1sum). */
    static final String SESSION_CACHE = "0ad374308c5a4e22f723adf10145eafad7c4031c";
    /** SHA-1 of the legacy profile's start URL (computed with sha1sum). */
    static final String LEGACY_CACHE = "79e435d7a515078e81c9dffc35f38d5687ebd3a7";

    final TestClock clock = new TestClock(NOW);
    FakeServer portal;

    @TempDir
    Path home;

    @BeforeEach
    void start() throws IOException {
        portal = FakeServer.start(r -> {
            if (!SSO_TOKEN.equals(r.header("x-amz-sso_bearer_token"))) {
                return FakeServer.reply(401, "{\"message\":\"Session token not found or invalid\"}");
            }
            return FakeServer.reply(200, "{\"roleCredentials\":{\"accessKeyId\":\"ASIASSO\",\"secretAccessKey\":\""
                    + SECRET + "\",\"sessionToken\":\"" + SESSION_TOKEN + "\",\"expiration\":"
                    + NOW.plus(Duration.ofHours(8)).toEpochMilli() + "}}");
        });
        Files.createDirectories(home.resolve(".aws/sso/cache"));
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\nsso_session = my-sso\n"
                + "sso_account_id = 111122223333\nsso_role_name = ReadOnly\nregion = eu-west-1\n\n"
                + "[sso-session my-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n"
                + "sso_registration_scopes = sso:account:access\n\n"
                + "[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-2\n"
                + "sso_account_id = 444455556666\nsso_role_name = Admin\n");
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    CredentialsEnvironment env() {
        return CredentialsEnvironment.builder().environment(Map.of("AWS_ENDPOINT_URL_SSO", portal.url()))
                .home(home).clock(clock).build();
    }

    Path cacheToken(String name, Instant expiresAt) throws IOException {
        Path f = home.resolve(".aws/sso/cache/" + name + ".json");
        Files.writeString(f, "{\"startUrl\": \"https://x\","
                + " \"region\": \"us-east-1\", \"accessToken\": \"" + SSO_TOKEN + "\", \"expiresAt\": \"" + expiresAt
                + "\", \"refreshToken\": \"r\"}");
        return f;
    }

    @Test
    void ssoSessionProfile() throws Exception {
        cacheToken(SESSION_CACHE, NOW.plus(Duration.ofHours(1)));
        Credentials c = CredentialsProviders.profile("dev", env()).resolveCredentials();
        assertEquals("ASIASSO", c.accessKeyId());
        assertEquals(SECRET, c.secretAccessKey());
        assertEquals(SESSION_TOKEN, c.sessionToken().orElseThrow());
        assertEquals(NOW.plus(Duration.ofHours(8)), c.expiration().orElseThrow());
        assertEquals("[GET /federation/credentials?account_id=111122223333&role_name=ReadOnly]",
                portal.requests().toString());
    }

    @Test
    void legacyProfileKeyedByTheStartUrl() throws Exception {
        cacheToken(LEGACY_CACHE, NOW.plus(Duration.ofHours(1)));
        assertEquals("ASIASSO", CredentialsProviders.profile("legacy", env()).resolveCredentials().accessKeyId());
        assertEquals("[GET /federation/credentials?account_id=444455556666&role_name=Admin]",
                portal.requests().toString());
    }

    @Test
    void noCachedTokenSaysToRunAwsSsoLogin() {
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.profile("dev", env()).resolveCredentials());
        assertTrue(e.getMessage().startsWith("SSO (profile 'dev', sso_session 'my-sso'): no SSO token is cached ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" not found); run 'aws sso login --profile dev'"), e.getMessage());
        assertEquals(0, portal.requests().size());
    }

    @Test
    void anExpiredTokenSaysToRunAwsSsoLoginWithoutCallingThePortal() throws Exception {
        cacheToken(SESSION_CACHE, NOW.minusSeconds(1));
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.profile("dev", env()).resolveCredentials());
        assertEquals("SSO (profile 'dev', sso_session 'my-sso'): the SSO token expired at 2026-03-01T09:59:59Z;"
                + " run 'aws sso login --profile dev'", e.getMessage());
        assertEquals(0, portal.requests().size());
    }

    @Test
    void aTokenThePortalRefusesSaysToRunAwsSsoLogin() throws Exception {
        Path f = cacheToken(SESSION_CACHE, NOW.plus(Duration.ofHours(1)));
        Files.writeString(f, Files.readString(f).replace(SSO_TOKEN, "revoked-token"));
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.profile("dev", env()).resolveCredentials());
        assertEquals("SSO (profile 'dev', sso_session 'my-sso'): GetRoleCredentials at " + portal.url()
                + " refused the SSO token (HTTP 401: Session token not found or invalid); run 'aws sso login --profile"
                + " dev'", e.getMessage());
        assertFalse(e.getMessage().contains("revoked-token"));
    }

    @Test
    void missingSettingsAreNamed() throws IOException {
        Files.writeString(home.resolve(".aws/config"), "[profile a]\nsso_session = gone\nsso_account_id = 1\n"
                + "sso_role_name = R\n[profile b]\nsso_session = s\nsso_role_name = R\n[sso-session s]\n"
                + "sso_start_url = https://x\nsso_region = us-east-1\n[profile c]\nsso_session = t\n"
                + "sso_account_id = 1\nsso_role_name = R\n[sso-session t]\nsso_start_url = https://x\n");
        String[][] cases = {
            {"a", "SSO (profile 'a', sso_session 'gone'): the config file has no [sso-session gone] section"},
            {"b", "SSO (profile 'b', sso_session 's'): profile 'b' has no sso_account_id"},
            {"c", "SSO (profile 'c', sso_session 't'): [sso-session t] has no sso_region"},
        };
        for (String[] c : cases) {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(c[0], env()).resolveCredentials());
            assertEquals(c[1], e.getMessage());
        }
    }
}
