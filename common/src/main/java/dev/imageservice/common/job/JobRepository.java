package dev.imageservice.common.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * Jdbi access to the {@code jobs} and {@code thumbnails} tables: inserts, reads and the rows that
 * go with a transition. Status changes are not here: {@link JobLifecycle} owns them. Every method
 * takes the caller's {@link Handle} so that callers compose several writes into one transaction.
 * Stateless and thread-safe.
 */
public final class JobRepository {

  private static final String UPSERT_THUMBNAIL =
      """
      insert into thumbnails (job_id, preset, bucket, object_key, width, height,
          content_type, bytes, alternate)
      values (:jobId, :preset, :bucket, :key, :width, :height, :contentType, :bytes,
          :alternate)
      on conflict (job_id, preset, content_type) do update set bucket = excluded.bucket,
          object_key = excluded.object_key, width = excluded.width,
          height = excluded.height, bytes = excluded.bytes,
          alternate = excluded.alternate
      """;

  static final String JOB_COLUMNS =
      """
      job_id, tenant_id, status, presets, original_bucket, original_key, original_content_type,
      original_bytes, original_width, original_height, attempts, lease_until, error_code,
      error_message, idempotency_key, created_at, updated_at, completed_at, formats, thumbhash
      """;

  /** Inserts a new {@code QUEUED} job; false if the tenant already used its idempotency key. */
  public boolean insert(Handle handle, NewJob job, Instant now) {
    return handle
            .createUpdate(
                """
                insert into jobs (job_id, tenant_id, status, presets, original_bucket, original_key,
                    original_content_type, original_bytes, original_width, original_height,
                    idempotency_key, created_at, updated_at, formats)
                values (:jobId, :tenantId, 'QUEUED', :presets, :bucket, :key, :contentType, :bytes,
                    :width, :height, :idempotencyKey, :now, :now, :formats)
                on conflict (tenant_id, idempotency_key) do nothing
                """)
            .bind("jobId", job.jobId())
            .bind("tenantId", job.tenantId())
            .bind("presets", job.presets().toArray(String[]::new))
            .bind("bucket", job.original().bucket())
            .bind("key", job.original().key())
            .bind("contentType", job.original().contentType())
            .bind("bytes", job.original().bytes())
            .bind("width", job.original().width())
            .bind("height", job.original().height())
            .bind("idempotencyKey", job.idempotencyKey())
            .bind("formats", job.formats().toArray(String[]::new))
            .bind("now", utc(now))
            .execute()
        == 1;
  }

  public Optional<Job> find(Handle handle, UUID jobId) {
    return handle
        .createQuery("select " + JOB_COLUMNS + " from jobs where job_id = :jobId")
        .bind("jobId", jobId)
        .map(JobRepository::mapJob)
        .findOne();
  }

  /**
   * The job only if it belongs to the tenant: other tenants' jobs look exactly like unknown ones.
   */
  public Optional<Job> findForTenant(Handle handle, String tenantId, UUID jobId) {
    return find(handle, jobId).filter(job -> job.tenantId().equals(tenantId));
  }

  public Optional<Job> findByIdempotencyKey(Handle handle, String tenantId, String idempotencyKey) {
    return handle
        .createQuery(
            "select "
                + JOB_COLUMNS
                + " from jobs where tenant_id = :tenantId and idempotency_key = :key")
        .bind("tenantId", tenantId)
        .bind("key", idempotencyKey)
        .map(JobRepository::mapJob)
        .findOne();
  }

  /** Records the original's dimensions once the worker has probed them. */
  public void recordDimensions(Handle handle, UUID jobId, int width, int height) {
    handle
        .createUpdate(
            "update jobs set original_width = :w, original_height = :h where job_id = :jobId")
        .bind("jobId", jobId)
        .bind("w", width)
        .bind("h", height)
        .execute();
  }

  /** Records the job's ThumbHash placeholder (base64). */
  public void recordThumbHash(Handle handle, UUID jobId, String thumbhash) {
    handle
        .createUpdate("update jobs set thumbhash = :thumbhash where job_id = :jobId")
        .bind("jobId", jobId)
        .bind("thumbhash", thumbhash)
        .execute();
  }

  /**
   * Inserts or replaces a thumbnail row: re-rendering a preset in a format never adds a second row.
   */
  public void upsertThumbnail(Handle handle, UUID jobId, Thumbnail thumbnail) {
    bindThumbnail(handle.createUpdate(UPSERT_THUMBNAIL), jobId, thumbnail).execute();
  }

  private static <S extends SqlStatement<S>> S bindThumbnail(
      S statement, UUID jobId, Thumbnail thumbnail) {
    return statement
        .bind("jobId", jobId)
        .bind("preset", thumbnail.preset())
        .bind("bucket", thumbnail.bucket())
        .bind("key", thumbnail.key())
        .bind("width", thumbnail.width())
        .bind("height", thumbnail.height())
        .bind("contentType", thumbnail.contentType())
        .bind("bytes", thumbnail.bytes())
        .bind("alternate", thumbnail.alternate());
  }

  /**
   * A job's renditions, by preset, each preset's own format first, then its extras by content type.
   */
  public List<Thumbnail> thumbnails(Handle handle, UUID jobId) {
    return handle
        .createQuery(
            """
            select preset, bucket, object_key, width, height, content_type, bytes, alternate
            from thumbnails where job_id = :jobId order by preset, alternate, content_type
            """)
        .bind("jobId", jobId)
        .map(
            (rs, ctx) ->
                new Thumbnail(
                    rs.getString("preset"),
                    rs.getString("bucket"),
                    rs.getString("object_key"),
                    rs.getInt("width"),
                    rs.getInt("height"),
                    rs.getString("content_type"),
                    rs.getLong("bytes"),
                    rs.getBoolean("alternate")))
        .list();
  }

  /**
   * A page of the tenant's jobs, newest first, after the given position (keyset pagination, stable
   * while new jobs arrive).
   */
  public List<Job> page(
      Handle handle,
      String tenantId,
      @Nullable JobStatus status,
      @Nullable JobCursor after,
      int limit) {
    return handle
        .createQuery(
            "select "
                + JOB_COLUMNS
                + """
                 from jobs where tenant_id = :tenantId
                  and (cast(:status as text) is null or status = :status)
                  and (cast(:afterCreated as timestamptz) is null
                       or (created_at, job_id) < (:afterCreated, :afterJob))
                order by created_at desc, job_id desc limit :limit
                """)
        .bind("tenantId", tenantId)
        .bind("status", status == null ? null : status.name())
        .bind("afterCreated", after == null ? null : utc(after.createdAt()))
        .bind("afterJob", after == null ? null : after.jobId())
        .bind("limit", limit)
        .map(JobRepository::mapJob)
        .list();
  }

  static Job mapJob(ResultSet rs, StatementContext ctx) throws SQLException {
    String errorCode = rs.getString("error_code");
    return new Job(
        rs.getObject("job_id", UUID.class),
        rs.getString("tenant_id"),
        JobStatus.valueOf(rs.getString("status")),
        Arrays.asList((String[]) rs.getArray("presets").getArray()),
        new Job.Original(
            rs.getString("original_bucket"),
            rs.getString("original_key"),
            rs.getString("original_content_type"),
            rs.getLong("original_bytes"),
            rs.getObject("original_width", Integer.class),
            rs.getObject("original_height", Integer.class)),
        rs.getInt("attempts"),
        instant(rs, "lease_until"),
        errorCode == null ? null : new JobError(errorCode, rs.getString("error_message")),
        rs.getString("idempotency_key"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "completed_at"),
        Arrays.asList((String[]) rs.getArray("formats").getArray()),
        rs.getString("thumbhash"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
