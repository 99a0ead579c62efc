package dev.imageservice.common.event;

import dev.imageservice.common.job.JobError;
import java.time.Instant;
import java.util.UUID;

/** Published when a job ends {@code FAILED}; {@code error.code} is one of {@code FailureCode}. */
public record ThumbnailsFailed(
    UUID eventId,
    String type,
    int version,
    Instant occurredAt,
    UUID jobId,
    String tenantId,
    JobError error)
    implements ImageEvent {

  public static final String TYPE = "thumbnails.failed";

  public static ThumbnailsFailed of(
      UUID jobId, String tenantId, JobError error, Instant occurredAt) {
    return new ThumbnailsFailed(UUID.randomUUID(), TYPE, 1, occurredAt, jobId, tenantId, error);
  }
}
