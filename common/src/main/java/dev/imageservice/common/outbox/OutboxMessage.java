package dev.imageservice.common.outbox;

import java.util.UUID;

/** An event waiting in the outbox: its JSON payload exactly as it will be published. */
public record OutboxMessage(
    long id, UUID eventId, String eventType, UUID jobId, String payload, int attempts) {}
