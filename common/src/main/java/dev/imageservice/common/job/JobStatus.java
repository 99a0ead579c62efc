package dev.imageservice.common.job;

/**
 * The life of a job: {@code QUEUED -> PROCESSING -> SUCCEEDED | FAILED}. Terminal states never
 * change.
 */
public enum JobStatus {
  QUEUED,
  PROCESSING,
  SUCCEEDED,
  FAILED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
