package dev.imageservice.api.webhook;

import static dev.imageservice.api.webhook.EndpointStore.instant;
import static dev.imageservice.api.webhook.EndpointStore.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The durable retry schedule: deliveries and their attempts in PostgreSQL. Claims hide due rows
 * from other replicas for a lease ({@code FOR UPDATE SKIP LOCKED}), so any number of API replicas
 * dispatch side by side and a replica that dies mid-attempt leaves its rows due again. Stateless.
 */
final class DeliveryStore {

  /** A claimed delivery with its endpoint, as the dispatcher needs it. */
  record Claimed(Delivery delivery, WebhookEndpoint endpoint) {}

  /** Records the delivery unless this event is already owed to this endpoint (SQS redelivery). */
  boolean insertIfAbsent(Handle handle, Delivery d) {
    return handle
            .createUpdate(
                """
                insert into webhook_deliveries (delivery_id, endpoint_id, event_id, message_id,
                  event_type, job_id, payload, event_time, created_at, status, next_attempt_at,
                  give_up_after, traceparent)
                values (:id, :endpoint, :event, :message, :type, :job, :payload, :eventTime,
                  :createdAt, 'PENDING', :createdAt, :giveUp, :traceparent)
                on conflict (endpoint_id, event_id) do nothing
                """)
            .bind("id", d.id())
            .bind("endpoint", d.endpointId())
            .bind("event", d.eventId())
            .bind("message", d.messageId())
            .bind("type", d.eventType())
            .bind("job", d.jobId())
            .bind("payload", d.payload())
            .bind("eventTime", utc(d.eventTime()))
            .bind("createdAt", utc(d.createdAt()))
            .bind("giveUp", utc(d.giveUpAfter()))
            .bind("traceparent", d.traceparent())
            .execute()
        == 1;
  }

  /** Claims up to {@code limit} due deliveries of enabled endpoints until {@code leaseEnd}. */
  List<Claimed> claimDue(Handle handle, Instant now, Instant leaseEnd, int limit) {
    return handle
        .createQuery(
            """
            with due as (
              select d.delivery_id from webhook_deliveries d
              join webhook_endpoints e on e.endpoint_id = d.endpoint_id
              where d.status = 'PENDING' and d.next_attempt_at <= :now and e.disabled_at is null
              order by d.next_attempt_at
              limit :limit
              for update of d skip locked)
            update webhook_deliveries d set next_attempt_at = :leaseEnd
            from due, webhook_endpoints e
            where d.delivery_id = due.delivery_id and e.endpoint_id = d.endpoint_id
            returning d.*, e.tenant_id, e.url, e.events, e.secret, e.previous_secret,
              e.previous_secret_until, e.created_at as endpoint_created_at, e.disabled_at,
              e.disabled_reason
            """)
        .bind("now", utc(now))
        .bind("leaseEnd", utc(leaseEnd))
        .bind("limit", limit)
        .map((rs, ctx) -> new Claimed(read(rs), endpointOf(rs)))
        .list();
  }

  /**
   * Records an attempt and the delivery's new state; {@code nextAttemptAt} null ends it ({@code
   * DELIVERED} or {@code FAILED}). Applies only while the delivery has not moved on (attempts still
   * {@code attempt - 1}), so a late writer changes nothing.
   */
  boolean record(
      Handle handle,
      Delivery d,
      Delivery.Attempt attempt,
      Delivery.Status status,
      @Nullable Instant nextAttemptAt) {
    int updated =
        handle
            .createUpdate(
                """
                update webhook_deliveries set attempts = :attempt, status = :status,
                  next_attempt_at = :next,
                  delivered_at = case when :status = 'DELIVERED' then :at else delivered_at end
                where delivery_id = :id and attempts = :attempt - 1
                """)
            .bind("id", d.id())
            .bind("attempt", attempt.attempt())
            .bind("status", status.name())
            .bind("next", nextAttemptAt == null ? null : utc(nextAttemptAt))
            .bind("at", utc(attempt.attemptedAt()))
            .execute();
    if (updated == 1) {
      handle
          .createUpdate(
              """
              insert into webhook_attempts (delivery_id, attempt, attempted_at, status_code,
                latency_ms, error)
              values (:id, :attempt, :at, :status, :latency, :error)
              """)
          .bind("id", d.id())
          .bind("attempt", attempt.attempt())
          .bind("at", utc(attempt.attemptedAt()))
          .bind("status", attempt.statusCode())
          .bind("latency", attempt.latencyMs())
          .bind("error", attempt.error())
          .execute();
    }
    return updated == 1;
  }

  /** Sends the delivery again now, with a fresh retry window; false when there is no such one. */
  boolean replay(Handle handle, UUID endpointId, UUID deliveryId, Instant now, Instant giveUp) {
    return handle
            .createUpdate(
                """
                update webhook_deliveries set status = 'PENDING', next_attempt_at = :now,
                  give_up_after = :giveUp
                where delivery_id = :delivery and endpoint_id = :endpoint
                """)
            .bind("delivery", deliveryId)
            .bind("endpoint", endpointId)
            .bind("now", utc(now))
            .bind("giveUp", utc(giveUp))
            .execute()
        == 1;
  }

  /** The endpoint's newest deliveries. */
  List<Delivery> recent(Handle handle, UUID endpointId, int limit) {
    return handle
        .createQuery(
            """
            select * from webhook_deliveries where endpoint_id = :endpoint
            order by created_at desc, delivery_id limit :limit
            """)
        .bind("endpoint", endpointId)
        .bind("limit", limit)
        .map((rs, ctx) -> read(rs))
        .list();
  }

  Optional<Delivery> find(Handle handle, UUID endpointId, UUID deliveryId) {
    return handle
        .createQuery(
            "select * from webhook_deliveries where endpoint_id = :endpoint and delivery_id = :id")
        .bind("endpoint", endpointId)
        .bind("id", deliveryId)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  List<Delivery.Attempt> attempts(Handle handle, UUID deliveryId) {
    return handle
        .createQuery("select * from webhook_attempts where delivery_id = :id order by attempt")
        .bind("id", deliveryId)
        .map(
            (rs, ctx) ->
                new Delivery.Attempt(
                    rs.getInt("attempt"),
                    instant(rs, "attempted_at"),
                    (Integer) rs.getObject("status_code"),
                    rs.getLong("latency_ms"),
                    rs.getString("error")))
        .list();
  }

  private static Delivery read(ResultSet rs) throws SQLException {
    return new Delivery(
        rs.getObject("delivery_id", UUID.class),
        rs.getObject("endpoint_id", UUID.class),
        rs.getObject("event_id", UUID.class),
        rs.getString("message_id"),
        rs.getString("event_type"),
        rs.getObject("job_id", UUID.class),
        rs.getString("payload"),
        instant(rs, "event_time"),
        instant(rs, "created_at"),
        Delivery.Status.valueOf(rs.getString("status")),
        rs.getInt("attempts"),
        instant(rs, "next_attempt_at"),
        instant(rs, "give_up_after"),
        instant(rs, "delivered_at"),
        rs.getString("traceparent"));
  }

  private static WebhookEndpoint endpointOf(ResultSet rs) throws SQLException {
    return new WebhookEndpoint(
        rs.getObject("endpoint_id", UUID.class),
        rs.getString("tenant_id"),
        rs.getString("url"),
        java.util.Arrays.asList((String[]) rs.getArray("events").getArray()),
        rs.getString("secret"),
        rs.getString("previous_secret"),
        instant(rs, "previous_secret_until"),
        instant(rs, "endpoint_created_at"),
        instant(rs, "disabled_at"),
        rs.getString("disabled_reason"));
  }
}
