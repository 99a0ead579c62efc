package dev.imageservice.api.admin;

import dev.imageservice.api.job.JobView;
import dev.imageservice.api.job.JobViews;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.problem.ProblemType;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;

/**
 * An operator's retry of a {@code FAILED} job, of any tenant: {@link JobLifecycle#retry} moves it
 * back to {@code QUEUED} (attempts kept, error cleared) with a new {@code ImageUploaded} in the
 * same transaction, so the workers pick it up like a fresh upload. Retrying a job that is not
 * {@code FAILED} changes nothing ({@code 409}). Thread-safe.
 */
@Service
class JobRetry {

  private static final Logger log = LoggerFactory.getLogger(JobRetry.class);

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final JobLifecycle lifecycle;
  private final JobViews views;

  JobRetry(Jdbi jdbi, JobRepository jobs, JobLifecycle lifecycle, JobViews views) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
    this.views = views;
  }

  JobView retry(UUID jobId) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId.toString())) {
      Job job = lifecycle.retry(jobId).orElseThrow(() -> jdbi.withHandle(h -> refusal(h, jobId)));
      JobView view = jdbi.withHandle(handle -> views.of(handle, job));
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
}
