package dev.imageservice.worker.job;

import dev.imageservice.common.event.ThumbnailRef;
import dev.imageservice.common.event.ThumbnailsFailed;
import dev.imageservice.common.event.ThumbnailsGenerated;
import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import dev.imageservice.worker.render.RenderResult;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a job's final state: status, thumbnail rows and the announcing outbox row in one
 * transaction, each transition conditional so that a repeated or late call records nothing twice.
 * Thread-safe.
 *
 * @throws dev.imageservice.worker.system.TransientFailureException from every method when the
 *     database is unavailable
 */
@Component
public class JobOutcomes {

  private static final Logger log = LoggerFactory.getLogger(JobOutcomes.class);

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final OutboxRepository outbox;
  private final OutboxRelay relay;
  private final JobMetrics metrics;
  private final Clock clock;

  JobOutcomes(
      Jdbi jdbi,
      JobRepository jobs,
      OutboxRepository outbox,
      OutboxRelay relay,
      JobMetrics metrics,
      Clock clock) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.outbox = outbox;
    this.relay = relay;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** {@code PROCESSING -> SUCCEEDED} with its thumbnails and a {@code ThumbnailsGenerated}. */
  void succeeded(Job job, RenderResult result, List<Thumbnail> stored) {
    boolean succeeded =
        Database.call(
            () ->
                jdbi.inTransaction(
                    handle -> {
                      stored.forEach(t -> jobs.upsertThumbnail(handle, job.jobId(), t));
                      jobs.recordDimensions(
                          handle, job.jobId(), result.sourceWidth(), result.sourceHeight());
                      if (!jobs.markSucceeded(handle, job.jobId(), clock.instant())) {
                        return false;
                      }
                      ThumbnailsGenerated event =
                          ThumbnailsGenerated.of(
                              job.jobId(), job.tenantId(), refs(stored), clock.instant());
                      outbox.add(handle, event, clock.instant());
                      return true;
                    }));
    if (!succeeded) {
      log.info(
          "job {}: finished meanwhile by another delivery; nothing recorded twice", job.jobId());
      return;
    }
    relay.wakeUp();
    metrics.completed("SUCCEEDED", JobMetrics.NO_CODE, job.createdAt());
    log.info(
        "job {}: SUCCEEDED with {} thumbnails (attempt {})",
        job.jobId(),
        stored.size(),
        job.attempts());
  }

  /** A permanent failure: {@code -> FAILED} with a {@code ThumbnailsFailed}. */
  void failed(Job job, JobError error) {
    boolean failed =
        Database.call(
            () ->
                jdbi.inTransaction(
                    handle ->
                        jobs.markFailed(handle, job.jobId(), error, clock.instant())
                            && announceFailure(handle, job, error)));
    if (failed) {
      relay.wakeUp();
      metrics.completed("FAILED", error.code(), job.createdAt());
      log.info("job {}: FAILED {}: {}", job.jobId(), error.code(), error.message());
    }
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
    Optional<Job> failed =
        Database.call(
            () ->
                jdbi.inTransaction(
                    handle ->
                        jobs.find(handle, jobId)
                            .filter(
                                job ->
                                    jobs.markFailedUnlessHeld(handle, jobId, error, clock.instant())
                                        && announceFailure(handle, job, error))));
    if (failed.isPresent()) {
      relay.wakeUp();
      metrics.completed("FAILED", error.code(), failed.get().createdAt());
      log.warn("job {}: FAILED {}: its message was dead-lettered", jobId, error.code());
    } else {
      log.info("job {}: dead-lettered message ignored: job unknown, finished or held", jobId);
    }
  }

  private boolean announceFailure(Handle handle, Job job, JobError error) {
    outbox.add(
        handle,
        ThumbnailsFailed.of(job.jobId(), job.tenantId(), error, clock.instant()),
        clock.instant());
    return true;
  }

  private static List<ThumbnailRef> refs(List<Thumbnail> stored) {
    return stored.stream()
        .map(
            t ->
                new ThumbnailRef(
                    t.preset(),
                    t.bucket(),
                    t.key(),
                    t.width(),
                    t.height(),
                    t.contentType(),
                    t.bytes()))
        .toList();
  }
}
