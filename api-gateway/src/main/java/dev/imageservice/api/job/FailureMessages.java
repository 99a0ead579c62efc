package dev.imageservice.api.job;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.job.JobError;
import java.util.Map;

/**
 * What a tenant reads about a FAILED job: a fixed sentence per failure code. The worker's own
 * message (which may quote a decoder's exception) stays in the database and the logs. Stateless.
 */
final class FailureMessages {

  private static final Map<String, String> CATALOGUE =
      Map.ofEntries(
          Map.entry(
              FailureCode.UNSUPPORTED_FORMAT, "The file is not an image format the service reads"),
          Map.entry(
              FailureCode.CORRUPT_IMAGE,
              "The image could not be decoded; it may be truncated or damaged"),
          Map.entry(
              FailureCode.TOO_MANY_PIXELS, "The image has more pixels than the service accepts"),
          Map.entry(
              FailureCode.TOO_MANY_FRAMES,
              "The image has more frames, pages or directories than the service accepts"),
          Map.entry(
              FailureCode.TOO_MANY_SCANS,
              "The progressive JPEG has more scans than the service accepts"),
          Map.entry(
              FailureCode.TOO_MANY_CHUNKS,
              "The PNG has more ancillary chunks (text, metadata) than the service accepts"),
          Map.entry(
              FailureCode.RENDER_TIMEOUT,
              "Rendering the image took longer than the service allows for its size"),
          Map.entry(FailureCode.TOO_LARGE, "The image is larger than the service accepts"),
          Map.entry(
              FailureCode.UNKNOWN_PRESET,
              "The job names a preset the service does not define; upload it again with a known"
                  + " preset"),
          Map.entry(
              FailureCode.ORIGINAL_MISSING,
              "The uploaded original is no longer stored; upload it again"),
          Map.entry(
              FailureCode.RETRIES_EXHAUSTED,
              "Processing failed repeatedly for a temporary reason; the upload can be retried"),
          Map.entry(
              FailureCode.ABANDONED,
              "The workers processing the image stopped repeatedly; the upload can be retried"));

  private static final String UNKNOWN = "The image could not be processed";

  private FailureMessages() {}

  static JobError publicView(JobError stored) {
    return new JobError(stored.code(), CATALOGUE.getOrDefault(stored.code(), UNKNOWN));
  }
}
