package dev.imageservice.common.job;

import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.event.ThumbnailsFailed;
import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import dev.imageservice.common.preset.PresetSnapshot;
import dev.imageservice.common.preset.RecordedPresets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The moves of a direct upload's job, beside {@link JobLifecycle}: {@link #open} records it {@code
 * AWAITING_UPLOAD} (no event: nothing can be rendered yet), then exactly one of {@link
 * JobTransition#ARRIVE}, {@link JobTransition#REJECT} or {@link JobTransition#EXPIRE} happens, each
 * a conditional update from {@code AWAITING_UPLOAD}, so the S3 event and the client's {@code
 * complete} may race and repeat: the first wins, the others change nothing. Thread-safe.
 */
public final class DirectUploadLifecycle {

  private static final String RETURNING = " returning " + JobRepository.JOB_COLUMNS;

  private final RecordedPresets recorded = new RecordedPresets();
  private final Jdbi jdbi;
  private final OutboxRepository outbox;
  private final OutboxRelay relay;
  private final Clock clock;

  public DirectUploadLifecycle(Jdbi jdbi, OutboxRepository outbox, OutboxRelay relay, Clock clock) {
    this.jdbi = jdbi;
    this.outbox = outbox;
    this.relay = relay;
    this.clock = clock;
  }

  /**
   * Records the job {@code AWAITING_UPLOAD} and where its bytes are expected; empty when the tenant
   * already used the idempotency key.
   */
  public Optional<Job> open(NewJob job, DirectUpload upload) {
    return open(job, upload, List.of());
  }

  /**
   * As {@link #open(NewJob, DirectUpload)}, recording the preset {@code definitions} the API
   * resolved, which the arrival's {@code ImageUploaded} then carries to the worker.
   */
  public Optional<Job> open(NewJob job, DirectUpload upload, List<PresetSnapshot> definitions) {
    return jdbi.inTransaction(
        handle -> {
          Instant now = clock.instant();
          boolean inserted =
              handle
                      .createUpdate(
                          """
                          insert into jobs (job_id, tenant_id, status, presets, original_bucket,
                              original_key, original_content_type, original_bytes,
                              idempotency_key, created_at, updated_at, formats)
                          values (:jobId, :tenantId, 'AWAITING_UPLOAD', :presets, :bucket, :key,
                              :contentType, :bytes, :idempotencyKey, :now, :now, :formats)
                          on conflict (tenant_id, idempotency_key) do nothing
                          """)
                      .bind("jobId", job.jobId())
                      .bind("tenantId", job.tenantId())
                      .bind("presets", job.presets().toArray(String[]::new))
                      .bind("bucket", job.original().bucket())
                      .bind("key", job.original().key())
                      .bind("contentType", job.original().contentType())
                      .bind("bytes", job.original().bytes())
                      .bind("idempotencyKey", job.idempotencyKey())
                      .bind("now", utc(now))
                      .bind("formats", job.formats().toArray(String[]::new))
                      .execute()
                  == 1;
          if (!inserted) {
            return Optional.<Job>empty();
          }
          if (!definitions.isEmpty()) {
            recorded.record(handle, job.jobId(), definitions);
          }
          handle
              .createUpdate(
                  """
                  insert into direct_uploads (job_id, upload_key, declared_size, formats, expires_at)
                  values (:jobId, :key, :size, :formats, :expiresAt)
                  """)
              .bind("jobId", job.jobId())
              .bind("key", upload.uploadKey())
              .bind("size", upload.declaredSize())
              .bind("formats", upload.formats().toArray(String[]::new))
              .bind("expiresAt", utc(upload.expiresAt()))
              .execute();
          return new JobRepository().find(handle, job.jobId());
        });
  }

  /** The upload of a job, if it was created by {@link #open}. */
  public Optional<DirectUpload> find(Handle handle, UUID jobId) {
    return handle
        .createQuery(
            """
            select job_id, upload_key, declared_size, formats, expires_at
            from direct_uploads where job_id = :jobId
            """)
        .bind("jobId", jobId)
        .map(
            (rs, ctx) ->
                new DirectUpload(
                    rs.getObject("job_id", UUID.class),
                    rs.getString("upload_key"),
                    rs.getLong("declared_size"),
                    Arrays.asList((String[]) rs.getArray("formats").getArray()),
                    rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
        .findOne();
  }

  /**
   * {@link JobTransition#ARRIVE} with the stored object's real size and sniffed type, announcing
   * {@code ImageUploaded}; empty when the job is not {@code AWAITING_UPLOAD} (another path won).
   */
  public Optional<Job> arrive(UUID jobId, long bytes, String contentType) {
    return announced(
        handle ->
            move(
                    handle,
                    JobTransition.ARRIVE,
                    """
                    update jobs set status = 'QUEUED', original_bytes = :bytes,
                        original_content_type = :contentType, updated_at = :now
                    """)
                .bind("jobId", jobId)
                .bind("bytes", bytes)
                .bind("contentType", contentType)
                .map(JobRepository::mapJob)
                .findOne()
                .map(
                    job -> {
                      outbox.add(
                          handle,
                          ImageUploaded.announcing(
                              job.jobId(),
                              job.tenantId(),
                              job.original(),
                              job.presets(),
                              job.formats(),
                              recorded.find(handle, job.jobId()),
                              job.updatedAt()),
                          job.updatedAt());
                      return job;
                    }));
  }

  /** {@link JobTransition#REJECT}, announcing {@code ThumbnailsFailed}; empty when not waiting. */
  public Optional<Job> reject(UUID jobId, JobError error) {
    return announced(
        handle ->
            move(
                    handle,
                    JobTransition.REJECT,
                    """
                    update jobs set status = 'FAILED', error_code = :code,
                        error_message = :message, updated_at = :now, completed_at = :now
                    """)
                .bind("jobId", jobId)
                .bind("code", error.code())
                .bind("message", error.message())
                .map(JobRepository::mapJob)
                .findOne()
                .map(
                    job -> {
                      outbox.add(
                          handle,
                          ThumbnailsFailed.of(job.jobId(), job.tenantId(), error, job.updatedAt()),
                          job.updatedAt());
                      return job;
                    }));
  }

  /** Up to {@code limit} uploads still awaited whose URL expired before {@code before}. */
  public List<DirectUpload> overdue(Instant before, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    """
                    select d.job_id from direct_uploads d join jobs j on j.job_id = d.job_id
                    where j.status = 'AWAITING_UPLOAD' and d.expires_at < :before
                    order by d.expires_at limit :limit
                    """)
                .bind("before", utc(before))
                .bind("limit", limit)
                .mapTo(UUID.class)
                .list()
                .stream()
                .map(id -> find(handle, id).orElseThrow())
                .toList());
  }

  /**
   * {@link JobTransition#EXPIRE} of up to {@code limit} jobs whose upload URL expired before {@code
   * before}; rows are taken with {@code skip locked}, so replicas never take the same job. The
   * expired jobs' uploads, so that the caller can remove any stray object.
   */
  public List<DirectUpload> expire(Instant before, int limit) {
    return jdbi.inTransaction(
        handle -> {
          List<UUID> expired =
              handle
                  .createQuery(
                      """
                      update jobs set status = 'EXPIRED', updated_at = :now, completed_at = :now
                      where job_id in (select j.job_id from jobs j
                          join direct_uploads d on d.job_id = j.job_id
                          where j.status = any(:from) and d.expires_at < :before
                          order by d.expires_at limit :limit for update of j skip locked)
                      returning job_id
                      """)
                  .bind("from", JobTransition.EXPIRE.fromNames())
                  .bind("now", utc(clock.instant()))
                  .bind("before", utc(before))
                  .bind("limit", limit)
                  .mapTo(UUID.class)
                  .list();
          return expired.stream().map(id -> find(handle, id).orElseThrow()).toList();
        });
  }

  private org.jdbi.v3.core.statement.Query move(Handle handle, JobTransition move, String set) {
    return handle
        .createQuery(set + " where job_id = :jobId and status = any(:from)" + RETURNING)
        .bind("from", move.fromNames())
        .bind("now", utc(clock.instant()));
  }

  // One transaction; when it committed a move, its event is waiting in the outbox.
  private Optional<Job> announced(java.util.function.Function<Handle, Optional<Job>> move) {
    Optional<Job> done = jdbi.inTransaction(move::apply);
    done.ifPresent(ignored -> relay.wakeUp());
    return done;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
