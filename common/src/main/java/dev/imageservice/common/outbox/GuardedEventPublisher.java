package dev.imageservice.common.outbox;

import dev.imageservice.common.resilience.DependencyGuard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;

/**
 * Each service's outbox relay publishes through this: SNS behind the retry and circuit breaker (the
 * SNS client's own retries are off, so this is the only retry layer), and every message whose
 * publish still fails counted in {@code image_service_outbox_publish_failures_total}. A failed call
 * is thrown back to the relay and refused entries are returned to it; the relay keeps those rows
 * and retries them with back-off, so an outage delays events and loses none. Thread-safe.
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
  public Map<Long, String> publish(List<OutboxMessage> batch) {
    try {
      Map<Long, String> failed = guard.call(() -> sns.publish(batch));
      failures.increment(failed.size());
      return failed;
    } catch (RuntimeException e) {
      failures.increment(batch.size());
      throw e;
    }
  }
}
