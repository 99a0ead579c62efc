package dev.imageservice.common.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job as stored: one accepted upload and what became of it. Immutable snapshot of a row. {@code
 * thumbhash} is the base64 ThumbHash placeholder of a succeeded job's smallest rendition.
 */
public record Job(
    UUID jobId,
    String tenantId,
    JobStatus status,
    List<String> presets,
    Original original,
    int attempts,
    @Nullable Instant leaseUntil,
    @Nullable JobError error,
    @Nullable String idempotencyKey,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant completedAt,
    @Nullable String thumbhash) {

  public Job {
    presets = List.copyOf(presets);
  }

  /** The uploaded original: where it is stored and, once probed, its dimensions. */
  public record Original(
      String bucket,
      String key,
      String contentType,
      long bytes,
      @Nullable Integer width,
      @Nullable Integer height) {}
}
