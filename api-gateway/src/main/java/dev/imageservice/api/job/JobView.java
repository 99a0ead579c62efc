package dev.imageservice.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobStatus;
import dev.imageservice.common.telemetry.JobTimings;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A job as the API shows it (the v1 contract). {@code error} appears only when FAILED; {@code
 * thumbhash}, the base64 ThumbHash placeholder of the smallest thumbnail, only when SUCCEEDED;
 * {@code traceId} (the W3C trace of the upload, 32 hex digits) when tracing was on; {@code timings}
 * (where the time of the last successful processing went, with the render's CPU time) once
 * SUCCEEDED.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
    UUID jobId,
    JobStatus status,
    Instant createdAt,
    Instant updatedAt,
    int attempts,
    List<String> presets,
    OriginalView original,
    List<ThumbnailView> thumbnails,
    @Nullable JobError error,
    @Nullable String thumbhash,
    @Nullable String traceId,
    @Nullable JobTimings timings) {

  /**
   * The uploaded original; width and height (as displayed) appear once a worker has probed it;
   * {@code deletedAt} once retention deleted it (the thumbnails stay).
   */
  public record OriginalView(
      String contentType,
      long bytes,
      @Nullable Integer width,
      @Nullable Integer height,
      // Absent, not null, while the original is stored: clients written before retention see no
      // new field.
      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant deletedAt) {}

  /** A rendered thumbnail and a short-lived link to its bytes. */
  public record ThumbnailView(
      String preset, int width, int height, String contentType, long bytes, URI url) {}
}
