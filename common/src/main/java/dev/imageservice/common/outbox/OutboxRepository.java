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
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Jdbi access to the {@code outbox} table. {@link #add} is called inside the transaction that makes
 * the state change the event announces; the relay then drains it. Stateless and thread-safe.
 */
public final class OutboxRepository {

  private static final String INSERT =
      """
      insert into outbox (event_id, event_type, job_id, payload, created_at, next_attempt_at,
          traceparent)
      """;

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
    bindRow(
            handle.createUpdate(
                INSERT
                    + """
                    values (:eventId, :eventType, :eventJobId, :eventPayload, :eventAt, :eventAt,
                        :eventTraceparent)
                    """),
            event,
            now)
        .execute();
  }

  /**
   * The insert of {@link #add} as the last part of a larger statement that makes the change the
   * event announces: it writes the row once for each row of {@code gate}, a common table expression
   * of that statement that yields one row when the change happened and none when it did not. Bind
   * the row with {@link #bindRow}. The change and its announcement then cost one round trip, where
   * {@link #add} is a second statement in the change's transaction.
   */
  public static String insertOncePerRowOf(String gate) {
    // Parameters in a select list take no type from the target columns, as they do in values:
    // the casts give them the columns' types.
    return INSERT
        + """
        select cast(:eventId as uuid), cast(:eventType as text), cast(:eventJobId as uuid),
            cast(:eventPayload as text), cast(:eventAt as timestamptz),
            cast(:eventAt as timestamptz), cast(:eventTraceparent as text)
        from\s"""
        + gate;
  }

  /**
   * Binds the row {@link #add} writes for {@code event} (due at once, with the trace context
   * current on this thread), whether it goes in alone or with {@link #insertOncePerRowOf}. The
   * parameters are named {@code event...}, so that they do not clash with the larger statement's
   * own.
   */
  public <S extends SqlStatement<S>> S bindRow(S statement, ImageEvent event, Instant now) {
    return statement
        .bind("eventId", event.eventId())
        .bind("eventType", event.type())
        .bind("eventJobId", event.jobId())
        .bind("eventPayload", EventJson.write(event))
        .bind("eventAt", utc(now))
        .bind("eventTraceparent", traces.currentTraceparent());
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
