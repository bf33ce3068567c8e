package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code java -jar awssig.jar gateway ...} as a user runs it: it prints its address, serves, and
 * on SIGTERM stops cleanly (Jetty stopped, {@code awssig gateway: stopped} on standard error,
 * the process gone). The time from starting the JVM to the printed address is logged, not
 * asserted (the README quotes it).
 */
@ExtendWith(S3ProxyExtension.class)
class GatewayLifecycleE2ETest {
    @Test
    void printsItsAddressServesAndStopsCleanlyOnSigterm(S3ProxyServer s3proxy) throws Exception {
        GatewayServer gateway = GatewayServer.startProcess(s3proxy);
        try {
            LoggerFactory.getLogger(GatewayLifecycleE2ETest.class).info(
                    "awssig gateway: from java -jar to the printed address in {} ms", gateway.startMillis);
            assertTrue(gateway.endpoint.startsWith("http://127.0.0.1:"), gateway.endpoint);
            try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(gateway.endpoint))
                    .region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            GatewayServer.CLIENT_KEY, GatewayServer.CLIENT_SECRET))).build()) {
                assertEquals(200, s3.listBuckets().sdkHttpResponse().statusCode());
            }
            gateway.process.destroy(); // SIGTERM
            assertTrue(gateway.process.waitFor(20, TimeUnit.SECONDS), "stopped within 20 s of SIGTERM");
            assertFalse(gateway.process.isAlive());
            String err = gateway.stderr();
            assertTrue(err.contains("awssig gateway: stopped"), err);
            assertFalse(err.contains("Exception"), err);
        } finally {
            gateway.close();
        }
    }
}
