package dev.imageservice.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptedPostgresExtractionTest {

  @TempDir Path work;
  @TempDir Path outside;

  @Test
  void aHalfExtractedFolderIsEmptiedButForItsLockFileAndNothingALinkPointsAtGoes()
      throws IOException {
    Path target = Files.writeString(outside.resolve("libicuuc.so.72"), "not ours");
    Path half = halfExtracted("PG-aaaa");
    Files.createSymbolicLink(half.resolve("lib/libicuuc.so"), target);
    Files.writeString(half.resolve(InterruptedPostgresExtraction.LOCK), "");

    assertThat(InterruptedPostgresExtraction.clear(work)).containsExactly(half);

    try (var left = Files.list(half)) {
      assertThat(left).containsExactly(half.resolve(InterruptedPostgresExtraction.LOCK));
    }
    assertThat(target).hasContent("not ours");
  }

  @Test
  void aCompleteFolderAndFoldersThatAreNotZonkysStay() throws IOException {
    Path complete = halfExtracted("PG-bbbb");
    Files.createFile(complete.resolve(InterruptedPostgresExtraction.COMPLETE));
    Path other = Files.createDirectories(work.resolve("fauxqs/lib"));

    assertThat(InterruptedPostgresExtraction.clear(work)).isEmpty();

    assertThat(complete.resolve("bin/postgres")).exists();
    assertThat(other).exists();
  }

  @Test
  void aFolderWhoseLockIsHeldIsBeingExtractedAndStays() throws IOException {
    Path busy = halfExtracted("PG-cccc");
    try (FileChannel channel =
            FileChannel.open(
                busy.resolve(InterruptedPostgresExtraction.LOCK),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      assertThat(held.isValid()).isTrue();
      assertThat(InterruptedPostgresExtraction.clear(work)).isEmpty();
    }
    assertThat(busy.resolve("bin/postgres")).exists();
  }

  @Test
  void aMissingWorkingDirectoryClearsNothing() {
    assertThat(InterruptedPostgresExtraction.clear(work.resolve("never-made"))).isEmpty();
  }

  private Path halfExtracted(String name) throws IOException {
    Path folder = Files.createDirectories(work.resolve(name));
    Files.createDirectories(folder.resolve("lib"));
    Files.createDirectories(folder.resolve("bin"));
    Files.writeString(folder.resolve("bin/postgres"), "half a binary");
    return folder;
  }
}
