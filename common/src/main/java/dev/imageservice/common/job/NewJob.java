package dev.imageservice.common.job;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the upload API knows of a job when it accepts the upload; {@code formats} are the extra
 * output encodings asked for ({@code formats=webp,avif}), empty for none.
 */
public record NewJob(
    UUID jobId,
    String tenantId,
    List<String> presets,
    Job.Original original,
    @Nullable String idempotencyKey,
    List<String> formats) {

  public NewJob {
    presets = List.copyOf(presets);
    formats = formats == null ? List.of() : List.copyOf(formats);
  }

  /** A job without extra output formats. */
  public NewJob(
      UUID jobId,
      String tenantId,
      List<String> presets,
      Job.Original original,
      @Nullable String idempotencyKey) {
    this(jobId, tenantId, presets, original, idempotencyKey, List.of());
  }
}
