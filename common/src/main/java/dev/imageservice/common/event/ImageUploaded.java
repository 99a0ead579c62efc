package dev.imageservice.common.event;

import dev.imageservice.common.job.Job;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published once an original is stored and its job is recorded: asks the workers to render it.
 * {@code formats} are the extra output encodings asked for (empty for none; absent in older
 * events).
 */
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
    List<String> presets,
    List<String> formats)
    implements ImageEvent {

  public static final String TYPE = "image.uploaded";

  public ImageUploaded {
    presets = List.copyOf(presets);
    // Absent in events written before output formats: no extra format.
    formats = formats == null ? List.of() : List.copyOf(formats);
  }

  /** An event without extra output formats. */
  public ImageUploaded(
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
      List<String> presets) {
    this(
        eventId,
        type,
        version,
        occurredAt,
        jobId,
        tenantId,
        bucket,
        key,
        contentType,
        bytes,
        presets,
        List.of());
  }

  /** Announces a recorded job: at upload, on an operator's retry, or when a lost one is re-sent. */
  public static ImageUploaded announcing(
      UUID jobId, String tenantId, Job.Original original, List<String> presets, Instant now) {
    return announcing(jobId, tenantId, original, presets, List.of(), now);
  }

  /** Announces a recorded job that asked for extra output {@code formats}. */
  public static ImageUploaded announcing(
      UUID jobId,
      String tenantId,
      Job.Original original,
      List<String> presets,
      List<String> formats,
      Instant now) {
    return new ImageUploaded(
        UUID.randomUUID(),
        TYPE,
        1,
        now,
        jobId,
        tenantId,
        original.bucket(),
        original.key(),
        original.contentType(),
        original.bytes(),
        presets,
        formats);
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
