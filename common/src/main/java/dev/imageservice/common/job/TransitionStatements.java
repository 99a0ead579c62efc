package dev.imageservice.common.job;

import static dev.imageservice.common.job.JobTransition.ABANDON;
import static dev.imageservice.common.job.JobTransition.CLAIM;
import static dev.imageservice.common.job.JobTransition.EXHAUST;
import static dev.imageservice.common.job.JobTransition.FAIL;
import static dev.imageservice.common.job.JobTransition.REANNOUNCE;
import static dev.imageservice.common.job.JobTransition.RELEASE;
import static dev.imageservice.common.job.JobTransition.RETRY;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * The SQL of each {@link JobTransition}: one conditional update whose {@code status = any(:from)}
 * comes from the transition's table, so that a move from another state matches no row. Used only by
 * {@link JobLifecycle}, inside its transactions. {@link JobTransition#SUCCEED}, which writes its
 * rows and its event in the same statement, is {@link SucceedStatement}. Stateless.
 */
final class TransitionStatements {

  private static final String RETURNING = " returning " + JobRepository.JOB_COLUMNS;

  /**
   * The condition of every holder's move: the job still carries the claim's token and is in a state
   * the move starts from. Binds {@code :jobId}, {@code :token} and {@code :from}.
   */
  static final String FENCE =
      "where job_id = :jobId and claim_token = :token and status = any(:from)";

  Optional<Claim> claim(Handle handle, UUID jobId, Duration lease, Instant now) {
    return query(
            handle,
            CLAIM,
            """
            update jobs set status = 'PROCESSING', attempts = attempts + 1,
                claim_token = claim_token + 1, lease_until = :leaseUntil, updated_at = :now
            where job_id = :jobId and status = any(:from)
              and (status <> 'PROCESSING' or lease_until < :now)
            returning claim_token,\s"""
                + JobRepository.JOB_COLUMNS,
            now)
        .bind("jobId", jobId)
        .bind("leaseUntil", utc(now.plus(lease)))
        .map((rs, ctx) -> new Claim(JobRepository.mapJob(rs, ctx), rs.getLong("claim_token")))
        .findOne();
  }

  /** Not a move: the holder keeps its claim. Conditional on the token like every holder's write. */
  boolean extendLease(Handle handle, Claim claim, Duration lease, Instant now) {
    return handle
            .createUpdate(
                """
                update jobs set lease_until = :leaseUntil
                where job_id = :jobId and claim_token = :token and status = 'PROCESSING'
                """)
            .bind("jobId", claim.jobId())
            .bind("token", claim.token())
            .bind("leaseUntil", utc(now.plus(lease)))
            .execute()
        == 1;
  }

  boolean fail(Handle handle, Claim claim, JobError error, Instant now) {
    return held(
        handle,
        FAIL,
        claim,
        """
        update jobs set status = 'FAILED', lease_until = null, error_code = :code,
            error_message = :message, updated_at = :now, completed_at = :now
        """,
        now,
        error);
  }

  boolean release(Handle handle, Claim claim, Instant now) {
    return held(
        handle,
        RELEASE,
        claim,
        "update jobs set status = 'QUEUED', lease_until = null, updated_at = :now",
        now);
  }

  /** {@link JobTransition#EXHAUST}: leaves alone a job a live worker holds. */
  Optional<Job> exhaust(Handle handle, UUID jobId, JobError error, Instant now) {
    return failing(
            handle,
            EXHAUST,
            """
            where job_id = :jobId and status = any(:from)
              and (status <> 'PROCESSING' or lease_until is null or lease_until < :now)
            """,
            error,
            now)
        .bind("jobId", jobId)
        .map(JobRepository::mapJob)
        .findOne();
  }

  Optional<Job> retry(Handle handle, UUID jobId, Instant now) {
    return query(
            handle,
            RETRY,
            """
            update jobs set status = 'QUEUED', lease_until = null, error_code = null,
                error_message = null, completed_at = null, reannouncements = 0, updated_at = :now
            where job_id = :jobId and status = any(:from)
            """
                + RETURNING,
            now)
        .bind("jobId", jobId)
        .map(JobRepository::mapJob)
        .findOne();
  }

  /** {@link JobTransition#REANNOUNCE} of {@code QUEUED} jobs untouched since {@code before}. */
  List<Job> touchStaleQueued(Handle handle, Instant before, Instant now, int limit) {
    return sweep(
            handle,
            REANNOUNCE,
            "update jobs set updated_at = :now",
            "status = 'QUEUED' and updated_at < :before",
            now,
            limit)
        .bind("before", utc(before))
        .map(JobRepository::mapJob)
        .list();
  }

  /**
   * {@link JobTransition#REANNOUNCE} of abandoned {@code PROCESSING} jobs still under the bound.
   */
  List<Job> requeueAbandoned(Handle handle, Instant leaseBefore, int max, Instant now, int limit) {
    return sweep(
            handle,
            REANNOUNCE,
            """
            update jobs set status = 'QUEUED', lease_until = null,
                reannouncements = reannouncements + 1, updated_at = :now
            """,
            "status = 'PROCESSING' and lease_until < :before and reannouncements < :max",
            now,
            limit)
        .bind("before", utc(leaseBefore))
        .bind("max", max)
        .map(JobRepository::mapJob)
        .list();
  }

  /** {@link JobTransition#ABANDON}: abandoned {@code PROCESSING} jobs past the bound. */
  List<Job> abandon(
      Handle handle, Instant leaseBefore, int max, JobError error, Instant now, int limit) {
    return sweep(
            handle,
            ABANDON,
            """
            update jobs set status = 'FAILED', lease_until = null, error_code = :code,
                error_message = :message, updated_at = :now, completed_at = :now
            """,
            "status = 'PROCESSING' and lease_until < :before and reannouncements >= :max",
            now,
            limit)
        .bind("before", utc(leaseBefore))
        .bind("max", max)
        .bind("code", error.code())
        .bind("message", error.message())
        .map(JobRepository::mapJob)
        .list();
  }

  // A holder's move: conditional on the claim's token and the transition's states.
  private static boolean held(
      Handle handle, JobTransition move, Claim claim, String set, Instant now, JobError... error) {
    Update update = fenced(handle, move, claim, set, now);
    if (error.length > 0) {
      update.bind("code", error[0].code()).bind("message", error[0].message());
    }
    return update.execute() == 1;
  }

  private static Update fenced(
      Handle handle, JobTransition move, Claim claim, String set, Instant now) {
    return handle
        .createUpdate(set + " " + FENCE)
        .bind("jobId", claim.jobId())
        .bind("token", claim.token())
        .bind("from", move.fromNames())
        .bind("now", utc(now));
  }

  private static Query failing(
      Handle handle, JobTransition move, String where, JobError error, Instant now) {
    return query(
            handle,
            move,
            """
            update jobs set status = 'FAILED', lease_until = null, error_code = :code,
                error_message = :message, updated_at = :now, completed_at = :now
            """
                + where
                + RETURNING,
            now)
        .bind("code", error.code())
        .bind("message", error.message());
  }

  // Rows are locked with skip locked, so sweeps on several replicas never take the same job.
  private static Query sweep(
      Handle handle, JobTransition move, String set, String where, Instant now, int limit) {
    return query(
            handle,
            move,
            set
                + " where job_id in (select job_id from jobs where status = any(:from) and "
                + where
                + " order by updated_at limit :limit for update skip locked)"
                + RETURNING,
            now)
        .bind("limit", limit);
  }

  private static Query query(Handle handle, JobTransition move, String sql, Instant now) {
    return handle.createQuery(sql).bind("from", move.fromNames()).bind("now", utc(now));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
