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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default chain has every source, in the order of the AWS SDK for Java 2's
 * {@code DefaultCredentialsProvider}: system properties, environment, web identity, profile,
 * container, instance metadata. Every source is set up (fakes on 127.0.0.1), then taken away one
 * by one from the front; each time the next one answers.
 */
class DefaultChainOrderTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    final TestClock clock = new TestClock(NOW);
    FakeServer sts;
    FakeServer container;
    FakeServer imds;

    @TempDir
    Path home;

    @BeforeEach
    void start() throws IOException {
        Instant exp = NOW.plus(Duration.ofHours(1));
        sts = FakeServer.start(r -> FakeServer.reply(200, StsAnswers.credentials("AssumeRoleWithWebIdentity",
                "ASIAWEBIDENTITY", "s", "t", exp)));
        container = FakeServer.start(r -> FakeServer.reply(200, "{\"AccessKeyId\":\"ASIACONTAINER\","
                + "\"SecretAccessKey\":\"s\",\"Token\":\"t\",\"Expiration\":\"" + exp + "\"}"));
        imds = FakeServer.start(r -> r.method.equals("PUT") ? FakeServer.reply(200, "tok")
                : r.path.endsWith("/security-credentials/") ? FakeServer.reply(200, "role")
                : FakeServer.reply(200, InstanceMetadataTest.credentialsJson("ASIAINSTANCE", exp)));
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[default]\naws_access_key_id = AKIDPROFILE\n"
                + "aws_secret_access_key = s\n");
        Files.writeString(home.resolve("token"), "eyJtoken");
    }

    @AfterEach
    void stop() {
        sts.close();
        container.close();
        imds.close();
    }

    @Test
    void eachSourceAnswersWhenTheOnesBeforeItHaveNothing() throws IOException {
        Properties props = new Properties();
        props.setProperty("aws.accessKeyId", "AKIDPROPERTY");
        props.setProperty("aws.secretAccessKey", "s");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT");
        env.put("AWS_SECRET_ACCESS_KEY", "s");
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", home.resolve("token").toString());
        env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/r");
        env.put("AWS_ENDPOINT_URL_STS", sts.url());
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.url() + "/creds");
        env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url());

        List<String> answers = new ArrayList<>();
        answers.add(resolve(env, props));
        props.clear();
        answers.add(resolve(env, props));
        env.remove("AWS_ACCESS_KEY_ID");
        answers.add(resolve(env, props));
        env.remove("AWS_WEB_IDENTITY_TOKEN_FILE");
        answers.add(resolve(env, props));
        Files.delete(home.resolve(".aws/credentials"));
        answers.add(resolve(env, props));
        env.remove("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        answers.add(resolve(env, props));
        assertEquals(List.of("AKIDPROPERTY", "AKIDENVIRONMENT", "ASIAWEBIDENTITY", "AKIDPROFILE", "ASIACONTAINER",
                "ASIAINSTANCE"), answers);

        env.put("AWS_EC2_METADATA_DISABLED", "true");
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class, () -> resolve(env, props));
        String m = e.getMessage();
        String[] order = {"system properties", "environment variables", "web identity", "profile file",
            "container credentials", "instance metadata"};
        int last = -1;
        for (String source : order) {
            int at = m.indexOf(source);
            assertTrue(at > last, () -> source + " out of order in: " + m);
            last = at;
        }
    }

    private String resolve(Map<String, String> env, Properties props) {
        return CredentialsProviders.defaultChain(CredentialsEnvironment.builder().environment(env)
                .systemProperties(props).home(home).clock(clock).build()).resolveCredentials().accessKeyId();
    }
}
