package dev.imageservice.common.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event published to the image-service SNS topic. Events are immutable, versioned JSON
 * documents; consumers ignore fields they do not know, so fields may be added without a new
 * version.
 */
public sealed interface ImageEvent permits ImageUploaded, ThumbnailsGenerated, ThumbnailsFailed {

  /** Unique per event; consumers may use it to drop duplicates of an at-least-once delivery. */
  UUID eventId();

  /**
   * Stable type name such as {@code image.uploaded}; also sent as the SNS attribute {@code type}.
   */
  String type();

  int version();

  Instant occurredAt();

  UUID jobId();

  String tenantId();
}
