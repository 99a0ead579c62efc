package dev.imageservice.common.outbox;

/** Sends one outbox message to the event bus. Implementations must be thread-safe. */
@FunctionalInterface
public interface EventPublisher {

  /**
   * Publishes the message or throws; the relay retries a thrown message later, so a publisher may
   * deliver a message more than once (consumers are idempotent) but must never silently drop it.
   */
  void publish(OutboxMessage message);
}
