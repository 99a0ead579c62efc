package dev.imageservice.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One completion event owed to one endpoint, as stored. {@code messageId} is the {@code webhook-id}
 * of every attempt and replay; {@code traceparent} is the job's W3C trace context that came with
 * the event (null when untraced), the parent of each attempt's span. Immutable.
 */
record Delivery(
    UUID id,
    UUID endpointId,
    UUID eventId,
    String messageId,
    String eventType,
    UUID jobId,
    String payload,
    Instant eventTime,
    Instant createdAt,
    Status status,
    int attempts,
    @Nullable Instant nextAttemptAt,
    Instant giveUpAfter,
    @Nullable Instant deliveredAt,
    @Nullable String traceparent) {

  enum Status {
    PENDING,
    DELIVERED,
    FAILED
  }

  /** One attempt: the receiver's status (absent when none answered) and why it failed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Attempt(
      int attempt,
      Instant attemptedAt,
      @Nullable Integer statusCode,
      long latencyMs,
      @Nullable String error) {}
}
