package dev.awssig.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, driven headless through Selenium with
 * both paths given explicitly, so Selenium Manager never looks for (or downloads) anything.
 * Paths can be overridden with {@code -Dawssig.e2e.chromium=} and {@code -Dawssig.e2e.chromedriver=}.
 */
final class HeadlessChromium implements AutoCloseable {
    static final String BROWSER = System.getProperty("awssig.e2e.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("awssig.e2e.chromedriver", "/usr/bin/chromedriver");

    /**
     * Selenium logs through java.util.logging; its warning that it has no DevTools binding for
     * this Chromium version is noise here (the test uses WebDriver only). Held strongly so the
     * level sticks.
     */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /**
     * Whether both binaries are installed.
     *
     * @return true when the browser and its driver are executable files
     */
    static boolean isInstalled() {
        return Files.isExecutable(Paths.get(BROWSER)) && Files.isExecutable(Paths.get(DRIVER));
    }

    /**
     * Starts the driver and a headless browser with a throwaway profile.
     *
     * @param workDir a directory for the profile and the driver's log
     * @return the running browser
     * @throws IOException if the profile directory cannot be made
     */
    static HeadlessChromium start(Path workDir) throws IOException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withLogFile(workDir.resolve("chromedriver.log").toFile())
                .withEnvironment(Map.of("HOME", profile.toString()))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--window-size=900,900", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--user-data-dir=" + profile);
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(service, driver);
    }

    /** The WebDriver. */
    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
