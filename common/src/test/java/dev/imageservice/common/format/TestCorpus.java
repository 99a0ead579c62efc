package dev.imageservice.common.format;

import java.nio.file.Files;
import java.nio.file.Path;

/** The committed corpus subset, found by walking up from the working directory. */
final class TestCorpus {

  private TestCorpus() {}

  static Path committed() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata/corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("testdata/corpus not found above the working directory");
  }
}
