package dev.imageservice.worker.storage;

import dev.imageservice.common.spool.StaleSpoolFiles;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.system.PeriodicTask;
import dev.imageservice.worker.system.WorkerScheduler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes the spool files of workers that were killed mid-job, at start and every {@link
 * #INTERVAL}. A worker deletes its own spool file when the job ends; one killed during a render
 * (SIGKILL, an out-of-memory kill) leaves its {@code original-*.bin} on the image-cache volume,
 * which outlives the pod. A spool file is written by the GET and then only read, for at most the
 * render's time limit; one last written more than twice the longest render's limit ago, and at
 * least {@link #MIN_AGE} ago, belongs to no live job. Deleting a file a stalled decoder still maps
 * would not harm it either: the mapping outlives the name.
 */
@Component
class SpoolSweep extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(SpoolSweep.class);

  static final Duration INTERVAL = Duration.ofMinutes(10);
  static final Duration MIN_AGE = Duration.ofHours(1);

  private final WorkerStorageProperties properties;
  private final Duration staleAfter;
  private final Clock clock;

  SpoolSweep(
      WorkerScheduler scheduler,
      WorkerStorageProperties properties,
      RenderPipeline pipeline,
      Clock clock) {
    super(scheduler, INTERVAL);
    this.properties = properties;
    Duration twiceLongest = pipeline.longestRender().multipliedBy(2);
    this.staleAfter = twiceLongest.compareTo(MIN_AGE) > 0 ? twiceLongest : MIN_AGE;
    this.clock = clock;
  }

  /** Deletes the stale spool files now; returns how many. */
  int sweep() {
    try {
      int deleted =
          StaleSpoolFiles.delete(
              properties.spoolDirectory(),
              OriginalFetcher.SPOOL_FILES,
              clock.instant().minus(staleAfter));
      if (deleted > 0) {
        log.info(
            "deleted {} spool file(s) older than {} that killed workers left in {}",
            deleted,
            staleAfter,
            properties.spoolDirectory());
      }
      return deleted;
    } catch (IOException e) {
      log.warn("cannot sweep the spool directory, next try in {}: {}", INTERVAL, e.toString());
      return 0;
    }
  }

  @Override
  protected void runPeriodically() {
    sweep();
  }
}
