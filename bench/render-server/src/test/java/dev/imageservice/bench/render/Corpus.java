package dev.imageservice.bench.render;

import java.nio.file.Files;
import java.nio.file.Path;

/** The committed image subset {@code testdata/corpus}, for the bench's tests. */
final class Corpus {

  private Corpus() {}

  /** {@code -Dtestdata.dir} (set by the build), else found by walking up from here. */
  static Path committed() {
    String configured = System.getProperty("testdata.dir");
    if (configured != null && Files.isRegularFile(Path.of(configured, "manifest.csv"))) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata/corpus");
      if (Files.isRegularFile(candidate.resolve("manifest.csv"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "testdata/corpus not found above " + Path.of("").toAbsolutePath());
  }
}
