package dev.imageservice.worker.job;

import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.worker.render.RenderResult;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a job's final state through the {@link JobLifecycle}: status, thumbnail rows and the
 * announcing event in one transaction, fenced by this worker's claim, so that a repeated or late
 * call, or one from a worker whose claim was taken over, records nothing. Thread-safe.
 *
 * @throws dev.imageservice.worker.system.TransientFailureException from every method when the
 *     database is unavailable
 */
@Component
public class JobOutcomes {

  private static final Logger log = LoggerFactory.getLogger(JobOutcomes.class);

  private final JobLifecycle lifecycle;
  private final JobMetrics metrics;

  JobOutcomes(JobLifecycle lifecycle, JobMetrics metrics) {
    this.lifecycle = lifecycle;
    this.metrics = metrics;
  }

  /**
   * {@code PROCESSING -> SUCCEEDED} with its thumbnails and a {@code ThumbnailsGenerated}.
   *
   * @return false (nothing written) when the claim was lost
   */
  boolean succeeded(Claim claim, RenderResult result, List<Thumbnail> stored) {
    Job job = claim.job();
    boolean succeeded =
        Database.call(
            () ->
                lifecycle.succeed(
                    claim,
                    stored,
                    result.sourceWidth(),
                    result.sourceHeight(),
                    result.thumbhash()));
    if (!succeeded) {
      log.warn(
          "job {}: claim {} lost (finished or claimed by another worker); nothing recorded",
          job.jobId(),
          claim.token());
      return false;
    }
    metrics.completed("SUCCEEDED", JobMetrics.NO_CODE, job.createdAt());
    log.info(
        "job {}: SUCCEEDED with {} thumbnails (attempt {})",
        job.jobId(),
        stored.size(),
        job.attempts());
    return true;
  }

  /**
   * A permanent failure: {@code PROCESSING -> FAILED} with a {@code ThumbnailsFailed}.
   *
   * @return false (nothing written) when the claim was lost
   */
  boolean failed(Claim claim, JobError error) {
    Job job = claim.job();
    boolean failed = Database.call(() -> lifecycle.fail(claim, error));
    if (failed) {
      metrics.completed("FAILED", error.code(), job.createdAt());
      log.info("job {}: FAILED {}: {}", job.jobId(), error.code(), error.message());
    } else {
      log.warn("job {}: claim {} lost; failure not recorded", job.jobId(), claim.token());
    }
    return failed;
  }

  /**
   * The job's message went to the dead-letter queue: {@code FAILED retries_exhausted}, unless the
   * job has finished meanwhile or a live worker holds it (that worker's own delivery decides).
   */
  public void retriesExhausted(UUID jobId) {
    JobError error =
        new JobError(
            FailureCode.RETRIES_EXHAUSTED,
            "Processing failed repeatedly for a temporary reason; the upload can be retried");
    Optional<Job> failed = Database.call(() -> lifecycle.exhaust(jobId, error));
    if (failed.isPresent()) {
      metrics.completed("FAILED", error.code(), failed.get().createdAt());
      log.warn("job {}: FAILED {}: its message was dead-lettered", jobId, error.code());
    } else {
      log.info("job {}: dead-lettered message ignored: job unknown, finished or held", jobId);
    }
  }
}
