package dev.imageservice.local;

import dev.imageservice.localinfra.LocalEndpoints;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What the database says about a job, read directly (not through the API) so that fault tests can
 * count rows: thumbnails, outbox events, attempts.
 */
final class JobLedger {

  private final Jdbi jdbi;

  JobLedger(LocalEndpoints endpoints) {
    this.jdbi = Jdbi.create(endpoints.jdbcUrl(), endpoints.dbUsername(), endpoints.dbPassword());
  }

  String status(UUID jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select status from jobs where job_id = :id")
                .bind("id", jobId)
                .mapTo(String.class)
                .one());
  }

  int attempts(UUID jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select attempts from jobs where job_id = :id")
                .bind("id", jobId)
                .mapTo(Integer.class)
                .one());
  }

  String errorCode(UUID jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select coalesce(error_code, '') from jobs where job_id = :id")
                .bind("id", jobId)
                .mapTo(String.class)
                .one());
  }

  /**
   * Leaves the job as a worker that claimed it {@code ago} and then died leaves it: {@code
   * PROCESSING}, one more attempt, the next claim token, the lease long over. Returns the rows it
   * changed: 1 when the job was still queued.
   */
  int claimedByADeadWorker(UUID jobId, java.time.Duration ago) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    """
                    update jobs set status = 'PROCESSING', attempts = attempts + 1,
                        claim_token = claim_token + 1,
                        lease_until = now() - make_interval(secs => :ago),
                        updated_at = now() - make_interval(secs => :ago)
                    where job_id = :id and status = 'QUEUED'
                    """)
                .bind("id", jobId)
                .bind("ago", (double) ago.toSeconds())
                .execute());
  }

  int thumbnailRows(UUID jobId) {
    return count("select count(*) from thumbnails where job_id = :id", jobId);
  }

  /** Outbox rows of one event type ({@code thumbnails.generated}, ...) for the job. */
  int events(UUID jobId, String type) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from outbox where job_id = :id and event_type = :type")
                .bind("id", jobId)
                .bind("type", type)
                .mapTo(Integer.class)
                .one());
  }

  /** The {@code ImageUploaded} payload the API put in the outbox for the job. */
  /** The S3 key of the job's original in the images bucket. */
  String originalKey(UUID jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select original_key from jobs where job_id = :id")
                .bind("id", jobId)
                .mapTo(String.class)
                .one());
  }

  String uploadedEvent(UUID jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select payload from outbox where job_id = :id and event_type = 'image.uploaded'")
                .bind("id", jobId)
                .mapTo(String.class)
                .one());
  }

  private int count(String sql, UUID jobId) {
    return jdbi.withHandle(h -> h.createQuery(sql).bind("id", jobId).mapTo(Integer.class).one());
  }
}
