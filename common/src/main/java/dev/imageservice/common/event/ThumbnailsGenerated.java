package dev.imageservice.common.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published when every requested preset of a job is stored and the job is {@code SUCCEEDED}. {@code
 * thumbhash} (base64 ThumbHash of the smallest rendition) is absent from older events.
 */
public record ThumbnailsGenerated(
    UUID eventId,
    String type,
    int version,
    Instant occurredAt,
    UUID jobId,
    String tenantId,
    List<ThumbnailRef> thumbnails,
    @Nullable String thumbhash)
    implements ImageEvent {

  public static final String TYPE = "thumbnails.generated";

  public ThumbnailsGenerated {
    thumbnails = List.copyOf(thumbnails);
  }

  public static ThumbnailsGenerated of(
      UUID jobId, String tenantId, List<ThumbnailRef> thumbnails, Instant occurredAt) {
    return new ThumbnailsGenerated(
        UUID.randomUUID(), TYPE, 1, occurredAt, jobId, tenantId, thumbnails, null);
  }

  /** This event with the job's ThumbHash placeholder (base64; null for none). */
  public ThumbnailsGenerated withThumbhash(@Nullable String placeholder) {
    return new ThumbnailsGenerated(
        eventId, type, version, occurredAt, jobId, tenantId, thumbnails, placeholder);
  }
}
