package dev.imageservice.common.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.testing.AgedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleSpoolFilesTest {

  private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  private static final Instant CUT_OFF = NOW.minus(Duration.ofHours(1));

  @TempDir Path spool;

  @Test
  void deletesOnlyMatchingFilesLastWrittenBeforeTheCutOff() throws IOException {
    Path leftBehind = file("original-1.bin", NOW.minus(Duration.ofHours(3)));
    Path justBefore = file("original-2.bin", CUT_OFF.minusSeconds(1));
    Path live = file("original-3.bin", NOW.minus(Duration.ofMinutes(5)));
    Path atCutOff = file("original-4.bin", CUT_OFF);
    Path otherName = file("notes.txt", NOW.minus(Duration.ofDays(30)));

    int deleted = StaleSpoolFiles.delete(spool, "original-*.bin", CUT_OFF);

    assertThat(deleted).isEqualTo(2);
    assertThat(leftBehind).doesNotExist();
    assertThat(justBefore).doesNotExist();
    assertThat(live).exists();
    assertThat(atCutOff).exists();
    assertThat(otherName).exists();
  }

  @Test
  void leavesLinksAndFoldersAndWhatTheyPointAtAlone() throws IOException {
    Path elsewhere = Files.createDirectory(spool.resolve("elsewhere"));
    Path target = file(elsewhere.resolve("precious.bin"), NOW.minus(Duration.ofDays(2)));
    Path link = Files.createSymbolicLink(spool.resolve("original-link.bin"), target);
    Path folder = Files.createDirectory(spool.resolve("original-dir.bin"));
    Files.setLastModifiedTime(folder, FileTime.from(NOW.minus(Duration.ofDays(2))));

    int deleted = StaleSpoolFiles.delete(spool, "original-*.bin", CUT_OFF);

    assertThat(deleted).isZero();
    assertThat(link).isSymbolicLink();
    assertThat(target).exists();
    assertThat(folder).isDirectory();
  }

  @Test
  void doesNotLookIntoFolders() throws IOException {
    Path nested = Files.createDirectory(spool.resolve("nested"));
    Path deeper = file(nested.resolve("original-1.bin"), NOW.minus(Duration.ofDays(2)));

    assertThat(StaleSpoolFiles.delete(spool, "original-*.bin", CUT_OFF)).isZero();
    assertThat(deeper).exists();
  }

  @Test
  void aMissingDirectoryHasNothingToSweep() throws IOException {
    assertThat(StaleSpoolFiles.delete(spool.resolve("never-created"), "*.bin", CUT_OFF)).isZero();
  }

  private Path file(String name, Instant modified) throws IOException {
    return file(spool.resolve(name), modified);
  }

  private static Path file(Path path, Instant modified) throws IOException {
    return AgedFiles.written(path, "bytes of an original", modified);
  }
}
