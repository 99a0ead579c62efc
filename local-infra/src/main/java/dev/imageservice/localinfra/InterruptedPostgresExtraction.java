package dev.imageservice.localinfra;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a start killed during its first extraction of the PostgreSQL binaries left behind.
 * zonky extracts them once into {@code <working directory>/PG-<digest>}, under a file lock ({@code
 * epg-lock}), and marks the folder complete with an empty {@code .exists} file. A process killed
 * before the mark (Ctrl-C during the quick start's first start, an out-of-memory kill) leaves the
 * folder half full without it; every later start then extracts into it again and fails on the first
 * symbolic link already there ({@code FileAlreadyExistsException} from {@code extractTxz}), until
 * someone deletes the folder by hand. Run before a start, this empties such a folder, keeping its
 * lock file, so that zonky extracts afresh.
 *
 * <p>A folder whose lock another process or thread holds is being extracted now and is left alone,
 * as is one with the mark; the lock is held while the folder is emptied, so a start elsewhere waits
 * for it as for any extraction. Links are deleted, never followed.
 */
final class InterruptedPostgresExtraction {

  private static final Logger log = LoggerFactory.getLogger(InterruptedPostgresExtraction.class);

  /** zonky's mark of a complete extraction, and the file it locks while extracting. */
  static final String COMPLETE = ".exists";

  static final String LOCK = "epg-lock";

  private InterruptedPostgresExtraction() {}

  /**
   * Where zonky extracts its binaries unless told otherwise (its own default, property included).
   */
  static Path zonkyWorkingDirectory() {
    Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
    return Path.of(System.getProperty("ot.epg.working-dir", fallback.toString()));
  }

  /**
   * Empties every unmarked, unlocked {@code PG-*} folder in {@code workingDirectory}, but for its
   * lock file; a missing working directory is not an error, and a folder that cannot be emptied is
   * logged and left for zonky's own error.
   *
   * @return the folders emptied
   */
  static List<Path> clear(Path workingDirectory) {
    List<Path> cleared = new ArrayList<>();
    if (!Files.isDirectory(workingDirectory, LinkOption.NOFOLLOW_LINKS)) {
      return cleared;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(workingDirectory, "PG-*")) {
      for (Path folder : folders) {
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
            && !Files.exists(folder.resolve(COMPLETE), LinkOption.NOFOLLOW_LINKS)
            && clearUnlessLocked(folder)) {
          cleared.add(folder);
        }
      }
    } catch (IOException e) {
      log.warn("cannot look for interrupted PostgreSQL extractions in {}: {}", workingDirectory, e);
    }
    return cleared;
  }

  private static boolean clearUnlessLocked(Path folder) {
    try (FileChannel channel =
            FileChannel.open(
                folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel)) {
      // Checked again under the lock: an extraction may have finished since the first look.
      if (lock == null || Files.exists(folder.resolve(COMPLETE), LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      Path lockFile = folder.resolve(LOCK);
      FileTrees.delete(folder, p -> p.equals(folder) || p.equals(lockFile));
      log.warn(
          "removed the PostgreSQL binaries that an interrupted first start left half extracted in"
              + " {}; they are extracted again now",
          folder);
      return true;
    } catch (IOException e) {
      log.warn("cannot clear the half-extracted PostgreSQL binaries in {}: {}", folder, e);
      return false;
    }
  }

  /** The lock, or null when another process holds it or another thread of this one does. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }
}
