package dev.imageservice.api.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends due deliveries from the durable schedule on one background thread: claims as many as it has
 * free slots (at most {@code batchSize} in flight), runs each attempt on a virtual thread, and
 * looks again when woken ({@link #wakeUp()}, right after new deliveries were recorded) or after the
 * poll interval. A slow or hanging receiver holds one slot until its timeout, never the others.
 * Thread-safe.
 */
final class DeliveryDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

  private final Jdbi jdbi;
  private final DeliveryStore deliveries;
  private final DeliveryAttempts attempts;
  private final WebhookProperties properties;
  private final Clock clock;
  private final Semaphore wakeUps = new Semaphore(0);
  private final Semaphore slots;
  // A new executor per start: a stopped context may be started again (Spring pauses idle ones).
  private volatile ExecutorService senders = newSenders();
  private volatile boolean running;
  private volatile @Nullable Thread thread;

  DeliveryDispatcher(
      Jdbi jdbi,
      DeliveryStore deliveries,
      DeliveryAttempts attempts,
      WebhookProperties properties,
      Clock clock) {
    this.jdbi = jdbi;
    this.deliveries = deliveries;
    this.attempts = attempts;
    this.properties = properties;
    this.clock = clock;
    this.slots = new Semaphore(properties.batchSize());
  }

  /** Look for due deliveries now rather than at the next poll. */
  void wakeUp() {
    wakeUps.release();
  }

  @Override
  public synchronized void start() {
    if (running || !properties.enabled()) {
      return; // a replica with webhooks off only manages endpoints
    }
    running = true;
    if (senders.isShutdown()) {
      senders = newSenders();
    }
    thread = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::loop);
  }

  private static ExecutorService newSenders() {
    return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-", 0).factory());
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    wakeUp();
    try {
      Thread loop = thread;
      if (loop != null) {
        loop.join(5_000);
      }
      senders.shutdown();
      // Attempts still running are abandoned: their claims lapse and another pass retries them.
      senders.awaitTermination(properties.readTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        int free = slots.availablePermits();
        int claimed = free == 0 ? 0 : pass(free);
        if (claimed < free || free == 0) {
          if (wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
            wakeUps.drainPermits(); // one pass serves every wake-up that came meanwhile
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The database may be down: try again at the next poll.
        log.warn("webhook dispatch pass failed: {}", e.toString());
        sleepQuietly();
      }
    }
  }

  private int pass(int free) {
    Instant now = clock.instant();
    List<DeliveryStore.Claimed> due =
        jdbi.inTransaction(
            h -> deliveries.claimDue(h, now, now.plus(properties.claimLease()), free));
    for (DeliveryStore.Claimed claimed : due) {
      slots.acquireUninterruptibly();
      senders.execute(
          () -> {
            try {
              attempts.attempt(claimed);
            } catch (RuntimeException e) {
              log.warn("webhook attempt {} failed: {}", claimed.delivery().id(), e.toString());
            } finally {
              slots.release();
              wakeUp();
            }
          });
    }
    return due.size();
  }

  private void sleepQuietly() {
    try {
      if (wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
        wakeUps.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
