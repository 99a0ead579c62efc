package dev.imageservice.common.deletion;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Starts deletions: a tenant's {@code DELETE} of a job and retention's removal of old originals.
 * Each one writes its {@code job_deletions} row in the caller's transaction, together with the row
 * changes it implies, so that the objects' removal (by the deletion sweeper) can never be lost.
 * Also answers the worker's question whether a job was deleted. Stateless and thread-safe.
 */
public final class JobDeletions {

  /**
   * Deletes the tenant's job: its rows go now (thumbnails cascade), so it disappears from every
   * read and from usage at once, and a worker rendering it cannot commit any more; a {@code JOB}
   * deletion row (the tombstone) queues the objects' removal. Another tenant's job is {@link
   * DeletionRequest#NOT_FOUND}.
   */
  public DeletionRequest request(Handle handle, String tenantId, UUID jobId, Instant now) {
    var deleted =
        handle
            .createQuery(
                """
                delete from jobs where job_id = :jobId and tenant_id = :tenantId
                returning original_bucket, original_key
                """)
            .bind("jobId", jobId)
            .bind("tenantId", tenantId)
            .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
            .findOne();
    if (deleted.isEmpty()) {
      return tombstoned(handle, tenantId, jobId)
          ? DeletionRequest.ALREADY_DELETED
          : DeletionRequest.NOT_FOUND;
    }
    // A retention deletion of the same job may be pending; the job deletion covers it.
    handle
        .createUpdate(
            """
            insert into job_deletions (job_id, tenant_id, scope, original_bucket, original_key,
                requested_at, next_attempt_at)
            values (:jobId, :tenantId, 'JOB', :bucket, :key, :now, :now)
            on conflict (job_id, scope) do nothing
            """)
        .bind("jobId", jobId)
        .bind("tenantId", tenantId)
        .bind("bucket", deleted.get()[0])
        .bind("key", deleted.get()[1])
        .bind("now", utc(now))
        .execute();
    return DeletionRequest.ACCEPTED;
  }

  /** Whether the job was deleted (its tombstone exists), whoever the tenant. */
  public boolean isDeleted(Handle handle, UUID jobId) {
    return handle
        .createQuery(
            "select exists (select 1 from job_deletions where job_id = :jobId and scope = 'JOB')")
        .bind("jobId", jobId)
        .mapTo(Boolean.class)
        .one();
  }

  /**
   * Retention: marks the originals of up to {@code limit} jobs that SUCCEEDED before {@code before}
   * as deleted and queues their removal ({@code ORIGINAL} rows). Rows are taken with {@code skip
   * locked}, so replicas never queue the same job twice.
   *
   * @return how many originals were queued
   */
  public int expireOriginals(Handle handle, Instant before, Instant now, int limit) {
    return handle
        .createUpdate(
            """
            with expired as (
              update jobs set original_deleted_at = :now
              where job_id in (
                select job_id from jobs
                where status = 'SUCCEEDED' and original_deleted_at is null
                  and completed_at < :before
                order by completed_at limit :limit for update skip locked)
              returning job_id, tenant_id, original_bucket, original_key)
            insert into job_deletions (job_id, tenant_id, scope, original_bucket, original_key,
                requested_at, next_attempt_at)
            select job_id, tenant_id, 'ORIGINAL', original_bucket, original_key, :now, :now
            from expired
            on conflict (job_id, scope) do nothing
            """)
        .bind("before", utc(before))
        .bind("now", utc(now))
        .bind("limit", limit)
        .execute();
  }

  /** When the job's original was deleted (retention), or null while it is stored. */
  public java.util.Optional<Instant> originalDeletedAt(Handle handle, UUID jobId) {
    return handle
        .createQuery("select original_deleted_at from jobs where job_id = :jobId")
        .bind("jobId", jobId)
        .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class))
        .findOne()
        .map(OffsetDateTime::toInstant);
  }

  private static boolean tombstoned(Handle handle, String tenantId, UUID jobId) {
    return handle
        .createQuery(
            """
            select exists (select 1 from job_deletions
                           where job_id = :jobId and tenant_id = :tenantId and scope = 'JOB')
            """)
        .bind("jobId", jobId)
        .bind("tenantId", tenantId)
        .mapTo(Boolean.class)
        .one();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
