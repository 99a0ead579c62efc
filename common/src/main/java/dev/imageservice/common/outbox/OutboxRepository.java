package dev.imageservice.common.outbox;

import dev.imageservice.common.event.EventJson;
import dev.imageservice.common.event.ImageEvent;
import dev.imageservice.common.trace.TraceContexts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Jdbi access to the {@code outbox} table. {@link #add} is called inside the transaction that makes
 * the state change the event announces; the relay then drains it. Stateless and thread-safe.
 */
public final class OutboxRepository {

  private final TraceContexts traces;

  /** An outbox whose rows carry no trace context. */
  public OutboxRepository() {
    this(TraceContexts.NONE);
  }

  /** An outbox that stores, with each row, the trace context current when it was added. */
  public OutboxRepository(TraceContexts traces) {
    this.traces = traces;
  }

  public void add(Handle handle, ImageEvent event, Instant now) {
    handle
        .createUpdate(
            """
            insert into outbox (event_id, event_type, job_id, payload, created_at, next_attempt_at,
                traceparent)
            values (:eventId, :type, :jobId, :payload, :now, :now, :traceparent)
            """)
        .bind("traceparent", traces.currentTraceparent())
        .bind("eventId", event.eventId())
        .bind("type", event.type())
        .bind("jobId", event.jobId())
        .bind("payload", EventJson.write(event))
        .bind("now", utc(now))
        .execute();
  }

  /**
   * Claims up to {@code limit} due messages, oldest first, in one short statement: their {@code
   * next_attempt_at} moves to {@code claimUntil}, so that no other relay takes them while this one
   * publishes, and no row lock is held across the network call. A relay that dies mid-publish
   * leaves them due again at {@code claimUntil}. Rows another relay is claiming are skipped.
   */
  public List<OutboxMessage> claimDue(Handle handle, Instant now, Instant claimUntil, int limit) {
    return handle
        .createQuery(
            """
            update outbox set next_attempt_at = :claimUntil
            where id in (select id from outbox
                         where published_at is null and next_attempt_at <= :now
                         order by id limit :limit for update skip locked)
            returning id, event_id, event_type, job_id, payload, attempts, traceparent
            """)
        .bind("now", utc(now))
        .bind("claimUntil", utc(claimUntil))
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new OutboxMessage(
                    rs.getLong("id"),
                    rs.getObject("event_id", UUID.class),
                    rs.getString("event_type"),
                    rs.getObject("job_id", UUID.class),
                    rs.getString("payload"),
                    rs.getInt("attempts"),
                    rs.getString("traceparent")))
        .list()
        .stream()
        .sorted(Comparator.comparingLong(OutboxMessage::id))
        .toList();
  }

  public void markPublished(Handle handle, Collection<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            """
            update outbox set published_at = :now, attempts = attempts + 1, last_error = null
            where id = any(:ids)
            """)
        .bind("ids", ids.toArray(Long[]::new))
        .bind("now", utc(now))
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
        .bind("retryAt", utc(retryAt))
        .bind("error", error)
        .execute();
  }

  /** Gives claimed messages back unattempted (the relay is stopping): due again at once. */
  public void unclaim(Handle handle, Collection<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    handle
        .createUpdate("update outbox set next_attempt_at = :now where id = any(:ids)")
        .bind("ids", ids.toArray(Long[]::new))
        .bind("now", utc(now))
        .execute();
  }

  /**
   * Deletes up to {@code limit} messages published before {@code before}, oldest first.
   *
   * @return how many were deleted
   */
  public int prunePublished(Handle handle, Instant before, int limit) {
    return handle
        .createUpdate(
            """
            delete from outbox where id in (select id from outbox
                where published_at is not null and published_at < :before
                order by published_at limit :limit)
            """)
        .bind("before", utc(before))
        .bind("limit", limit)
        .execute();
  }

  /** Messages not yet published: the relay's backlog, exported as a metric. */
  public long backlog(Handle handle) {
    return handle
        .createQuery("select count(*) from outbox where published_at is null")
        .mapTo(Long.class)
        .one();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
