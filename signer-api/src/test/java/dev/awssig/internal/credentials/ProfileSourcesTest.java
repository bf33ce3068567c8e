package dev.awssig.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which source a profile's keys select, in the AWS SDK for Java 2's order, and the profiles that
 * cannot work. (Assume-role calls signed by SigV4 are checked in the integration-tests module,
 * where the signer is present; here it is absent, as it is for a user who forgot the artifact.)
 */
class ProfileSourcesTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String ROLE = "arn:aws:iam::123456789012:role/admin";

    final TestClock clock = new TestClock(NOW);
    FakeServer sts;

    @TempDir
    Path home;

    @BeforeEach
    void start() throws IOException {
        sts = FakeServer.start(r -> FakeServer.reply(200, StsAnswers.credentials(
                StsAnswers.form(r.body).get("Action"), "ASIASTS", "stsSecret", "stsToken",
                NOW.plus(Duration.ofHours(1)))));
        Files.createDirectories(home.resolve(".aws"));
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    CredentialsEnvironment env() {
        return CredentialsEnvironment.builder().environment(Map.of("AWS_ENDPOINT_URL_STS", sts.url(),
                "AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "envsecret")).home(home).clock(clock).build();
    }

    void config(String text) throws IOException {
        Files.writeString(home.resolve(".aws/config"), text);
    }

    String failure(String profile) {
        return assertThrows(CredentialsNotFoundException.class,
                () -> CredentialsProviders.profile(profile, env()).resolveCredentials()).getMessage();
    }

    @Test
    void assumeRoleWithoutTheSigV4SignerNamesTheArtifactToAdd() throws IOException {
        config("[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n"
                + "[profile admin]\nrole_arn = " + ROLE + "\nsource_profile = base\n");
        String m = failure("admin");
        assertTrue(m.startsWith("assume role " + ROLE + " (profile 'admin', source_profile 'base'): calling STS"
                + " AssumeRole needs the SigV4 signer; add dev.awssig:awssig-signer-v4 to the class path or module path"),
                m);
        assertEquals(0, sts.requests().size());
    }

    @Test
    void mfaSerialIsRefusedWithWhatToDoInstead() throws IOException {
        config("[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n[profile admin]\n"
                + "role_arn = " + ROLE + "\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n");
        assertEquals("profile 'admin' sets mfa_serial: awssig cannot ask for an MFA code; export temporary credentials"
                + " with 'aws configure export-credentials --profile admin --format env' and use those", failure("admin"));
    }

    @Test
    void profilesThatCannotWorkSaySo() throws IOException {
        config("[profile both]\nrole_arn = " + ROLE + "\nsource_profile = a\ncredential_source = Environment\n"
                + "[profile a]\nrole_arn = " + ROLE + "\nsource_profile = b\n"
                + "[profile b]\nrole_arn = " + ROLE + "\nsource_profile = a\n"
                + "[profile nosource]\nrole_arn = " + ROLE + "\n"
                + "[profile badsource]\nrole_arn = " + ROLE + "\ncredential_source = Lambda\n"
                + "[profile shortrole]\nrole_arn = " + ROLE + "\ncredential_source = Environment\nduration_seconds = 60\n"
                + "[profile empty]\nregion = eu-west-1\n");
        String files = "(in " + home.resolve(".aws/config") + ")";
        assertEquals("profile 'both' has both source_profile and credential_source; keep one " + files,
                failure("both"));
        assertEquals("circular source_profile chain: a -> b -> a " + files, failure("a"));
        assertEquals("profile 'nosource' has role_arn but neither source_profile nor credential_source to assume it"
                + " with " + files, failure("nosource"));
        assertEquals("profile 'badsource' has credential_source 'Lambda'; it must be Environment, Ec2InstanceMetadata"
                + " or EcsContainer", failure("badsource"));
        assertEquals("assume role " + ROLE + " (profile 'shortrole', credential_source Environment): duration_seconds"
                + " must be 900 to 43200, was '60'", failure("shortrole"));
        assertEquals("profile 'empty' has no aws_access_key_id " + files, failure("empty"));
    }

    @Test
    void webIdentityWinsOverASourceProfileAsInTheSdk() throws IOException {
        Path token = home.resolve("token");
        Files.writeString(token, "eyJtoken");
        config("[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n[profile app]\nrole_arn = "
                + ROLE + "\nsource_profile = base\nweb_identity_token_file = " + token + "\n");
        assertEquals("ASIASTS", CredentialsProviders.profile("app", env()).resolveCredentials().accessKeyId());
        assertEquals("AssumeRoleWithWebIdentity", StsAnswers.form(sts.requests().get(0).body).get("Action"));
    }

    @Test
    void ssoWinsOverCredentialProcessAndStaticKeys() throws IOException {
        config("[profile mixed]\nsso_session = s\nsso_account_id = 1\nsso_role_name = R\n"
                + "credential_process = /bin/false\naws_access_key_id = AKIDSTATIC\naws_secret_access_key = s\n"
                + "[sso-session s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n");
        assertTrue(failure("mixed").startsWith("SSO (profile 'mixed', sso_session 's'): no SSO token is cached"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void credentialProcessWinsOverStaticKeys() throws IOException {
        config("[profile tool]\ncredential_process = printf '{\"Version\":1,\"AccessKeyId\":\"ASIATOOL\","
                + "\"SecretAccessKey\":\"x\",\"Expiration\":\"2026-03-01T12:00:00Z\"}'\n"
                + "aws_access_key_id = AKIDSTATIC\naws_secret_access_key = s\n");
        var c = CredentialsProviders.profile("tool", env()).resolveCredentials();
        assertEquals("ASIATOOL", c.accessKeyId());
        assertEquals(Instant.parse("2026-03-01T12:00:00Z"), c.expiration().orElseThrow());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void threadsThatStartTogetherRunTheSourceOnce() throws Exception {
        Path runs = home.resolve("runs");
        config("[profile slow]\ncredential_process = echo run >> '" + runs + "'; sleep 0.3; printf '{\"Version\":1,"
                + "\"AccessKeyId\":\"ASIASLOW\",\"SecretAccessKey\":\"x\",\"Expiration\":\"2026-03-01T12:00:00Z\"}'\n");
        var provider = CredentialsProviders.profile("slow", env());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<String>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                all.add(pool.submit(() -> provider.resolveCredentials().accessKeyId()));
            }
            for (var f : all) {
                assertEquals("ASIASLOW", f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Files.readAllLines(runs).size(), "one run of the credential process for six threads");
    }

    @Test
    void aProfileWithoutKeysThatUsesLoginSessionSaysItIsNotResolved() throws IOException {
        config("[profile console]\nlogin_session = arn:aws:iam::123456789012:user/me\n");
        assertTrue(failure("console").endsWith("it uses login_session, which awssig does not resolve: export temporary"
                + " credentials with 'aws configure export-credentials --profile console --format env'"));
    }
}
