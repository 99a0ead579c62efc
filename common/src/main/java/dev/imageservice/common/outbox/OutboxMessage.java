package dev.imageservice.common.outbox;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An event waiting in the outbox: its JSON payload exactly as it will be published, and the W3C
 * {@code traceparent} of the span that wrote it (null when untraced).
 */
public record OutboxMessage(
    long id,
    UUID eventId,
    String eventType,
    UUID jobId,
    String payload,
    int attempts,
    @Nullable String traceparent) {

  /** An untraced message. */
  public OutboxMessage(
      long id, UUID eventId, String eventType, UUID jobId, String payload, int attempts) {
    this(id, eventId, eventType, jobId, payload, attempts, null);
  }
}
