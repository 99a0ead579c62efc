package dev.imageservice.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Published when every requested preset of a job is stored and the job is {@code SUCCEEDED}. */
public record ThumbnailsGenerated(
    UUID eventId,
    String type,
    int version,
    Instant occurredAt,
    UUID jobId,
    String tenantId,
    List<ThumbnailRef> thumbnails)
    implements ImageEvent {

  public static final String TYPE = "thumbnails.generated";

  public ThumbnailsGenerated {
    thumbnails = List.copyOf(thumbnails);
  }

  public static ThumbnailsGenerated of(
      UUID jobId, String tenantId, List<ThumbnailRef> thumbnails, Instant occurredAt) {
    return new ThumbnailsGenerated(
        UUID.randomUUID(), TYPE, 1, occurredAt, jobId, tenantId, thumbnails);
  }
}
