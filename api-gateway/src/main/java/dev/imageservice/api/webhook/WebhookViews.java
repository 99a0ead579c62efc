package dev.imageservice.api.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What the webhook endpoints answer (the v1 contract). Secrets appear only where created. */
final class WebhookViews {

  private WebhookViews() {}

  /** A registration request: the receiver's URL and the events it wants. */
  record CreateWebhook(@Nullable String url, @Nullable List<String> events) {}

  /** Answer to a registration or rotation: the only time the secret is shown. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CreatedWebhook(
      UUID id,
      String url,
      List<String> events,
      String secret,
      Instant createdAt,
      @Nullable Instant previousSecretValidUntil) {}

  /** A registered webhook; {@code disabled} with its reason once deliveries gave up. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record WebhookView(
      UUID id,
      String url,
      List<String> events,
      Instant createdAt,
      boolean disabled,
      @Nullable Instant disabledAt,
      @Nullable String disabledReason,
      @Nullable Instant previousSecretValidUntil) {

    static WebhookView of(WebhookEndpoint e, Instant now) {
      Instant until = e.previousSecretUntil();
      return new WebhookView(
          e.id(),
          e.url(),
          e.events(),
          e.createdAt(),
          e.disabledAt() != null,
          e.disabledAt(),
          e.disabledReason(),
          until != null && until.isAfter(now) ? until : null);
    }
  }

  record WebhookList(List<WebhookView> webhooks) {}

  /** One delivery: {@code webhookId} is the {@code webhook-id} header of every attempt. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record DeliveryView(
      UUID id,
      String webhookId,
      String type,
      UUID jobId,
      String status,
      Instant createdAt,
      @Nullable Instant nextAttemptAt,
      @Nullable Instant deliveredAt,
      List<Delivery.Attempt> attempts) {

    static DeliveryView of(Delivery d, List<Delivery.Attempt> attempts) {
      return new DeliveryView(
          d.id(),
          d.messageId(),
          d.eventType(),
          d.jobId(),
          d.status().name(),
          d.createdAt(),
          d.status() == Delivery.Status.PENDING ? d.nextAttemptAt() : null,
          d.deliveredAt(),
          List.copyOf(attempts));
    }
  }

  record DeliveryList(List<DeliveryView> deliveries) {}
}
