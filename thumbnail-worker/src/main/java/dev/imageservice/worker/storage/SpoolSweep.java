package dev.imageservice.worker.storage;

import dev.imageservice.common.spool.StaleSpoolFiles;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.system.WorkerScheduler;
import dev.imageservice.worker.system.WorkerScheduler.Heartbeat;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
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
class SpoolSweep implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SpoolSweep.class);

  static final Duration INTERVAL = Duration.ofMinutes(10);
  static final Duration MIN_AGE = Duration.ofHours(1);

  private final WorkerScheduler scheduler;
  private final WorkerStorageProperties properties;
  private final Duration staleAfter;
  private final Clock clock;
  private volatile @Nullable Heartbeat sweeping;

  SpoolSweep(
      WorkerScheduler scheduler,
      WorkerStorageProperties properties,
      RenderPipeline pipeline,
      Clock clock) {
    this.scheduler = scheduler;
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
  public void start() {
    sweeping = scheduler.every(Duration.ZERO, INTERVAL, this::sweep);
  }

  @Override
  public void stop() {
    Heartbeat running = sweeping;
    if (running != null) {
      running.close();
      sweeping = null;
    }
  }

  @Override
  public boolean isRunning() {
    return sweeping != null;
  }
}
