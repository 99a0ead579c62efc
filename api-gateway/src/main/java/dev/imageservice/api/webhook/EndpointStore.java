package dev.imageservice.api.webhook;

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
import org.jspecify.annotations.Nullable;

/** Webhook endpoints in PostgreSQL; every read and change is scoped to a tenant. Stateless. */
final class EndpointStore {

  void insert(Handle handle, WebhookEndpoint e) {
    handle
        .createUpdate(
            """
            insert into webhook_endpoints (endpoint_id, tenant_id, url, events, secret, created_at)
            values (:id, :tenant, :url, :events, :secret, :createdAt)
            """)
        .bind("id", e.id())
        .bind("tenant", e.tenantId())
        .bind("url", e.url())
        .bindArray("events", String.class, e.events())
        .bind("secret", e.secret())
        .bind("createdAt", utc(e.createdAt()))
        .execute();
  }

  int count(Handle handle, String tenantId) {
    return handle
        .createQuery("select count(*) from webhook_endpoints where tenant_id = :tenant")
        .bind("tenant", tenantId)
        .mapTo(Integer.class)
        .one();
  }

  List<WebhookEndpoint> list(Handle handle, String tenantId) {
    return handle
        .createQuery(
            "select * from webhook_endpoints where tenant_id = :tenant order by created_at, endpoint_id")
        .bind("tenant", tenantId)
        .map((rs, ctx) -> read(rs))
        .list();
  }

  Optional<WebhookEndpoint> find(Handle handle, String tenantId, UUID id) {
    return handle
        .createQuery(
            "select * from webhook_endpoints where tenant_id = :tenant and endpoint_id = :id")
        .bind("tenant", tenantId)
        .bind("id", id)
        .map((rs, ctx) -> read(rs))
        .findOne();
  }

  /** The enabled endpoints of the tenant that asked for this event type. */
  List<WebhookEndpoint> subscribers(Handle handle, String tenantId, String eventType) {
    return handle
        .createQuery(
            """
            select * from webhook_endpoints
            where tenant_id = :tenant and disabled_at is null and :type = any(events)
            """)
        .bind("tenant", tenantId)
        .bind("type", eventType)
        .map((rs, ctx) -> read(rs))
        .list();
  }

  boolean delete(Handle handle, String tenantId, UUID id) {
    return handle
            .createUpdate(
                "delete from webhook_endpoints where tenant_id = :tenant and endpoint_id = :id")
            .bind("tenant", tenantId)
            .bind("id", id)
            .execute()
        == 1;
  }

  /** The current secret becomes the previous one (signing until {@code until}). */
  boolean rotate(Handle handle, String tenantId, UUID id, String sealed, Instant until) {
    return handle
            .createUpdate(
                """
                update webhook_endpoints
                set previous_secret = secret, previous_secret_until = :until, secret = :secret
                where tenant_id = :tenant and endpoint_id = :id
                """)
            .bind("tenant", tenantId)
            .bind("id", id)
            .bind("secret", sealed)
            .bind("until", utc(until))
            .execute()
        == 1;
  }

  void disable(Handle handle, UUID id, String reason, Instant now) {
    handle
        .createUpdate(
            """
            update webhook_endpoints set disabled_at = :now, disabled_reason = :reason
            where endpoint_id = :id and disabled_at is null
            """)
        .bind("id", id)
        .bind("reason", reason)
        .bind("now", utc(now))
        .execute();
  }

  static WebhookEndpoint read(ResultSet rs) throws SQLException {
    return new WebhookEndpoint(
        rs.getObject("endpoint_id", UUID.class),
        rs.getString("tenant_id"),
        rs.getString("url"),
        Arrays.asList((String[]) rs.getArray("events").getArray()),
        rs.getString("secret"),
        rs.getString("previous_secret"),
        instant(rs, "previous_secret_until"),
        instant(rs, "created_at"),
        instant(rs, "disabled_at"),
        rs.getString("disabled_reason"));
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
