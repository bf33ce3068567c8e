package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials providers, each alone and in the default chain, over injected sources only. */
class CredentialsProvidersTest {
    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN//////////wEaDEXAMPLE=";

    @TempDir
    Path home;

    private static void assertNoSecret(String message) {
        assertFalse(message.contains(SECRET), () -> "message leaks the secret: " + message);
        assertFalse(message.contains(TOKEN), () -> "message leaks the token: " + message);
        assertFalse(message.contains("wJalrXUtnFEMI"), () -> "message leaks part of the secret: " + message);
    }

    private Path write(String relative, String text) throws IOException {
        Path p = home.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Nested
    class Static {
        @Test
        void returnsTheSameCredentials() {
            Credentials c = Credentials.of(ID, SECRET);
            CredentialsProvider p = CredentialsProviders.of(c);
            assertSame(c, p.resolveCredentials());
            assertEquals("static credentials", p.describe());
            assertNoSecret(p.toString());
        }

        @Test
        void rejectsNull() {
            assertThrows(NullPointerException.class, () -> CredentialsProviders.of(null));
        }
    }

    @Nested
    class Environment {
        @Test
        void readsKeyPair() {
            Credentials c = CredentialsProviders.environment(env("AWS_ACCESS_KEY_ID", ID,
                    "AWS_SECRET_ACCESS_KEY", SECRET)).resolveCredentials();
            assertEquals(Credentials.of(ID, SECRET), c);
            assertEquals(Optional.empty(), c.sessionToken());
        }

        @Test
        void readsSessionToken() {
            Credentials c = CredentialsProviders.environment(env("AWS_ACCESS_KEY_ID", ID,
                    "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", TOKEN)).resolveCredentials();
            assertEquals(Optional.of(TOKEN), c.sessionToken());
        }

        @Test
        void emptySessionTokenCountsAsAbsent() {
            Credentials c = CredentialsProviders.environment(env("AWS_ACCESS_KEY_ID", ID,
                    "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", "")).resolveCredentials();
            assertEquals(Optional.empty(), c.sessionToken());
        }

        @Test
        void missingIdSaysSo() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.environment(env()).resolveCredentials());
            assertEquals("AWS_ACCESS_KEY_ID not set", e.getMessage());
        }

        @Test
        void emptyIdCountsAsUnset() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.environment(env("AWS_ACCESS_KEY_ID", "",
                            "AWS_SECRET_ACCESS_KEY", SECRET)).resolveCredentials());
            assertTrue(e.getMessage().startsWith("AWS_ACCESS_KEY_ID not set"), e.getMessage());
            assertNoSecret(e.getMessage());
        }

        @Test
        void missingSecretSaysSoWithoutEchoingTheId() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.environment(env("AWS_ACCESS_KEY_ID", ID)).resolveCredentials());
            assertEquals("AWS_SECRET_ACCESS_KEY not set (AWS_ACCESS_KEY_ID is set)", e.getMessage());
        }

        @Test
        void secretWithControlCharacterIsRejectedWithoutEchoingIt() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.environment(env("AWS_ACCESS_KEY_ID", ID,
                            "AWS_SECRET_ACCESS_KEY", SECRET + "\u0007x")).resolveCredentials());
            assertTrue(e.getMessage().contains("AWS_SECRET_ACCESS_KEY"), e.getMessage());
            assertTrue(e.getMessage().contains("control characters"), e.getMessage());
            assertNoSecret(e.getMessage());
        }

        @Test
        void idThatIsNotATokenIsRejected() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.environment(env("AWS_ACCESS_KEY_ID", "AKIA EXAMPLE",
                            "AWS_SECRET_ACCESS_KEY", SECRET)).resolveCredentials());
            assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID is set but invalid"), e.getMessage());
        }

        @Test
        void tokenWithNewlineIsRejectedWithoutEchoingIt() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.environment(env("AWS_ACCESS_KEY_ID", ID,
                            "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", "ab\ncd" + TOKEN))
                            .resolveCredentials());
            assertTrue(e.getMessage().contains("AWS_SESSION_TOKEN"), e.getMessage());
            assertNoSecret(e.getMessage());
        }

        @Test
        void surroundingWhitespaceIsTrimmed() {
            Credentials c = CredentialsProviders.environment(env("AWS_ACCESS_KEY_ID", " " + ID + " ",
                    "AWS_SECRET_ACCESS_KEY", SECRET + "\t")).resolveCredentials();
            assertEquals(Credentials.of(ID, SECRET), c);
        }

        @Test
        void injectedMapIsCopied() {
            Map<String, String> m = env("AWS_ACCESS_KEY_ID", ID, "AWS_SECRET_ACCESS_KEY", SECRET);
            CredentialsProvider p = CredentialsProviders.environment(m);
            m.clear();
            assertEquals(ID, p.resolveCredentials().accessKeyId());
        }

        @Test
        void describeNamesTheVariables() {
            assertEquals("environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
                    CredentialsProviders.environment(env()).describe());
            assertEquals(CredentialsProviders.environment(env()).describe(),
                    CredentialsProviders.environment().describe());
        }
    }

    @Nested
    class SystemProperties {
        @Test
        void readsKeyPairAndToken() {
            Credentials c = CredentialsProviders.systemProperties(props("aws.accessKeyId", ID,
                    "aws.secretAccessKey", SECRET, "aws.sessionToken", TOKEN)).resolveCredentials();
            assertEquals(Credentials.of(ID, SECRET, TOKEN), c);
        }

        @Test
        void readsThePropertiesAtEachCall() {
            Properties p = props();
            CredentialsProvider provider = CredentialsProviders.systemProperties(p);
            assertThrows(CredentialsNotFoundException.class, provider::resolveCredentials);
            p.setProperty("aws.accessKeyId", ID);
            p.setProperty("aws.secretAccessKey", SECRET);
            assertEquals(ID, provider.resolveCredentials().accessKeyId());
        }

        @Test
        void missingPropertiesSaySo() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.systemProperties(props()).resolveCredentials());
            assertEquals("aws.accessKeyId not set", e.getMessage());
            e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.systemProperties(props("aws.accessKeyId", ID)).resolveCredentials());
            assertEquals("aws.secretAccessKey not set (aws.accessKeyId is set)", e.getMessage());
        }

        @Test
        void describeNamesTheProperties() {
            assertEquals("system properties (aws.accessKeyId, aws.secretAccessKey)",
                    CredentialsProviders.systemProperties().describe());
        }
    }

    @Nested
    class Profiles {
        @Test
        void defaultProfileFromCredentialsFile() throws IOException {
            write(".aws/credentials", "[default]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET
                    + "\n");
            Credentials c = CredentialsProviders.profile(null, env(), home).resolveCredentials();
            assertEquals(Credentials.of(ID, SECRET), c);
        }

        @Test
        void namedProfileWithSessionToken() throws IOException {
            write(".aws/credentials", "[default]\naws_access_key_id=AKIDDEFAULT\naws_secret_access_key=defaultsecret\n"
                    + "[work]\naws_access_key_id=" + ID + "\naws_secret_access_key=" + SECRET
                    + "\naws_session_token=" + TOKEN + "\n");
            Credentials c = CredentialsProviders.profile("work", env(), home).resolveCredentials();
            assertEquals(Credentials.of(ID, SECRET, TOKEN), c);
        }

        @Test
        void awsProfileVariableSelectsTheProfile() throws IOException {
            write(".aws/credentials", "[default]\naws_access_key_id=AKIDDEFAULT\naws_secret_access_key=defaultsecret\n"
                    + "[work]\naws_access_key_id=" + ID + "\naws_secret_access_key=" + SECRET + "\n");
            assertEquals(ID, CredentialsProviders.profile(null, env("AWS_PROFILE", "work"), home)
                    .resolveCredentials().accessKeyId());
            assertEquals("AKIDDEFAULT", CredentialsProviders.profile("default", env("AWS_PROFILE", "work"), home)
                    .resolveCredentials().accessKeyId(), "an explicit profile wins over AWS_PROFILE");
        }

        @Test
        void configFileUsesProfilePrefixAndDefault() throws IOException {
            write(".aws/config", "[default]\nregion = us-east-1\naws_access_key_id = AKIDDEFAULT\n"
                    + "aws_secret_access_key = defaultsecret\n\n[profile dev]\nregion=eu-west-1\n"
                    + "aws_access_key_id=" + ID + "\naws_secret_access_key=" + SECRET + "\n"
                    + "[dev]\naws_access_key_id=AKIDNOTAPROFILE\naws_secret_access_key=nope\n");
            assertEquals(ID, CredentialsProviders.profile("dev", env(), home).resolveCredentials().accessKeyId(),
                    "[dev] without 'profile ' is not a profile in the config file");
            assertEquals("AKIDDEFAULT", CredentialsProviders.profile(null, env(), home).resolveCredentials()
                    .accessKeyId());
        }

        @Test
        void credentialsFileSectionNamesAreLiteral() throws IOException {
            write(".aws/credentials", "[profile dev]\naws_access_key_id=" + ID + "\naws_secret_access_key=" + SECRET
                    + "\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile("dev", env(), home).resolveCredentials());
            assertTrue(e.getMessage().contains("profile 'dev' not found"), e.getMessage());
            assertTrue(e.getMessage().contains("[profile dev]"), e.getMessage());
        }

        @Test
        void credentialsFileWinsOverConfigForTheSameProfile() throws IOException {
            write(".aws/config", "[profile p]\naws_access_key_id = AKIDFROMCONFIG\naws_secret_access_key = cfgsecret\n"
                    + "aws_session_token = cfgtoken\n");
            write(".aws/credentials", "[p]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n");
            Credentials c = CredentialsProviders.profile("p", env(), home).resolveCredentials();
            assertEquals(ID, c.accessKeyId());
            assertEquals(SECRET, c.secretAccessKey());
            assertEquals(Optional.of("cfgtoken"), c.sessionToken(), "properties merge; the token comes from config");
        }

        @Test
        void commentsWhitespaceAndCase() throws IOException {
            write(".aws/credentials", "# a comment\n; another comment\n\n  [  spaced  ]   # trailing comment\n"
                    + "   AWS_Access_Key_ID   =    " + ID + "   ; inline comment\n"
                    + "aws_secret_access_key\t=\t" + SECRET + "\t# inline comment\n"
                    + "aws_session_token=" + TOKEN + "\n");
            Credentials c = CredentialsProviders.profile("spaced", env(), home).resolveCredentials();
            assertEquals(Credentials.of(ID, SECRET, TOKEN), c);
        }

        @Test
        void hashInsideAValueIsNotAComment() throws IOException {
            write(".aws/credentials", "[default]\naws_access_key_id=" + ID + "\naws_secret_access_key=ab#cd;ef\n");
            assertEquals("ab#cd;ef", CredentialsProviders.profile(null, env(), home).resolveCredentials()
                    .secretAccessKey());
        }

        @Test
        void crlfLineEndingsAndByteOrderMark() throws IOException {
            write(".aws/credentials", "\uFEFF[default]\r\naws_access_key_id = " + ID + "\r\naws_secret_access_key = "
                    + SECRET + "\r\n");
            assertEquals(Credentials.of(ID, SECRET), CredentialsProviders.profile(null, env(), home)
                    .resolveCredentials());
        }

        @Test
        void duplicateSectionsMergeAndLaterValuesWin() throws IOException {
            write(".aws/credentials", "[default]\naws_access_key_id = AKIDOLD\n[other]\nx=y\n[default]\n"
                    + "aws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n");
            assertEquals(Credentials.of(ID, SECRET), CredentialsProviders.profile(null, env(), home)
                    .resolveCredentials());
        }

        @Test
        void nestedSubPropertiesAreSkipped() throws IOException {
            write(".aws/config", "[default]\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n"
                    + "aws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n"
                    + "[sso-session corp]\nsso_region = us-east-1\n[services s]\ns3 =\n  endpoint_url = http://x\n");
            assertEquals(Credentials.of(ID, SECRET), CredentialsProviders.profile(null, env(), home)
                    .resolveCredentials());
        }

        @Test
        void fileLocationsFromEnvironmentWithTildeExpansion() throws IOException {
            write("elsewhere/creds", "[default]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET
                    + "\n");
            write(".aws/credentials", "[default]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = wrong\n");
            assertEquals(ID, CredentialsProviders.profile(null, env("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/creds"),
                    home).resolveCredentials().accessKeyId());
            assertEquals(ID, CredentialsProviders.profile(null, env("AWS_SHARED_CREDENTIALS_FILE",
                    home.resolve("elsewhere/creds").toString()), home).resolveCredentials().accessKeyId());
        }

        @Test
        void configFileLocationFromEnvironment() throws IOException {
            write("cfg/myconfig", "[profile x]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET
                    + "\n");
            assertEquals(ID, CredentialsProviders.profile("x", env("AWS_CONFIG_FILE", "~/cfg/myconfig"), home)
                    .resolveCredentials().accessKeyId());
        }

        @Test
        void missingFilesAreNamed() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(null, env(), home).resolveCredentials());
            assertEquals("file " + home.resolve(".aws").resolve("credentials") + " not found, file "
                    + home.resolve(".aws").resolve("config") + " not found", e.getMessage());
        }

        @Test
        void missingFileFromVariableSaysWhichVariable() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(null, env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/c"),
                            home).resolveCredentials());
            assertTrue(e.getMessage().contains("file /nonexistent/c not found (from AWS_SHARED_CREDENTIALS_FILE)"),
                    e.getMessage());
        }

        @Test
        void missingProfileListsTheProfilesFound() throws IOException {
            write(".aws/credentials", "[a]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET + "\n");
            write(".aws/config", "[profile b]\nregion = us-east-1\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile("p", env(), home).resolveCredentials());
            assertTrue(e.getMessage().startsWith("profile 'p' not found"), e.getMessage());
            assertTrue(e.getMessage().contains("profiles found: [a, b]"), e.getMessage());
            assertNoSecret(e.getMessage());
        }

        @Test
        void profileWithoutSecretSaysSo() throws IOException {
            write(".aws/credentials", "[p]\naws_access_key_id = " + ID + "\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile("p", env(), home).resolveCredentials());
            assertTrue(e.getMessage().startsWith("profile 'p' has no aws_secret_access_key"), e.getMessage());
        }

        @Test
        void profileWithoutKeyIdSaysSoWithoutEchoingTheSecret() throws IOException {
            write(".aws/credentials", "[p]\naws_secret_access_key = " + SECRET + "\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile("p", env(), home).resolveCredentials());
            assertTrue(e.getMessage().startsWith("profile 'p' has no aws_access_key_id"), e.getMessage());
            assertNoSecret(e.getMessage());
        }

        @Test
        void roleProfileWhoseSourceProfileIsMissingSaysSo() throws IOException {
            write(".aws/config", "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\n"
                    + "source_profile = default\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile("admin", env(), home).resolveCredentials());
            assertTrue(e.getMessage().startsWith("profile 'default' not found (in " + home.resolve(".aws/config")
                    + "), but profile 'admin' names it as source_profile"), e.getMessage());
        }

        @Test
        void propertyWithoutEqualsNamesFileAndLineButNotTheText() throws IOException {
            Path f = write(".aws/credentials", "[default]\naws_access_key_id = " + ID + "\n# c\n" + SECRET + "\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(null, env(), home).resolveCredentials());
            assertEquals("file " + f + " line 4: expected 'name = value' (no '=' found)", e.getMessage());
            assertNoSecret(e.getMessage());
        }

        @Test
        void propertyBeforeAnySectionIsAnError() throws IOException {
            Path f = write(".aws/config", "\nregion = us-east-1\n[default]\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(null, env(), home).resolveCredentials());
            assertTrue(e.getMessage().startsWith("file " + f + " line 2: a property comes before any section"),
                    e.getMessage());
        }

        @Test
        void unclosedSectionIsAnError() throws IOException {
            Path f = write(".aws/credentials", "[default\naws_access_key_id = x\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(null, env(), home).resolveCredentials());
            assertEquals("file " + f + " line 1: section header has no closing ']'", e.getMessage());
        }

        @Test
        void emptySectionAndMissingNameAreErrors() throws IOException {
            Path f = write(".aws/credentials", "[default]\nx = 1\n[]\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(null, env(), home).resolveCredentials());
            assertEquals("file " + f + " line 3: empty section name '[]'", e.getMessage());
            write(".aws/credentials", "[default]\n = " + SECRET + "\n");
            e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(null, env(), home).resolveCredentials());
            assertEquals("file " + f + " line 2: a property name is missing before '='", e.getMessage());
        }

        @Test
        void textAfterSectionHeaderIsAnError() throws IOException {
            Path f = write(".aws/credentials", "[default] extra\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(null, env(), home).resolveCredentials());
            assertEquals("file " + f + " line 1: unexpected text after the section header's ']'", e.getMessage());
        }

        @Test
        void invalidUtf8IsAnError() throws IOException {
            Path f = home.resolve(".aws/credentials");
            Files.createDirectories(f.getParent());
            Files.write(f, new byte[] {'[', 'd', ']', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.profile(null, env(), home).resolveCredentials());
            assertEquals("file " + f + " is not valid UTF-8", e.getMessage());
        }

        @Test
        void blankProfileNameIsRejected() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CredentialsProviders.profile(" ", env(), home));
            assertTrue(e.getMessage().startsWith("profileName"), e.getMessage());
        }

        @Test
        void keepsTheCredentialsOfTheFirstSuccessfulRead() throws IOException {
            write(".aws/credentials", "[default]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET
                    + "\n");
            CredentialsProvider p = CredentialsProviders.profile(null, env(), home);
            Credentials first = p.resolveCredentials();
            write(".aws/credentials", "[default]\naws_access_key_id = AKIDNEW\naws_secret_access_key = new\n");
            assertSame(first, p.resolveCredentials());
            assertEquals("AKIDNEW", CredentialsProviders.profile(null, env(), home).resolveCredentials()
                    .accessKeyId(), "a new provider reads the files again");
        }

        @Test
        void retriesAfterAFailure() throws IOException {
            CredentialsProvider p = CredentialsProviders.profile(null, env(), home);
            assertThrows(CredentialsNotFoundException.class, p::resolveCredentials);
            write(".aws/credentials", "[default]\naws_access_key_id = " + ID + "\naws_secret_access_key = " + SECRET
                    + "\n");
            assertEquals(ID, p.resolveCredentials().accessKeyId());
        }

        @Test
        void describeNamesProfileAndFiles() {
            String d = CredentialsProviders.profile("work", env(), home).describe();
            assertEquals("profile file (profile 'work' in " + home.resolve(".aws/credentials") + ", "
                    + home.resolve(".aws/config") + ")", d);
        }
    }

    @Nested
    class DefaultChain {
        private void writeProfile() throws IOException {
            write(".aws/credentials", "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = psecret\n");
        }

        @Test
        void systemPropertiesComeFirstAsInTheSdkForJava2() throws IOException {
            writeProfile();
            CredentialsProvider chain = CredentialsProviders.defaultChain(env("AWS_ACCESS_KEY_ID", "AKIDENV",
                    "AWS_SECRET_ACCESS_KEY", "esecret"), props("aws.accessKeyId", "AKIDPROP",
                    "aws.secretAccessKey", "ssecret"), home);
            assertEquals("AKIDPROP", chain.resolveCredentials().accessKeyId());
        }

        @Test
        void environmentComesSecond() throws IOException {
            writeProfile();
            CredentialsProvider chain = CredentialsProviders.defaultChain(env("AWS_ACCESS_KEY_ID", "AKIDENV",
                    "AWS_SECRET_ACCESS_KEY", "esecret"), props(), home);
            assertEquals("AKIDENV", chain.resolveCredentials().accessKeyId());
        }

        @Test
        void profileComesAfterWebIdentity() throws IOException {
            writeProfile();
            assertEquals("AKIDPROFILE", CredentialsProviders.defaultChain(env(), props(), home).resolveCredentials()
                    .accessKeyId());
        }

        @Test
        void awsProfileIsHonouredInTheChain() throws IOException {
            write(".aws/config", "[profile ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = cisecret\n");
            assertEquals("AKIDCI", CredentialsProviders.defaultChain(env("AWS_PROFILE", "ci"), props(), home)
                    .resolveCredentials().accessKeyId());
        }

        @Test
        void nothingFoundNamesEverySourceAndWhy() {
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.defaultChain(env("AWS_EC2_METADATA_DISABLED", "true"), props(), home)
                            .resolveCredentials());
            String m = e.getMessage();
            assertEquals("No credentials found. Tried, in order: "
                    + "system properties (aws.accessKeyId, aws.secretAccessKey): aws.accessKeyId not set; "
                    + "environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): AWS_ACCESS_KEY_ID not set; "
                    + "web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN): AWS_WEB_IDENTITY_TOKEN_FILE not set; "
                    + "profile file (profile 'default' in " + home.resolve(".aws/credentials") + ", "
                    + home.resolve(".aws/config") + "): file " + home.resolve(".aws/credentials") + " not found, file "
                    + home.resolve(".aws/config") + " not found; "
                    + "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, AWS_CONTAINER_CREDENTIALS_FULL_URI):"
                    + " AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set; "
                    + "instance metadata (IMDSv2, AWS_EC2_METADATA_SERVICE_ENDPOINT): disabled"
                    + " (AWS_EC2_METADATA_DISABLED=true)", m);
        }

        @Test
        void nothingFoundNeverLeaksASecret() throws IOException {
            write(".aws/credentials", "[p]\naws_secret_access_key = " + SECRET + "\naws_session_token = " + TOKEN
                    + "\n");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    () -> CredentialsProviders.defaultChain(env("AWS_SECRET_ACCESS_KEY", SECRET,
                            "AWS_SESSION_TOKEN", TOKEN, "AWS_PROFILE", "p", "AWS_EC2_METADATA_DISABLED", "true"),
                            props("aws.secretAccessKey", SECRET,
                            "aws.sessionToken", TOKEN), home).resolveCredentials());
            assertNoSecret(e.getMessage());
            assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID not set (AWS_SECRET_ACCESS_KEY is set)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("profile 'p' has no aws_access_key_id"), e.getMessage());
        }

        @Test
        void otherExceptionsStopTheChain() {
            CredentialsProvider broken = () -> {
                throw new IllegalStateException("boom");
            };
            CredentialsProvider chain = CredentialsProviders.chain(broken,
                    CredentialsProviders.of(Credentials.of(ID, SECRET)));
            assertThrows(IllegalStateException.class, chain::resolveCredentials);
        }

        @Test
        void theProviderThatAnsweredIsAskedFirstNextTime() {
            int[] envCalls = {0};
            Properties p = props();
            CredentialsProvider counting = new CredentialsProvider() {
                @Override
                public Credentials resolveCredentials() {
                    envCalls[0]++;
                    throw new CredentialsNotFoundException("nothing here");
                }
            };
            CredentialsProvider chain = CredentialsProviders.chain(counting, CredentialsProviders.systemProperties(p),
                    CredentialsProviders.of(Credentials.of("AKIDLAST", "s")));
            assertEquals("AKIDLAST", chain.resolveCredentials().accessKeyId());
            assertEquals(1, envCalls[0]);
            assertEquals("AKIDLAST", chain.resolveCredentials().accessKeyId());
            assertEquals("AKIDLAST", chain.resolveCredentials().accessKeyId());
            assertEquals(1, envCalls[0], "the misses before the answering provider are not repeated");
        }

        @Test
        void whenTheRememberedProviderRunsDryTheChainIsTriedAgain() {
            Properties p = props("aws.accessKeyId", "AKIDPROP", "aws.secretAccessKey", "s");
            CredentialsProvider chain = CredentialsProviders.chain(CredentialsProviders.environment(env()),
                    CredentialsProviders.systemProperties(p), CredentialsProviders.of(Credentials.of("AKIDLAST", "s")));
            assertEquals("AKIDPROP", chain.resolveCredentials().accessKeyId());
            p.clear();
            assertEquals("AKIDLAST", chain.resolveCredentials().accessKeyId());
            p.setProperty("aws.accessKeyId", "AKIDPROP");
            p.setProperty("aws.secretAccessKey", "s");
            assertEquals("AKIDLAST", chain.resolveCredentials().accessKeyId(), "sticks to the provider that answered");
            CredentialsProvider empty = CredentialsProviders.chain(CredentialsProviders.systemProperties(p));
            assertEquals("AKIDPROP", empty.resolveCredentials().accessKeyId());
            p.clear();
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                    empty::resolveCredentials);
            assertTrue(e.getMessage().startsWith("No credentials found. Tried, in order: system properties"),
                    e.getMessage());
        }

        @Test
        void chainOfListAndEmptyChain() {
            CredentialsProvider chain = CredentialsProviders.chain(List.of(
                    CredentialsProviders.environment(env()), CredentialsProviders.of(Credentials.of(ID, SECRET))));
            assertEquals(ID, chain.resolveCredentials().accessKeyId());
            assertTrue(chain.describe().startsWith("chain [environment variables"), chain.describe());
            assertThrows(IllegalArgumentException.class, () -> CredentialsProviders.chain());
            assertThrows(IllegalArgumentException.class, () -> CredentialsProviders.chain(List.of()));
        }

        @Test
        void realSourcesFactoriesBuildWithoutReadingAnything() {
            assertNotSame(CredentialsProviders.defaultChain(), CredentialsProviders.defaultChain());
            // toString reads neither the environment nor the home directory
            assertEquals("ProfileCredentialsProvider[<AWS_PROFILE or default>]",
                    CredentialsProviders.profile().toString());
            assertEquals("ProfileCredentialsProvider[x]", CredentialsProviders.profile("x").toString());
            assertThrows(NullPointerException.class, () -> CredentialsProviders.profile(null));
            assertThrows(NullPointerException.class, () -> CredentialsProviders.environment(null));
            assertThrows(NullPointerException.class, () -> CredentialsProviders.systemProperties(null));
        }
    }
}
