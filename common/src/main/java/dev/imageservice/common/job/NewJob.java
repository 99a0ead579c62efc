package dev.imageservice.common.job;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the upload API knows of a job when it accepts the upload. */
public record NewJob(
    UUID jobId,
    String tenantId,
    List<String> presets,
    Job.Original original,
    @Nullable String idempotencyKey) {

  public NewJob {
    presets = List.copyOf(presets);
  }
}
