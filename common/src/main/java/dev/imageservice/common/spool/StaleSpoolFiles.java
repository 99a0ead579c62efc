package dev.imageservice.common.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * Deletes spool files a killed process left behind. A service deletes its own spool files when a
 * request or job ends; one killed mid-way (SIGKILL, an out-of-memory kill, a node lost) cannot, and
 * on the image-cache volume its files would outlive the pod. A file counts as left behind when it
 * was last written before a cut-off that no live request or render reaches. The volume is shared by
 * every replica, so any replica may sweep another's files; two sweeping at once is harmless.
 */
public final class StaleSpoolFiles {

  private StaleSpoolFiles() {}

  /**
   * Deletes the regular files directly in {@code directory} whose names match {@code glob} and that
   * were last modified before {@code cutOff}. Links, folders and other names are left alone; a
   * missing directory has nothing to sweep.
   *
   * @return how many files were deleted
   * @throws IOException when the directory cannot be listed
   */
  public static int delete(Path directory, String glob, Instant cutOff) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, glob)) {
      for (Path file : files) {
        if (isStale(file, cutOff) && deleteIfPresent(file)) {
          deleted++;
        }
      }
    } catch (NoSuchFileException e) {
      return deleted;
    }
    return deleted;
  }

  private static boolean isStale(Path file, Instant cutOff) {
    try {
      // Not following links: a link planted in the volume must not make us delete its target.
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile()
          && attributes.lastModifiedTime().toInstant().isBefore(cutOff);
    } catch (IOException e) {
      // Gone already (its request ended, or another replica swept it) or unreadable: not ours now.
      return false;
    }
  }

  private static boolean deleteIfPresent(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left for the next sweep; one undeletable file must not stop the rest.
      return false;
    }
  }
}
