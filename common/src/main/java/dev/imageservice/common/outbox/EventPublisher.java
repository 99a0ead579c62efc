package dev.imageservice.common.outbox;

import java.util.List;
import java.util.Map;

/**
 * Sends outbox messages to the event bus, a batch per call. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface EventPublisher {

  /** The most messages one call takes (SNS {@code PublishBatch} accepts ten entries). */
  int MAX_BATCH = 10;

  /**
   * Publishes up to {@link #MAX_BATCH} messages. The relay retries every message not published
   * later, so a publisher may deliver a message more than once (consumers are idempotent) but must
   * never silently drop one.
   *
   * @return the messages that were not published, by outbox id, each with the reason; empty when
   *     all were
   * @throws RuntimeException when the call as a whole failed: none counts as published
   */
  Map<Long, String> publish(List<OutboxMessage> batch);
}
