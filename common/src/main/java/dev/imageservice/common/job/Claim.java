package dev.imageservice.common.job;

import java.util.UUID;

/**
 * A worker's hold on a job: the job as claimed and the claim token it was given. Renewing,
 * releasing and recording an outcome are conditional on the token, so a worker whose lease lapsed
 * and whose job was claimed again by another changes nothing.
 */
public record Claim(Job job, long token) {

  public UUID jobId() {
    return job.jobId();
  }
}
