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
  FAILED,

  /**
   * A direct upload ({@code POST /v1/uploads}) whose bytes have not arrived yet; moves to {@code
   * QUEUED} once they are verified, {@code FAILED} when they are not an image or too large, {@code
   * EXPIRED} when the upload URL lapsed unused ({@link JobTransition#ARRIVE} and the moves after
   * it).
   */
  AWAITING_UPLOAD,

  /** A direct upload that never arrived before its URL expired. Never changes again. */
  EXPIRED;

  /** Finished as far as the uploader is concerned (a {@code FAILED} job may still be retried). */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == EXPIRED;
  }
}
