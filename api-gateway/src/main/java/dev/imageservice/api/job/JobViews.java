package dev.imageservice.api.job;

import dev.imageservice.api.storage.ThumbnailLinks;
import dev.imageservice.common.deletion.JobDeletions;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.JobStatus;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.common.telemetry.JobTelemetry;
import dev.imageservice.common.telemetry.JobTelemetryRepository;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Turns stored jobs into their public view, signing fresh thumbnail links. Thread-safe. */
@Component
public class JobViews {

  private final JobRepository jobs;
  private final ThumbnailLinks links;
  private final JobTelemetryRepository telemetry;
  private final JobDeletions deletions = new JobDeletions();

  JobViews(JobRepository jobs, ThumbnailLinks links, JobTelemetryRepository telemetry) {
    this.jobs = jobs;
    this.links = links;
    this.telemetry = telemetry;
  }

  public JobView of(Handle handle, Job job) {
    return of(handle, job, links::linkTo);
  }

  /**
   * The view with each thumbnail's link made by {@code link} (webhooks use the API's stable {@code
   * /v1/jobs/{id}/thumbnails/{preset}} paths, which do not expire).
   */
  public JobView of(Handle handle, Job job, Function<Thumbnail, URI> link) {
    List<Thumbnail> thumbnails =
        job.status() == JobStatus.SUCCEEDED ? jobs.thumbnails(handle, job.jobId()) : List.of();
    JobTelemetry recorded =
        telemetry.find(handle, job.jobId()).orElse(new JobTelemetry(null, null, null));
    return of(
        job,
        thumbnails,
        recorded,
        deletions.originalDeletedAt(handle, job.jobId()).orElse(null),
        link);
  }

  JobView of(Job job, List<Thumbnail> thumbnails, JobTelemetry recorded) {
    return of(job, thumbnails, recorded, null, links::linkTo);
  }

  private JobView of(
      Job job,
      List<Thumbnail> thumbnails,
      JobTelemetry recorded,
      @Nullable Instant originalDeletedAt,
      Function<Thumbnail, URI> link) {
    Job.Original original = job.original();
    JobError error = job.error();
    return new JobView(
        job.jobId(),
        job.status(),
        job.createdAt(),
        job.updatedAt(),
        job.attempts(),
        job.presets(),
        new JobView.OriginalView(
            original.contentType(),
            original.bytes(),
            original.width(),
            original.height(),
            originalDeletedAt),
        thumbnails.stream()
            .map(
                t ->
                    new JobView.ThumbnailView(
                        t.preset(),
                        t.width(),
                        t.height(),
                        t.contentType(),
                        t.bytes(),
                        link.apply(t)))
            .toList(),
        job.status() == JobStatus.FAILED && error != null
            ? FailureMessages.publicView(error)
            : null,
        job.status() == JobStatus.SUCCEEDED ? job.thumbhash() : null,
        recorded.traceId(),
        job.status() == JobStatus.SUCCEEDED ? recorded.timings() : null);
  }
}
