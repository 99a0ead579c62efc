package dev.imageservice.worker.backfill;

import dev.imageservice.common.backfill.BackfillItem;
import dev.imageservice.common.backfill.BackfillRepository;
import dev.imageservice.worker.job.InFlightJobs;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Works through backfill items at a lower priority than fresh uploads: one thread, one item at a
 * time, and only while this worker holds no job from the main queue; it looks again every {@code
 * poll-interval}. Backfill items are a queue of their own, in the database ({@link
 * BackfillRepository}): a worker's main-queue work always goes first, and a backfill can use at
 * most one of a worker's render slots. Stops before the main listener's resources close: an item
 * being rendered then is interrupted and given back. Thread-safe.
 */
@Component
class BackfillRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BackfillRunner.class);

  private final Jdbi jdbi;
  private final BackfillRepository backfills = new BackfillRepository();
  private final BackfillRenderer renderer;
  private final InFlightJobs mainQueueJobs;
  private final BackfillProperties properties;
  private final Clock clock;
  private volatile ScheduledExecutorService executor;

  BackfillRunner(
      Jdbi jdbi,
      BackfillRenderer renderer,
      InFlightJobs mainQueueJobs,
      BackfillProperties properties,
      Clock clock) {
    this.jdbi = jdbi;
    this.renderer = renderer;
    this.mainQueueJobs = mainQueueJobs;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("backfill").daemon().factory());
    long interval = properties.pollInterval().toMillis();
    executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** Renders items while there are some and the main queue leaves this worker idle. */
  void drain() {
    try {
      while (!Thread.currentThread().isInterrupted() && mainQueueJobs.count() == 0) {
        Optional<BackfillItem> item =
            jdbi.inTransaction(h -> backfills.claimNext(h, properties.lease(), clock.instant()));
        if (item.isEmpty()) {
          return;
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", item.get().jobId().toString())) {
          renderer.render(item.get());
        }
      }
    } catch (RuntimeException e) {
      // The item was given back (or its lease ends); the next poll tries again.
      log.warn("backfill paused until the next poll: {}", e.toString());
    }
  }

  @Override
  public void stop() {
    ScheduledExecutorService running = executor;
    if (running == null) {
      return;
    }
    running.shutdownNow();
    try {
      if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("backfill thread still running at shutdown; its item frees when its lease ends");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  // Stops with the listener containers, before the connection pool and S3 client close.
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1;
  }
}
