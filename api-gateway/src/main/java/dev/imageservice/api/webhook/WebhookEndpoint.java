package dev.imageservice.api.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A registered receiver as stored; the secrets are in their sealed (encrypted) form. Immutable.
 *
 * @param previousSecret the secret before the last rotation, signing too until {@code
 *     previousSecretUntil}
 */
record WebhookEndpoint(
    UUID id,
    String tenantId,
    String url,
    List<String> events,
    String secret,
    @Nullable String previousSecret,
    @Nullable Instant previousSecretUntil,
    Instant createdAt,
    @Nullable Instant disabledAt,
    @Nullable String disabledReason) {

  static final String JOB_SUCCEEDED = "job.succeeded";
  static final String JOB_FAILED = "job.failed";
  static final List<String> EVENT_TYPES = List.of(JOB_SUCCEEDED, JOB_FAILED);

  WebhookEndpoint {
    events = List.copyOf(events);
  }
}
