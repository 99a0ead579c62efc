package dev.imageservice.worker.messaging;

import dev.imageservice.common.config.EventPublishingProperties;
import dev.imageservice.common.outbox.EventPublisher;
import dev.imageservice.common.outbox.OutboxMessage;
import dev.imageservice.common.outbox.SnsEventPublisher;
import dev.imageservice.worker.system.OutboundGuard;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The worker's outbox relay (completion events) publishes through this: SNS behind the {@code sns}
 * retry and circuit breaker. A failure is thrown back to the relay, which keeps the row and retries
 * it with back-off, so an outage delays events and loses none. Thread-safe.
 */
@Component
class GuardedEventPublisher implements EventPublisher {

  private final EventPublisher sns;
  private final OutboundGuard guard;

  GuardedEventPublisher(
      SnsClient sns,
      EventPublishingProperties properties,
      @Qualifier(OutboundGuard.SNS) OutboundGuard guard) {
    this.sns = new SnsEventPublisher(sns, properties.topicArn());
    this.guard = guard;
  }

  @Override
  public void publish(OutboxMessage message) {
    guard.call(
        () -> {
          sns.publish(message);
          return null;
        });
  }
}
