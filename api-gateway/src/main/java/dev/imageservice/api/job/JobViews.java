package dev.imageservice.api.job;

import dev.imageservice.api.storage.ThumbnailLinks;
import dev.imageservice.common.deletion.JobDeletions;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.JobStatus;
import dev.imageservice.common.job.Thumbnail;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Turns stored jobs into their public view, signing fresh thumbnail links. Thread-safe. */
@Component
public class JobViews {

  private final JobRepository jobs;
  private final ThumbnailLinks links;
  private final JobDeletions deletions = new JobDeletions();

  JobViews(JobRepository jobs, ThumbnailLinks links) {
    this.jobs = jobs;
    this.links = links;
  }

  public JobView of(Handle handle, Job job) {
    List<Thumbnail> thumbnails =
        job.status() == JobStatus.SUCCEEDED ? jobs.thumbnails(handle, job.jobId()) : List.of();
    return of(job, thumbnails, deletions.originalDeletedAt(handle, job.jobId()).orElse(null));
  }

  JobView of(Job job, List<Thumbnail> thumbnails) {
    return of(job, thumbnails, null);
  }

  private JobView of(Job job, List<Thumbnail> thumbnails, @Nullable Instant originalDeletedAt) {
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
                        links.linkTo(t)))
            .toList(),
        job.status() == JobStatus.FAILED && error != null
            ? FailureMessages.publicView(error)
            : null);
  }
}
