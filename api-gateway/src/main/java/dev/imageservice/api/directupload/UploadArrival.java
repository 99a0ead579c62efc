package dev.imageservice.api.directupload;

import dev.imageservice.common.job.DirectUpload;
import dev.imageservice.common.job.DirectUploadLifecycle;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.JobStatus;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * What happens when a direct upload's object arrives, whoever reports it (the bucket's event, the
 * client's {@code complete}): the object is checked ({@link UploadCheck}); a good one is copied to
 * the original's key, the job moves {@code AWAITING_UPLOAD -> QUEUED} and is announced, and the
 * upload is removed; a bad one fails the job and is deleted. Both reports may come, in any order
 * and more than once: the moves are conditional, so the first wins and the rest change nothing (a
 * second copy writes the same bytes to the same key). Thread-safe.
 */
@Component
class UploadArrival {

  private static final Logger log = LoggerFactory.getLogger(UploadArrival.class);

  /** The job after the report, and whether the object was (still) missing. */
  record Result(Job job, boolean missing) {}

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final DirectUploadLifecycle lifecycle;
  private final UploadCheck check;
  private final UploadedObjects objects;

  UploadArrival(
      Jdbi jdbi,
      JobRepository jobs,
      DirectUploadLifecycle lifecycle,
      UploadCheck check,
      UploadedObjects objects) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.check = check;
    this.objects = objects;
  }

  /** Handles the report for a job already found; a job no longer waiting is left as it is. */
  Result arrived(Job job) {
    if (job.status() != JobStatus.AWAITING_UPLOAD) {
      return new Result(job, false);
    }
    Optional<DirectUpload> upload = jdbi.withHandle(h -> lifecycle.find(h, job.jobId()));
    if (upload.isEmpty()) {
      return new Result(job, false);
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", job.jobId().toString())) {
      return handle(job, upload.get());
    }
  }

  private Result handle(Job job, DirectUpload upload) {
    String key = upload.uploadKey();
    switch (check.check(key)) {
      case UploadCheck.Missing missing -> {
        // Not there: not uploaded yet, or the other path moved it a moment ago.
        Job now = reread(job.jobId());
        return new Result(now, now.status() == JobStatus.AWAITING_UPLOAD);
      }
      case UploadCheck.Rejected rejected -> {
        lifecycle
            .reject(job.jobId(), rejected.error())
            .ifPresent(j -> log.info("direct upload refused: {}", rejected.error().code()));
        objects.delete(key);
      }
      case UploadCheck.Accepted accepted -> {
        try {
          objects.copy(key, job.original().key(), accepted.contentType());
        } catch (NoSuchKeyException e) {
          // The other path copied and removed it since the check: its outcome stands.
          Job now = reread(job.jobId());
          return new Result(now, now.status() == JobStatus.AWAITING_UPLOAD);
        }
        lifecycle
            .arrive(job.jobId(), accepted.bytes(), accepted.contentType())
            .ifPresent(
                j ->
                    log.info(
                        "direct upload arrived: {} {} bytes, presets {}",
                        accepted.contentType(),
                        accepted.bytes(),
                        j.presets()));
        objects.delete(key);
      }
    }
    return new Result(reread(job.jobId()), false);
  }

  /** The bucket's event names only the key: the job id is its last segment. */
  Optional<Result> arrivedAt(UUID jobId, String key) {
    return jdbi.withHandle(h -> lifecycle.find(h, jobId))
        .filter(upload -> upload.uploadKey().equals(key))
        .map(upload -> arrived(reread(jobId)));
  }

  private Job reread(UUID jobId) {
    return jdbi.withHandle(h -> jobs.find(h, jobId)).orElseThrow();
  }
}
