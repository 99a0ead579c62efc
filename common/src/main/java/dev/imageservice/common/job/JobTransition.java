package dev.imageservice.common.job;

import static dev.imageservice.common.job.JobStatus.AWAITING_UPLOAD;
import static dev.imageservice.common.job.JobStatus.EXPIRED;
import static dev.imageservice.common.job.JobStatus.FAILED;
import static dev.imageservice.common.job.JobStatus.PROCESSING;
import static dev.imageservice.common.job.JobStatus.QUEUED;
import static dev.imageservice.common.job.JobStatus.SUCCEEDED;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every move a job can make, with the states it may start from. This table is the whole state
 * machine: {@link JobLifecycle} performs each move as one conditional update whose {@code where}
 * clause is built from {@link #from()}, so a move from any other state changes nothing. Extra
 * conditions (a live lease, the claim token) are stated on each constant.
 */
public enum JobTransition {

  /**
   * A worker takes the job: {@code QUEUED}, or {@code PROCESSING} whose lease has expired (its
   * worker died). Takes the next claim token. No event: nobody outside waits for it.
   */
  CLAIM(PROCESSING, QUEUED, PROCESSING),

  /** The claim holder stored every thumbnail; announces {@code ThumbnailsGenerated}. */
  SUCCEED(SUCCEEDED, PROCESSING),

  /** The claim holder found the image unrenderable; announces {@code ThumbnailsFailed}. */
  FAIL(FAILED, PROCESSING),

  /**
   * The claim holder gives the job back (transient failure, shutdown) so that the redelivered
   * message can claim it at once. No event: the message itself comes back.
   */
  RELEASE(QUEUED, PROCESSING),

  /**
   * The message was dead-lettered: {@code QUEUED}, or {@code PROCESSING} no live worker holds
   * (lease expired), fails {@code retries_exhausted}; announces {@code ThumbnailsFailed}.
   */
  EXHAUST(FAILED, QUEUED, PROCESSING),

  /**
   * The sweeper announces again a job whose message was lost: a {@code QUEUED} job untouched for a
   * while stays {@code QUEUED}; a {@code PROCESSING} job whose lease expired long ago goes back to
   * {@code QUEUED}. Announces {@code ImageUploaded}.
   */
  REANNOUNCE(QUEUED, QUEUED, PROCESSING),

  /**
   * The sweeper gives up on a {@code PROCESSING} job, lease long expired, that it re-announced the
   * configured number of times: {@code FAILED abandoned}; announces {@code ThumbnailsFailed}.
   */
  ABANDON(FAILED, PROCESSING),

  /**
   * An operator's retry: {@code FAILED -> QUEUED}, error cleared, attempts kept; announces {@code
   * ImageUploaded}.
   */
  RETRY(QUEUED, FAILED),

  // Direct uploads (DirectUploadLifecycle): the job exists before its bytes.

  /**
   * The uploaded object was verified (an image, within the limit) and copied to the original's key:
   * {@code AWAITING_UPLOAD -> QUEUED}; announces {@code ImageUploaded}.
   */
  ARRIVE(QUEUED, AWAITING_UPLOAD),

  /**
   * The uploaded object is not an image or over the limit: {@code FAILED}; announces {@code
   * ThumbnailsFailed}.
   */
  REJECT(FAILED, AWAITING_UPLOAD),

  /** The upload URL lapsed unused (the expiry sweep): {@code EXPIRED}. No event. */
  EXPIRE(EXPIRED, AWAITING_UPLOAD);

  private final JobStatus to;
  private final Set<JobStatus> from;

  JobTransition(JobStatus to, JobStatus first, JobStatus... rest) {
    this.to = to;
    this.from = EnumSet.of(first, rest);
  }

  public JobStatus to() {
    return to;
  }

  /** The states this move may start from (further conditions on each constant). */
  public Set<JobStatus> from() {
    return EnumSet.copyOf(from);
  }

  public boolean allowedFrom(JobStatus status) {
    return from.contains(status);
  }

  /** The {@code from} states as SQL text values, for {@code status = any(:from)}. */
  String[] fromNames() {
    return from.stream().map(Enum::name).toArray(String[]::new);
  }
}
