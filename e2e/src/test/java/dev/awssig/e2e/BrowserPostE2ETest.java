package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.slf4j.LoggerFactory;

/**
 * The HTML page post-policy renders, served from a local page server, filled in and submitted by
 * headless Chromium; the uploaded file is then read back from the server.
 */
@ExtendWith(S3ProxyExtension.class)
class BrowserPostE2ETest {
    private static final String BUCKET = "browser-uploads";

    private static Path work;
    private static LocalPages pages;
    private static HeadlessChromium chromium;
    private static S3Client owner;
    private static String endpoint;

    private static final String SKIPPED = "Chromium not installed: browser test skipped (needs "
            + HeadlessChromium.BROWSER + " and " + HeadlessChromium.DRIVER
            + "; on Debian: apt-get install chromium chromium-driver)";

    @BeforeAll
    static void start(S3ProxyServer s) throws IOException {
        if (!HeadlessChromium.isInstalled()) {
            LoggerFactory.getLogger(BrowserPostE2ETest.class).warn(SKIPPED);
            return;
        }
        work = Files.createDirectories(Paths.get(System.getProperty("awssig.e2e.workDir",
                System.getProperty("java.io.tmpdir")))).resolve("browser");
        Files.createDirectories(work);
        endpoint = s.endpoint();
        owner = new S3Client(endpoint, Fixtures.signing(Fixtures.v4()));
        Scenarios.createBucket(owner, BUCKET);
        pages = new LocalPages();
        chromium = HeadlessChromium.start(work);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (pages != null) {
            pages.close();
        }
    }

    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null, SKIPPED);
    }

    private static void uploadThroughTheBrowser(PostFormSigner signer, String prefix, String fileName) throws Exception {
        Clock clock = Clock.systemUTC();
        PostForm form = signer.sign(PostFormRequest.builder()
                .bucket(BUCKET)
                .policy(PostPolicy.builder()
                        .expiration(clock.instant().plus(Duration.ofMinutes(10)))
                        .keyStartsWith(prefix)
                        .contentLengthRange(1, 10_000)
                        .build())
                .key(prefix + "${filename}")
                .endpoint(URI.create(endpoint))
                .build());
        byte[] content = ("uploaded by Chromium through a " + signer.algorithm() + " form\n")
                .getBytes(StandardCharsets.UTF_8);
        Path file = work.resolve(fileName);
        Files.write(file, content);

        String page = pages.serve("/" + signer.version() + ".html", form.toHtml());
        chromium.driver().get(page);
        WebElement fileInput = chromium.driver().findElement(By.cssSelector("input[type=file]"));
        fileInput.sendKeys(file.toString());
        WebElement formElement = chromium.driver().findElement(By.tagName("form"));
        assertEquals(form.actionUrl().toString(), formElement.getDomProperty("action"));
        formElement.submit();

        String key = prefix + fileName;
        S3Http.Response get = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            get = owner.get(BUCKET, key);
            if (get.status() == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(get != null && get.status() == 200, "the browser's upload never arrived at '" + key + "': "
                + (get == null ? "" : get.describe()) + "; page now: " + chromium.driver().getPageSource());
        assertArrayEquals(content, get.body());
    }

    @Test
    void chromiumSubmitsTheRenderedSigV4Form() throws Exception {
        uploadThroughTheBrowser(PostFormSigner.v4(Fixtures.config()), "chromium/v4/", "hello v4.txt");
    }

    @Test
    void chromiumSubmitsTheRenderedSigV2Form() throws Exception {
        uploadThroughTheBrowser(PostFormSigner.v2(Fixtures.config()), "chromium/v2/", "hello v2.txt");
    }
}
