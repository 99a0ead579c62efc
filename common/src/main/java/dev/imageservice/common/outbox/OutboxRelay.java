package dev.imageservice.common.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to the event bus on one background thread. Each pass claims the due rows in one
 * short transaction (their next attempt moves to the end of a publish lease), publishes them in
 * batches of {@link EventPublisher#MAX_BATCH} with no transaction open, then records each message's
 * result in another short transaction. No row lock is held across a network call; a relay that dies
 * mid-publish leaves its rows due again when the lease ends, so a message is published at least
 * once and never lost. A failed message is retried with exponential back-off. Any number of relays
 * (one per replica) run side by side. Published rows are deleted after the retention period.
 *
 * <p>{@link #wakeUp()} lets a writer skip the poll interval right after its commit. Thread-safe.
 */
public final class OutboxRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final int PRUNE_CHUNK = 1000;

  /**
   * @param pollInterval how often to look when not woken
   * @param batchSize rows claimed per pass (published ten per request)
   * @param publishLease how long claimed rows stay hidden from other relays; longer than a publish
   *     with its retries can take
   * @param retention how long published rows are kept (for inspection) before they are deleted
   * @param pruneInterval how often published rows past the retention are deleted
   */
  public record Settings(
      Duration pollInterval,
      int batchSize,
      Duration publishLease,
      Duration retention,
      Duration pruneInterval) {}

  private final Jdbi jdbi;
  private final OutboxRepository outbox;
  private final EventPublisher publisher;
  private final Settings settings;
  private final Clock clock;
  private final Semaphore wakeUps = new Semaphore(0);
  private volatile boolean running;
  private volatile boolean stopping;
  private volatile Instant nextPrune = Instant.MIN;
  private Thread thread;

  public OutboxRelay(
      Jdbi jdbi,
      OutboxRepository outbox,
      EventPublisher publisher,
      Settings settings,
      Clock clock) {
    this.jdbi = jdbi;
    this.outbox = outbox;
    this.publisher = publisher;
    this.settings = settings;
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
   * Publishes the due messages of one pass.
   *
   * @return how many were published
   */
  public int relayOnce() {
    Instant now = clock.instant();
    // One statement, atomic under autocommit: no transaction round trips around it.
    List<OutboxMessage> claimed =
        jdbi.withHandle(
            handle ->
                outbox.claimDue(
                    handle, now, now.plus(settings.publishLease()), settings.batchSize()));
    int published = 0;
    for (int from = 0; from < claimed.size(); from += EventPublisher.MAX_BATCH) {
      List<OutboxMessage> batch =
          claimed.subList(from, Math.min(claimed.size(), from + EventPublisher.MAX_BATCH));
      if (stopping) {
        // Shutting down: give the rest back so that the next relay (any replica) takes them now.
        unclaim(claimed.subList(from, claimed.size()));
        break;
      }
      published += publish(batch);
    }
    return published;
  }

  /**
   * Deletes the messages published longer ago than the retention period.
   *
   * @return how many were deleted
   */
  public int prune() {
    Instant before = clock.instant().minus(settings.retention());
    int total = 0;
    int deleted;
    do {
      deleted = jdbi.withHandle(handle -> outbox.prunePublished(handle, before, PRUNE_CHUNK));
      total += deleted;
    } while (deleted == PRUNE_CHUNK && !stopping);
    return total;
  }

  private int publish(List<OutboxMessage> batch) {
    Map<Long, String> failed;
    try {
      failed = publisher.publish(batch);
    } catch (RuntimeException e) {
      if (stopping) {
        // Interrupted by close(): not a failure of the event bus, nothing to record.
        unclaim(batch);
        return 0;
      }
      failed = batch.stream().collect(Collectors.toMap(OutboxMessage::id, m -> e.toString()));
    }
    Map<Long, String> refused = failed;
    List<Long> sent =
        batch.stream().map(OutboxMessage::id).filter(id -> !refused.containsKey(id)).toList();
    Instant now = clock.instant();
    if (refused.isEmpty()) {
      // The usual pass: one statement, no transaction needed around it.
      jdbi.useHandle(handle -> outbox.markPublished(handle, sent, now));
      return sent.size();
    }
    jdbi.useTransaction(
        handle -> {
          outbox.markPublished(handle, sent, now);
          for (OutboxMessage message : batch) {
            String error = refused.get(message.id());
            if (error != null) {
              Instant retryAt = now.plus(backoff(message.attempts()));
              outbox.markAttemptFailed(handle, message.id(), retryAt, error);
              log.warn(
                  "outbox: publishing {} of job {} failed (attempt {}), retry at {}: {}",
                  message.eventType(),
                  message.jobId(),
                  message.attempts() + 1,
                  retryAt,
                  error);
            }
          }
        });
    return sent.size();
  }

  private void unclaim(List<OutboxMessage> messages) {
    List<Long> ids = messages.stream().map(OutboxMessage::id).toList();
    try {
      jdbi.useHandle(handle -> outbox.unclaim(handle, ids, clock.instant()));
    } catch (RuntimeException e) {
      log.info("outbox: {} message(s) due again when their publish lease ends", ids.size());
    }
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
        pruneWhenDue();
        published = relayOnce();
      } catch (RuntimeException e) {
        // The database is unreachable: keep the thread alive and try again after the interval.
        log.warn("outbox: relay pass failed, retrying: {}", e.toString());
      }
      if (published < settings.batchSize()) {
        awaitWakeUp();
      }
    }
  }

  private void pruneWhenDue() {
    Instant now = clock.instant();
    if (now.isBefore(nextPrune)) {
      return;
    }
    nextPrune = now.plus(settings.pruneInterval());
    int deleted = prune();
    if (deleted > 0) {
      log.info(
          "outbox: deleted {} message(s) published over {} ago", deleted, settings.retention());
    }
  }

  private void awaitWakeUp() {
    try {
      if (wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
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
