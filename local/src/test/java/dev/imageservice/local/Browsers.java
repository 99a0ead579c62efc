package dev.imageservice.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a Chromium (or Chrome) and its chromedriver are on this machine: Debian's {@code /usr/bin},
 * anything on the {@code PATH} (Homebrew, other distributions' names) and the macOS application
 * bundles. Stateless.
 */
final class Browsers {

  private Browsers() {}

  static Optional<Path> chromium() {
    return first(
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
  }

  static Optional<Path> chromedriver() {
    return first("chromedriver");
  }

  /** The first executable: absolute names as they are, bare names in /usr/bin and on the PATH. */
  static Optional<Path> first(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(names)
        .flatMap(
            name ->
                name.startsWith("/")
                    ? Stream.of(Path.of(name))
                    : Stream.concat(
                            Stream.of("/usr/bin"), Stream.of(path.split(File.pathSeparator)))
                        .filter(dir -> !dir.isBlank())
                        .map(dir -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
