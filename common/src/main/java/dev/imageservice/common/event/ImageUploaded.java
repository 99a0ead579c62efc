package dev.imageservice.common.event;

import dev.imageservice.common.job.Job;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Published once an original is stored and its job is recorded: asks the workers to render it. */
public record ImageUploaded(
    UUID eventId,
    String type,
    int version,
    Instant occurredAt,
    UUID jobId,
    String tenantId,
    String bucket,
    String key,
    String contentType,
    long bytes,
    List<String> presets)
    implements ImageEvent {

  public static final String TYPE = "image.uploaded";

  public ImageUploaded {
    presets = List.copyOf(presets);
  }

  /** Announces a recorded job: at upload, on an operator's retry, or when a lost one is re-sent. */
  public static ImageUploaded announcing(
      UUID jobId, String tenantId, Job.Original original, List<String> presets, Instant now) {
    return of(
        jobId,
        tenantId,
        original.bucket(),
        original.key(),
        original.contentType(),
        original.bytes(),
        presets,
        now);
  }

  public static ImageUploaded of(
      UUID jobId,
      String tenantId,
      String bucket,
      String key,
      String contentType,
      long bytes,
      List<String> presets,
      Instant occurredAt) {
    return new ImageUploaded(
        UUID.randomUUID(),
        TYPE,
        1,
        occurredAt,
        jobId,
        tenantId,
        bucket,
        key,
        contentType,
        bytes,
        presets);
  }
}
