package dev.imageservice.api.admin;

import dev.imageservice.api.job.JobView;
import dev.imageservice.api.job.JobViews;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import dev.imageservice.common.problem.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * An operator's retry of a {@code FAILED} job, of any tenant: the job goes back to {@code QUEUED}
 * (attempts kept, error cleared) and a new {@code ImageUploaded} is written to the outbox in the
 * same transaction, so the workers pick it up like a fresh upload. Retrying a job that is not
 * {@code FAILED} changes nothing ({@code 409}). Thread-safe.
 */
@Service
class JobRetry {

  private static final Logger log = LoggerFactory.getLogger(JobRetry.class);

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final OutboxRepository outbox;
  private final OutboxRelay relay;
  private final JobViews views;
  private final Clock clock;

  JobRetry(
      Jdbi jdbi,
      JobRepository jobs,
      OutboxRepository outbox,
      OutboxRelay relay,
      JobViews views,
      Clock clock) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.outbox = outbox;
    this.relay = relay;
    this.views = views;
    this.clock = clock;
  }

  JobView retry(UUID jobId) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId.toString())) {
      JobView view =
          jdbi.inTransaction(
              handle -> {
                Instant now = clock.instant();
                Job job =
                    jobs.requeueFailed(handle, jobId, now)
                        .orElseThrow(() -> refusal(handle, jobId));
                outbox.add(handle, announce(job, now), now);
                return views.of(handle, job);
              });
      relay.wakeUp();
      log.info("job {} requeued by an operator after {} attempt(s)", jobId, view.attempts());
      return view;
    }
  }

  private ProblemException refusal(org.jdbi.v3.core.Handle handle, UUID jobId) {
    return jobs.find(handle, jobId)
        .map(
            job ->
                new ProblemException(
                    ProblemType.JOB_NOT_RETRYABLE,
                    "The job is " + job.status() + "; only a FAILED job can be retried"))
        .orElseGet(() -> new ProblemException(ProblemType.NOT_FOUND, "No job " + jobId));
  }

  private static ImageUploaded announce(Job job, Instant now) {
    return ImageUploaded.announcing(
        job.jobId(), job.tenantId(), job.original(), job.presets(), now);
  }
}
