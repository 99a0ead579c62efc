package dev.imageservice.api.upload;

import dev.imageservice.common.spool.StaleSpoolFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the upload spool files of API replicas that were killed mid-request, at start and every
 * ten minutes: raw bodies ({@code upload-*.bin}) and Tomcat's multipart parts ({@code upload_*.tmp}
 * in the {@code multipart} folder). A request deletes its own file when it ends; a killed process
 * cannot, and on the image-cache volume its files outlive the pod. A spool file is written while
 * the body arrives and read once by the S3 put, so one last written over {@link #STALE_AFTER} ago
 * belongs to no live request.
 */
@Component
class UploadSpoolSweep {

  private static final Logger log = LoggerFactory.getLogger(UploadSpoolSweep.class);

  static final Duration STALE_AFTER = Duration.ofHours(1);

  private final Path directory;
  private final Clock clock;

  UploadSpoolSweep(UploadProperties properties, Clock clock) {
    this.directory = MultipartConfig.spoolDirectory(properties);
    this.clock = clock;
  }

  @Scheduled(fixedDelay = 10, initialDelay = 0, timeUnit = TimeUnit.MINUTES)
  void sweepLeftovers() {
    int deleted = sweep();
    if (deleted > 0) {
      log.info(
          "deleted {} upload spool file(s) older than {} that killed replicas left in {}",
          deleted,
          STALE_AFTER,
          directory);
    }
  }

  /** Deletes the stale spool files now; returns how many. */
  int sweep() {
    Instant cutOff = clock.instant().minus(STALE_AFTER);
    try {
      return StaleSpoolFiles.delete(directory, UploadSpooler.SPOOL_FILES, cutOff)
          + StaleSpoolFiles.delete(
              directory.resolve(MultipartConfig.FOLDER), MultipartConfig.PART_FILES, cutOff);
    } catch (IOException e) {
      log.warn("cannot sweep the upload spool directory, next try in 10 minutes: {}", e.toString());
      return 0;
    }
  }
}
