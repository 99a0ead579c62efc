package dev.imageservice.common.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to the event bus on one background thread. A message is marked published only
 * after the publisher returned, so a crash or an SNS outage delays events but never loses them
 * (at-least-once). A failed message is retried with exponential back-off; rows are locked with
 * {@code skip locked}, so any number of relays (one per replica) can run side by side.
 *
 * <p>{@link #wakeUp()} lets a writer skip the poll interval right after its commit. Thread-safe.
 */
public final class OutboxRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Jdbi jdbi;
  private final OutboxRepository outbox;
  private final EventPublisher publisher;
  private final Duration pollInterval;
  private final int batchSize;
  private final Clock clock;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private volatile boolean stopping;
  private Thread thread;

  public OutboxRelay(
      Jdbi jdbi,
      OutboxRepository outbox,
      EventPublisher publisher,
      Duration pollInterval,
      int batchSize,
      Clock clock) {
    this.jdbi = jdbi;
    this.outbox = outbox;
    this.publisher = publisher;
    this.pollInterval = pollInterval;
    this.batchSize = batchSize;
    this.clock = clock;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    stopping = false;
    running = true;
    thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
  }

  /** Asks the relay to look at the outbox now instead of at its next poll. */
  public void wakeUp() {
    if (wakeUps.availablePermits() == 0) {
      wakeUps.release();
    }
  }

  /**
   * Publishes the due messages of one batch.
   *
   * @return how many were published
   */
  public int relayOnce() {
    return jdbi.inTransaction(
        handle -> {
          Instant now = clock.instant();
          List<OutboxMessage> due = outbox.lockDue(handle, now, batchSize);
          int published = 0;
          for (OutboxMessage message : due) {
            if (stopping) {
              // Shutting down: the rest stay unpublished and the next relay (any replica) takes
              // them.
              break;
            }
            try {
              publisher.publish(message);
              outbox.markPublished(handle, message.id(), clock.instant());
              published++;
            } catch (RuntimeException e) {
              if (stopping) {
                // Interrupted by close(): not a failure of the event bus, nothing to record.
                break;
              }
              Instant retryAt = clock.instant().plus(backoff(message.attempts()));
              log.warn(
                  "outbox: publishing {} of job {} failed (attempt {}), retry at {}: {}",
                  message.eventType(),
                  message.jobId(),
                  message.attempts() + 1,
                  retryAt,
                  e.toString());
              outbox.markAttemptFailed(handle, message.id(), retryAt, e.toString());
            }
          }
          return published;
        });
  }

  static Duration backoff(int previousAttempts) {
    long millis = 250L << Math.min(previousAttempts, 10);
    Duration backoff = Duration.ofMillis(millis);
    return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
  }

  private void loop() {
    while (running) {
      int published = 0;
      try {
        published = relayOnce();
      } catch (RuntimeException e) {
        // The database is unreachable: keep the thread alive and try again after the interval.
        log.warn("outbox: relay pass failed, retrying: {}", e.toString());
      }
      if (published < batchSize) {
        awaitWakeUp();
      }
    }
  }

  private void awaitWakeUp() {
    try {
      if (wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
        wakeUps.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public synchronized void close() {
    stopping = true;
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
