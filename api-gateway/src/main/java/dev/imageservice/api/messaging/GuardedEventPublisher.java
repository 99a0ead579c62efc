package dev.imageservice.api.messaging;

import dev.imageservice.api.system.DependencyGuard;
import dev.imageservice.common.config.EventPublishingProperties;
import dev.imageservice.common.outbox.EventPublisher;
import dev.imageservice.common.outbox.OutboxMessage;
import dev.imageservice.common.outbox.SnsEventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The API's outbox relay publishes through this: SNS behind the retry and circuit breaker, and
 * every publish that still fails counted in {@code image_service_outbox_publish_failures_total}. A
 * failure is thrown back to the relay, which keeps the row and retries it with back-off, so an
 * outage delays events and loses none. Thread-safe.
 */
@Component
class GuardedEventPublisher implements EventPublisher {

  private final EventPublisher sns;
  private final DependencyGuard guard;
  private final Counter failures;

  GuardedEventPublisher(
      SnsClient sns,
      EventPublishingProperties properties,
      @Qualifier(DependencyGuard.SNS) DependencyGuard guard,
      MeterRegistry meters) {
    this.sns = new SnsEventPublisher(sns, properties.topicArn());
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
