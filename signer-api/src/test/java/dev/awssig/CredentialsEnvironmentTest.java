package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home directory as the AWS CLI and SDKs find it, and the other parts of the environment. */
class CredentialsEnvironmentTest {
    @TempDir
    Path tmp;

    static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    static Path home(Map<String, String> env, Properties props) {
        return CredentialsEnvironment.builder().environment(env).systemProperties(props).build().home();
    }

    @Test
    void homeVariableWinsOverUserHome() {
        assertEquals(Paths.get("/some/dir"), home(Map.of("HOME", "/some/dir"), props("user.home", "/jvm/home",
                "os.name", "Linux")));
    }

    @Test
    void userHomeWhenHomeIsUnsetOrBlank() {
        assertEquals(Paths.get("/jvm/home"), home(Map.of(), props("user.home", "/jvm/home", "os.name", "Linux")));
        assertEquals(Paths.get("/jvm/home"), home(Map.of("HOME", " "), props("user.home", "/jvm/home")));
    }

    @Test
    void onWindowsUserProfileThenHomeDriveAndPathBeforeUserHome() {
        Properties windows = props("user.home", "C:\\\\jvm", "os.name", "Windows 11");
        assertEquals(Paths.get("/home/from/HOME"), home(Map.of("HOME", "/home/from/HOME", "USERPROFILE", "/profile"),
                windows));
        assertEquals(Paths.get("/profile"), home(Map.of("USERPROFILE", "/profile", "HOMEDRIVE", "/d",
                "HOMEPATH", "/p"), windows));
        assertEquals(Paths.get("/d/p"), home(Map.of("HOMEDRIVE", "/d", "HOMEPATH", "/p"), windows));
        assertEquals(Paths.get("C:\\\\jvm"), home(Map.of("HOMEDRIVE", "/d"), windows));
        assertEquals(Paths.get("/jvm"), home(Map.of("USERPROFILE", "/profile"), props("user.home", "/jvm",
                "os.name", "Linux")), "USERPROFILE is for Windows only");
    }

    @Test
    void noHomeAtAllSaysSo() {
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class,
                () -> home(Map.of(), new Properties()));
        assertEquals("the home directory is unknown: neither HOME nor user.home is set", e.getMessage());
    }

    @Test
    void aGivenHomeIsUsedAsIs() {
        assertEquals(tmp, CredentialsEnvironment.builder().environment(Map.of("HOME", "/elsewhere")).home(tmp).build()
                .home());
    }

    @Test
    void theProfileProviderReadsTheFilesUnderHome() throws IOException {
        Files.createDirectories(tmp.resolve(".aws"));
        Files.writeString(tmp.resolve(".aws/credentials"), "[default]\naws_access_key_id = AKIDHOME\n"
                + "aws_secret_access_key = s\n");
        CredentialsEnvironment env = CredentialsEnvironment.builder().environment(Map.of("HOME", tmp.toString()))
                .systemProperties(props("user.home", "/nonexistent", "os.name", "Linux")).build();
        assertEquals("AKIDHOME", CredentialsProviders.profile(null, env).resolveCredentials().accessKeyId());
        assertEquals("AKIDHOME", CredentialsProviders.defaultChain(env).resolveCredentials().accessKeyId());
    }

    @Test
    void variablesPropertiesAndClock() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Properties p = props("aws.region", " eu-west-1 ");
        CredentialsEnvironment env = CredentialsEnvironment.builder().environment(Map.of("A", " v ", "B", " "))
                .systemProperties(p).clock(fixed).build();
        assertEquals("v", env.variable("A"));
        assertNull(env.variable("B"));
        assertNull(env.variable("C"));
        assertEquals("eu-west-1", env.systemProperty("aws.region"));
        p.setProperty("aws.region", "us-east-2");
        assertEquals("us-east-2", env.systemProperty("aws.region"), "properties are read at each use");
        assertSame(fixed, env.clock());
        assertSame(CredentialsEnvironment.system(), CredentialsEnvironment.system());
        assertEquals(Clock.systemUTC(), CredentialsEnvironment.system().clock());
        assertThrows(NullPointerException.class, () -> CredentialsEnvironment.builder().environment(null));
        assertThrows(NullPointerException.class, () -> CredentialsEnvironment.builder().clock(null));
    }
}
