package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the browser test finds Chromium and chromedriver wherever they are installed. */
class BrowsersTest {

  @Test
  void findsAnExecutableByAbsolutePathAndSkipsWhatIsMissingOrNotExecutable(@TempDir Path dir)
      throws IOException {
    Path plain = Files.createFile(dir.resolve("plain"));
    Path browser = Files.createFile(dir.resolve("browser"));
    Files.setPosixFilePermissions(browser, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(
            Browsers.first(dir.resolve("absent").toString(), plain.toString(), browser.toString()))
        .contains(browser);
    assertThat(Browsers.first(dir.resolve("absent").toString())).isEmpty();
  }

  @Test
  void findsABareNameOnThePath() {
    // sh is on every PATH of the machines the build supports (Linux, macOS).
    assertThat(Browsers.first("no-such-browser-here", "sh"))
        .hasValueSatisfying(p -> assertThat(p.getFileName()).hasToString("sh"));
  }
}
