package dev.imageservice.common.outbox;

import dev.imageservice.common.event.EventJson;
import dev.imageservice.common.event.ImageEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Jdbi access to the {@code outbox} table. {@link #add} is called inside the transaction that makes
 * the state change the event announces; the relay then drains it. Stateless and thread-safe.
 */
public final class OutboxRepository {

  public void add(Handle handle, ImageEvent event, Instant now) {
    handle
        .createUpdate(
            """
            insert into outbox (event_id, event_type, job_id, payload, created_at, next_attempt_at)
            values (:eventId, :type, :jobId, :payload, :now, :now)
            """)
        .bind("eventId", event.eventId())
        .bind("type", event.type())
        .bind("jobId", event.jobId())
        .bind("payload", EventJson.write(event))
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .execute();
  }

  /**
   * Locks up to {@code limit} due messages, oldest first. Rows locked by another relay are skipped,
   * so several replicas drain the outbox side by side without publishing a row twice.
   */
  public List<OutboxMessage> lockDue(Handle handle, Instant now, int limit) {
    return handle
        .createQuery(
            """
            select id, event_id, event_type, job_id, payload, attempts from outbox
            where published_at is null and next_attempt_at <= :now
            order by id limit :limit for update skip locked
            """)
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new OutboxMessage(
                    rs.getLong("id"),
                    rs.getObject("event_id", java.util.UUID.class),
                    rs.getString("event_type"),
                    rs.getObject("job_id", java.util.UUID.class),
                    rs.getString("payload"),
                    rs.getInt("attempts")))
        .list();
  }

  public void markPublished(Handle handle, long id, Instant now) {
    handle
        .createUpdate(
            "update outbox set published_at = :now, attempts = attempts + 1 where id = :id")
        .bind("id", id)
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .execute();
  }

  public void markAttemptFailed(Handle handle, long id, Instant retryAt, String error) {
    handle
        .createUpdate(
            """
            update outbox set attempts = attempts + 1, next_attempt_at = :retryAt,
                last_error = left(:error, 500)
            where id = :id
            """)
        .bind("id", id)
        .bind("retryAt", retryAt.atOffset(ZoneOffset.UTC))
        .bind("error", error)
        .execute();
  }

  /** Messages not yet published: the relay's backlog, exported as a metric. */
  public long backlog(Handle handle) {
    return handle
        .createQuery("select count(*) from outbox where published_at is null")
        .mapTo(Long.class)
        .one();
  }
}
