package dev.imageservice.common.deletion;

import static dev.imageservice.common.deletion.JobDeletions.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The deletion sweeper's view of {@code job_deletions}: the rows due, and what became of each pass.
 * A pass that fails is retried later (the row stays due); a first pass that succeeds is re-checked
 * once at {@code recheckAt}; the re-check completes the row. Stateless and thread-safe.
 */
public final class DeletionQueue {

  /**
   * Takes up to {@code limit} rows due now: each is pushed to {@code leaseUntil}, so that no other
   * replica takes it while this one works on it (rows are picked with {@code skip locked}); if this
   * replica dies, the row is simply due again when the lease ends.
   */
  public List<PendingDeletion> take(Handle handle, Instant now, Instant leaseUntil, int limit) {
    return handle
        .createQuery(
            """
            update job_deletions set next_attempt_at = :leaseUntil
            where id in (
              select id from job_deletions
              where completed_at is null and next_attempt_at <= :now
              order by next_attempt_at, id limit :limit for update skip locked)
            returning id, job_id, tenant_id, scope, original_bucket, original_key, requested_at,
                purged_at, attempts
            """)
        .bind("now", utc(now))
        .bind("leaseUntil", utc(leaseUntil))
        .bind("limit", limit)
        .map(DeletionQueue::map)
        .list();
  }

  /** The first pass removed everything: due once more at {@code recheckAt}. */
  public void purged(Handle handle, long id, Instant now, Instant recheckAt) {
    handle
        .createUpdate(
            """
            update job_deletions set purged_at = :now, next_attempt_at = :recheckAt,
                attempts = attempts + 1, last_error = null
            where id = :id
            """)
        .bind("id", id)
        .bind("now", utc(now))
        .bind("recheckAt", utc(recheckAt))
        .execute();
  }

  /** Done for good; a {@code JOB} row stays as the tombstone. */
  public void completed(Handle handle, long id, Instant now) {
    handle
        .createUpdate(
            """
            update job_deletions set completed_at = :now, attempts = attempts + 1,
                last_error = null
            where id = :id
            """)
        .bind("id", id)
        .bind("now", utc(now))
        .execute();
  }

  /** The pass failed (S3 or CloudFront unreachable): due again at {@code retryAt}. */
  public void failed(Handle handle, long id, String error, Instant retryAt) {
    handle
        .createUpdate(
            """
            update job_deletions set attempts = attempts + 1, last_error = :error,
                next_attempt_at = :retryAt
            where id = :id
            """)
        .bind("id", id)
        .bind("error", error.length() > 500 ? error.substring(0, 500) : error)
        .bind("retryAt", utc(retryAt))
        .execute();
  }

  /** How many deletions are not yet complete (first passes and re-checks). */
  public long backlog(Handle handle) {
    return handle
        .createQuery("select count(*) from job_deletions where completed_at is null")
        .mapTo(Long.class)
        .one();
  }

  private static PendingDeletion map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    return new PendingDeletion(
        rs.getLong("id"),
        rs.getObject("job_id", UUID.class),
        rs.getString("tenant_id"),
        DeletionScope.valueOf(rs.getString("scope")),
        rs.getString("original_bucket"),
        rs.getString("original_key"),
        rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
        instant(rs.getObject("purged_at", OffsetDateTime.class)),
        rs.getInt("attempts"));
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }
}
