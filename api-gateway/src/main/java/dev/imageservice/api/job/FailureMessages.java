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
      Map.of(
          FailureCode.UNSUPPORTED_FORMAT, "The file is not an image format the service reads",
          FailureCode.CORRUPT_IMAGE,
              "The image could not be decoded; it may be truncated or damaged",
          FailureCode.TOO_MANY_PIXELS, "The image has more pixels than the service accepts",
          FailureCode.TOO_MANY_FRAMES, "The animation has more frames than the service accepts",
          FailureCode.TOO_LARGE, "The image is larger than the service accepts",
          FailureCode.ORIGINAL_MISSING,
              "The uploaded original is no longer stored; upload it again",
          FailureCode.RETRIES_EXHAUSTED,
              "Processing failed repeatedly for a temporary reason; the upload can be retried");

  private static final String UNKNOWN = "The image could not be processed";

  private FailureMessages() {}

  static JobError publicView(JobError stored) {
    return new JobError(stored.code(), CATALOGUE.getOrDefault(stored.code(), UNKNOWN));
  }
}
