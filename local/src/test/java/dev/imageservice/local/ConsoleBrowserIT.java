package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium drives the web console against the running system: two real images and
 * one broken file are uploaded; two sets of thumbnails and one clear failure appear. Leaves a
 * screenshot in {@code target/console.png}.
 */
class ConsoleBrowserIT {

  // Wherever they are installed (Debian's /usr/bin, the PATH, macOS application bundles).
  private static final Optional<Path> CHROMEDRIVER = Browsers.chromedriver();
  private static final Optional<Path> CHROMIUM = Browsers.chromium();
  private static final String KEY = "console-tenant-key-0123456789abcdef";

  private static LocalSystem system;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws IOException {
    boolean present = CHROMEDRIVER.isPresent() && CHROMIUM.isPresent();
    if (!present && !"true".equals(System.getenv("CI"))) {
      // A developer's machine may lack Chromium; CI installs it (.ci/run), so there it must run.
      Assumptions.abort(
          "Chromium (or Chrome) and chromedriver not found in /usr/bin, on the PATH or in"
              + " /Applications: apt-get install chromium chromium-driver, or brew install"
              + " --cask chromium chromedriver");
    }
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of("server.port", 0, "image-service.auth.keys", "console:" + KEY),
            Map.of("server.port", 0));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.orElseThrow().toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1400",
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.orElseThrow().toFile())
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (system != null) {
      system.close();
    }
  }

  @Test
  void uploadsShowTheirThumbnailsAndABrokenFileShowsItsFailure() throws IOException {
    Path broken = Files.createTempFile("broken-", ".jpg");
    byte[] jpeg = Files.readAllBytes(UploadToThumbnailsIT.corpus("S10_nikon_d2h.jpg"));
    Files.write(broken, Arrays.copyOf(jpeg, jpeg.length / 3));
    List<Path> files =
        List.of(
            UploadToThumbnailsIT.corpus("S01_iphone4s_orient6.jpg"),
            UploadToThumbnailsIT.corpus("S21_yellow_rose_rgba.png"),
            broken);

    browser.get("http://localhost:" + system.apiPort() + "/");
    browser.findElement(By.id("api-key")).sendKeys(KEY);
    browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();
    browser
        .findElement(By.id("file-input"))
        .sendKeys(
            String.join("\n", files.stream().map(p -> p.toAbsolutePath().toString()).toList()));

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              List<WebElement> cards = browser.findElements(By.cssSelector("#uploads .card"));
              assertThat(cards).hasSize(3);
              assertThat(cards.stream().map(c -> c.getAttribute("data-status")))
                  .containsExactlyInAnyOrder("SUCCEEDED", "SUCCEEDED", "FAILED");
              assertThat(loadedThumbnails()).isEqualTo(6);
            });
    WebElement failed = browser.findElement(By.cssSelector("#uploads .card[data-status=FAILED]"));
    assertThat(failed.findElement(By.className("error")).getText()).startsWith("corrupt_image: ");
    assertThat(failed.findElement(By.className("name")).getText()).startsWith("broken-");
    WebElement portrait =
        browser.findElement(
            By.xpath("//li[contains(@class,'card')][.//span[text()='S01_iphone4s_orient6.jpg']]"));
    assertThat(portrait.findElement(By.className("thumbs")).getText()).contains("medium: 102×205");

    Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Path target = Path.of("target", "console.png");
    Files.createDirectories(target.getParent());
    Files.copy(screenshot, target, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(target)).isPositive();
  }

  private static long loadedThumbnails() {
    Object count =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll('#uploads .thumbs img')]"
                    + ".filter(i => i.complete && i.naturalWidth > 0).length;");
    return ((Number) count).longValue();
  }
}
