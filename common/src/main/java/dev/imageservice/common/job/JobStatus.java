package dev.imageservice.common.job;

/**
 * Where a job is in its life: {@code QUEUED -> PROCESSING -> SUCCEEDED | FAILED}. The moves are
 * listed, with their conditions, in {@link JobTransition}; besides the straight path, a claim may
 * be released ({@code PROCESSING -> QUEUED}), the sweeper re-announces a job whose worker vanished
 * ({@code PROCESSING -> QUEUED}) and an operator's retry moves {@code FAILED -> QUEUED}. {@code
 * SUCCEEDED} never changes.
 */
public enum JobStatus {
  QUEUED,
  PROCESSING,
  SUCCEEDED,
  FAILED;

  /** Finished as far as the uploader is concerned (a {@code FAILED} job may still be retried). */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
