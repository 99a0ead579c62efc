package dev.imageservice.common.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Files as a killed process leaves them, for the spool sweeps' tests: written, then dated back to
 * when they were last written.
 */
public final class AgedFiles {

  private AgedFiles() {}

  /** Writes {@code contents} to {@code path} and sets its last-modified time; returns the path. */
  public static Path written(Path path, String contents, Instant modified) throws IOException {
    Files.writeString(path, contents);
    Files.setLastModifiedTime(path, FileTime.from(modified));
    return path;
  }
}
