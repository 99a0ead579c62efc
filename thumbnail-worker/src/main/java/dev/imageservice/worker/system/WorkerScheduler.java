package dev.imageservice.worker.system;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The worker's timer threads: lease renewals, visibility extensions and metric polls run here, so
 * that no listener thread ever sleeps or waits on a clock. Beats must be short and must not block
 * for long (a database update, an asynchronous SQS call). Thread-safe.
 */
@Component
public class WorkerScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WorkerScheduler.class);

  private final ScheduledExecutorService timer =
      Executors.newScheduledThreadPool(
          2, Thread.ofPlatform().name("worker-timer-", 0).daemon().factory());

  /**
   * Runs {@code beat} after {@code initialDelay} and then every {@code interval} until the returned
   * heartbeat is closed. A failing beat is logged and the next one still runs.
   */
  public Heartbeat every(Duration initialDelay, Duration interval, Runnable beat) {
    ScheduledFuture<?> future =
        timer.scheduleAtFixedRate(
            () -> {
              try {
                beat.run();
              } catch (RuntimeException e) {
                log.warn("scheduled task failed, it runs again at its next beat: {}", e.toString());
              }
            },
            initialDelay.toMillis(),
            interval.toMillis(),
            TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** A running repetition; closing it stops further beats (one under way completes). */
  @FunctionalInterface
  public interface Heartbeat extends AutoCloseable {
    @Override
    void close();
  }
}
