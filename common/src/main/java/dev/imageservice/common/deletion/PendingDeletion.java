package dev.imageservice.common.deletion;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A deletion still to be carried out (or re-checked), as stored in {@code job_deletions}.
 *
 * @param purgedAt when a first pass removed everything it found; null before it
 */
public record PendingDeletion(
    long id,
    UUID jobId,
    String tenantId,
    DeletionScope scope,
    String originalBucket,
    String originalKey,
    Instant requestedAt,
    @Nullable Instant purgedAt,
    int attempts) {

  /**
   * The folder every object of the job lives under, in both buckets ({@code tenant/job/}): the
   * original's and the renditions' keys are all derived from it.
   */
  public String prefix() {
    return tenantId + "/" + jobId + "/";
  }
}
