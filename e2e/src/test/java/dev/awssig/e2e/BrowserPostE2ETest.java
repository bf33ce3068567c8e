package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.slf4j.LoggerFactory;

/**
 * The upload page post-policy renders ({@code PostForm.toHtml()}), served from a local page
 * server and used by headless Chromium as a person would: with JavaScript (the upload goes through
 * {@code XMLHttpRequest} with a progress bar and the server's answer shown in the page; a
 * screenshot is saved) and with JavaScript off (the plain form; the browser shows the server's
 * answer). Every uploaded file is read back from the server.
 */
@ExtendWith({S3ProxyExtension.class, GatewayExtension.class})
class BrowserPostE2ETest {
    private static final String BUCKET = "browser-uploads";
    /** Where the screenshot of the page after an upload goes (e2e/README.md shows a copy). */
    static final String SCREENSHOT = "upload-page.png";

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

    @AfterEach
    void javaScriptBackOn() {
        if (chromium != null) {
            chromium.driver().executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    private static PostForm form(PostFormSigner signer, String prefix) {
        return form(signer, prefix, endpoint);
    }

    private static PostForm form(PostFormSigner signer, String prefix, String endpoint) {
        Clock clock = Clock.systemUTC();
        return signer.sign(PostFormRequest.builder()
                .bucket(BUCKET)
                .policy(PostPolicy.builder()
                        .expiration(clock.instant().plus(Duration.ofMinutes(10)))
                        .keyStartsWith(prefix)
                        .contentLengthRange(1, 10_000)
                        .successActionStatus(201)
                        .build())
                .key(prefix + "${filename}")
                .endpoint(URI.create(endpoint))
                .build());
    }

    private static byte[] file(String fileName, String text) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        Files.write(work.resolve(fileName), content);
        return content;
    }

    /** Opens the page, picks the file and presses the page's button. */
    private static void pickAndPress(PostForm form, String page, String fileName) {
        chromium.driver().get(pages.serve(page, form.toHtml()));
        WebElement formElement = chromium.driver().findElement(By.tagName("form"));
        assertEquals(form.actionUrl().toString(), formElement.getDomProperty("action"));
        chromium.driver().findElement(By.id("file")).sendKeys(work.resolve(fileName).toString());
        chromium.driver().findElement(By.cssSelector("form button")).click();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited 20 s for " + what + "; page now: "
                    + chromium.driver().getPageSource());
            Thread.sleep(100);
        }
    }

    private static void assertArrived(String key, byte[] content) throws Exception {
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

    /** With JavaScript: progress bar filled, the server's answer in the page. */
    private static String uploadWithJavaScript(PostFormSigner signer, String prefix, String fileName) throws Exception {
        PostForm form = form(signer, prefix);
        byte[] content = file(fileName, "uploaded by Chromium through the " + signer.algorithm() + " page\n");
        pickAndPress(form, "/" + signer.version() + "-js.html", fileName);
        WebElement result = chromium.driver().findElement(By.id("result"));
        waitFor(result::isDisplayed, "the server's answer in the page");
        String answer = result.getText();
        assertTrue(answer.startsWith("Uploaded " + fileName + " (" + content.length + " bytes) as " + prefix + fileName),
                answer + "\npage: " + chromium.driver().getPageSource());
        assertTrue(answer.contains("HTTP 201") && answer.contains("<PostResponse>"), "the server's answer: " + answer);
        assertEquals("ok", result.getDomAttribute("class"));
        WebElement bar = chromium.driver().findElement(By.id("progress-bar"));
        assertTrue(bar.isDisplayed());
        assertEquals(bar.getDomProperty("max"), bar.getDomProperty("value"), "progress bar full");
        assertTrue(chromium.driver().findElement(By.id("progress-text")).getText().startsWith("100 %"));
        assertTrue(chromium.driver().getCurrentUrl().startsWith(pages.base()), "stayed on the page");
        assertArrived(prefix + fileName, content);
        return answer;
    }

    @Test
    void chromiumUploadsThroughTheSigV4PageWithJavaScriptAndShowsProgressAndAnswer() throws Exception {
        uploadWithJavaScript(PostFormSigner.v4(Fixtures.config()), "chromium/v4/", "hello v4.txt");
        byte[] png = chromium.driver().getScreenshotAs(OutputType.BYTES);
        Path shot = work.resolve(SCREENSHOT);
        Files.write(shot, png);
        String copy = System.getProperty("awssig.e2e.screenshot");
        if (copy != null) {
            Files.write(Paths.get(copy), png);
        }
        assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG at " + shot);
    }

    @Test
    void chromiumUploadsThroughTheSigV2PageWithJavaScript() throws Exception {
        uploadWithJavaScript(PostFormSigner.v2(Fixtures.config()), "chromium/v2/", "hello v2.txt");
    }

    @Test
    void chromiumUploadsThroughThePlainFormWithJavaScriptOff() throws Exception {
        postPlainForm(PostFormSigner.v4(Fixtures.config()), endpoint, "chromium/plain/", "hello plain.txt");
    }

    /**
     * The same plain form, signed with a key of {@code awssig gateway} and posted through it: the
     * gateway checks the form's signature and policy and stores the file in s3proxy.
     */
    @Test
    void chromiumPostsThePlainFormThroughTheGateway(GatewayServer gateway) throws Exception {
        PostFormSigner signer = PostFormSigner.v4(Fixtures.config(dev.awssig.Credentials.of(GatewayServer.CLIENT_KEY,
                GatewayServer.CLIENT_SECRET), Clock.systemUTC()).build());
        postPlainForm(signer, gateway.endpoint, "chromium/gateway/", "through the gateway.txt");
        assertTrue(gateway.accessLog().stream().anyMatch(l -> l.contains(" " + GatewayServer.CLIENT_KEY
                + " POST_POLICY_V4 POST /" + BUCKET)), String.join("\n", gateway.accessLog()));
    }

    private static void postPlainForm(PostFormSigner signer, String target, String prefix, String fileName)
            throws Exception {
        chromium.driver().executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        PostForm form = form(signer, prefix, target);
        byte[] content = file(fileName, "uploaded by Chromium with JavaScript off\n");
        pickAndPress(form, "/plain.html", fileName);
        // the browser itself posted the form and now shows the server's answer, S3's PostResponse
        waitFor(() -> chromium.driver().getCurrentUrl().startsWith(target), "the server's answer as a page");
        String answer = chromium.driver().getPageSource();
        assertTrue(answer.contains("PostResponse") && answer.contains(prefix + fileName), answer);
        assertFalse(answer.contains("progress-bar"), "no longer the upload page");
        assertArrived(prefix + fileName, content);
    }
}
