package dev.imageservice.common.outbox;

import dev.imageservice.common.resilience.DependencyGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Each service's outbox relay publishes through this: SNS behind the retry and circuit breaker, and
 * every publish that still fails counted in {@code image_service_outbox_publish_failures_total}. A
 * failure is thrown back to the relay, which keeps the row and retries it with back-off, so an
 * outage delays events and loses none. Thread-safe.
 */
public final class GuardedEventPublisher implements EventPublisher {

  private final EventPublisher sns;
  private final DependencyGuard guard;
  private final Counter failures;

  public GuardedEventPublisher(EventPublisher sns, DependencyGuard guard, MeterRegistry meters) {
    this.sns = sns;
    this.guard = guard;
    this.failures =
        Counter.builder("image_service.outbox.publish.failures")
            .description("Outbox events whose publish to SNS failed (each is retried later)")
            .register(meters);
  }

  @Override
  public void publish(OutboxMessage message) {
    try {
      guard.run(() -> sns.publish(message));
    } catch (RuntimeException e) {
      failures.increment();
      throw e;
    }
  }
}
