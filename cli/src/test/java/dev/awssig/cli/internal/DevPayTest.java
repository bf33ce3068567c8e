package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DevPay options: the devpay decorator found through the SPI as DEVPAY+inner. */
class DevPayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "{UserToken}AAAHVXNlclRrbgfOpSykBAXO7g/zG....";
    private static final String PRODUCT = "{ProductToken}AAAGQXBwVGtu4geoGybuwuG...";

    @TempDir
    Path home;

    @Test
    void signSignsTheUserToken() throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home).run("sign", "--json", "--time", "20130524T000000Z",
                "--devpay-user-token", USER, "--url", "https://examplebucket.s3.amazonaws.com/test.txt");
        assertEquals(0, r.code, r::toString);
        JsonNode out = JSON.readTree(r.out);
        assertTrue(out.get("canonicalRequest").asText().contains("\nx-amz-security-token:" + USER + "\n"), r.out);
    }

    @Test
    void signV2WithLegacyTokensSendsBoth() throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home).run("sign", "--v2", "--json", "--time",
                "20130524T000000Z", "--devpay-user-token", USER, "--devpay-product-token", PRODUCT, "--url",
                "https://examplebucket.s3.amazonaws.com/test.txt");
        assertEquals(0, r.code, r::toString);
        JsonNode out = JSON.readTree(r.out);
        assertTrue(out.get("stringToSign").asText().contains("x-amz-security-token:" + USER + "," + PRODUCT + "\n"),
                r.out);
    }

    @Test
    void presignCarriesTheUserTokenInTheUrl() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("presign", "s3://examplebucket/test.txt",
                "--devpay-user-token", "usertoken+/=", "--time", "20130524T000000Z");
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.contains("X-Amz-Security-Token=usertoken%2B%2F%3D"), r.out);
    }

    @Test
    void presignRefusesAProductToken() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("presign", "s3://examplebucket/test.txt",
                "--devpay-user-token", USER, "--devpay-product-token", PRODUCT);
        UserMistakesTest.assertUserError(r, "productToken");
        assertFalse(r.err.contains(PRODUCT) || r.err.contains(USER), "tokens are never in messages");
    }

    @Test
    void sessionCredentialsAreRefusedWithDevPay() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("sign", "--url", "https://examplebucket.s3.amazonaws.com/a",
                "--devpay-user-token", USER, "--session-token", "FQoGZXIvYXdz");
        UserMistakesTest.assertUserError(r, "DevPay", "session token");
    }

    @Test
    void queryApiCannotCarryDevPayTokens() {
        UserMistakesTest.assertUserError(CliHarness.withCredentials(home).run("sign", "--v2-query", "--url",
                "https://elasticmapreduce.amazonaws.com/?Action=DescribeJobFlows", "--devpay-user-token", USER),
                "AWS-QUERY-V2");
    }

    @Test
    void postFormCarriesTheUserToken() throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home).run("post-form", "s3://examplebucket/a.txt",
                "--devpay-user-token", USER, "--time", "20151229T000000Z");
        assertEquals(0, r.code, r::toString);
        assertEquals(USER, JSON.readTree(r.out).get("fields").get("x-amz-security-token").asText());
    }
}
