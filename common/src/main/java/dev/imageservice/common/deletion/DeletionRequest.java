package dev.imageservice.common.deletion;

/** What {@link JobDeletions#request} found. */
public enum DeletionRequest {
  /** The job existed: its rows are gone and the removal of its objects is queued. */
  ACCEPTED,
  /** The tenant deleted this job before: nothing more to do. */
  ALREADY_DELETED,
  /** No such job for this tenant (unknown, or another tenant's). */
  NOT_FOUND
}
