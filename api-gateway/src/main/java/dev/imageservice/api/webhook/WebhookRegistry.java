package dev.imageservice.api.webhook;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.problem.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What the webhook endpoints do, scoped to a tenant: registration checks the URL with the receiver
 * policy (it is checked again before every attempt), secrets are generated here and stored sealed.
 * Thread-safe.
 */
final class WebhookRegistry {

  private final Jdbi jdbi;
  private final EndpointStore endpoints;
  private final DeliveryStore deliveries;
  private final ReceiverPolicy policy;
  private final SecretCipher cipher;
  private final DeliveryDispatcher dispatcher;
  private final WebhookProperties properties;
  private final Clock clock;

  WebhookRegistry(
      Jdbi jdbi,
      EndpointStore endpoints,
      DeliveryStore deliveries,
      ReceiverPolicy policy,
      SecretCipher cipher,
      DeliveryDispatcher dispatcher,
      WebhookProperties properties,
      Clock clock) {
    this.jdbi = jdbi;
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.policy = policy;
    this.cipher = cipher;
    this.dispatcher = dispatcher;
    this.properties = properties;
    this.clock = clock;
  }

  WebhookViews.CreatedWebhook create(String tenantId, WebhookViews.CreateWebhook request) {
    List<String> events = events(request.events());
    try {
      policy.check(request.url());
    } catch (RefusedReceiverException e) {
      throw new ProblemException(ProblemType.WEBHOOK_URL_REFUSED, e.getMessage());
    }
    SigningSecret secret = SigningSecret.generate();
    WebhookEndpoint endpoint =
        new WebhookEndpoint(
            UUID.randomUUID(),
            tenantId,
            request.url(),
            events,
            cipher.seal(secret),
            null,
            null,
            clock.instant(),
            null,
            null);
    jdbi.useTransaction(
        h -> {
          // Serialises a tenant's registrations so that the limit holds under racing requests.
          h.execute("select pg_advisory_xact_lock(hashtext(?))", "webhooks:" + tenantId);
          if (endpoints.count(h, tenantId) >= properties.maxEndpointsPerTenant()) {
            throw new ProblemException(
                ProblemType.WEBHOOK_LIMIT_REACHED,
                "At most " + properties.maxEndpointsPerTenant() + " webhooks per tenant");
          }
          endpoints.insert(h, endpoint);
        });
    return new WebhookViews.CreatedWebhook(
        endpoint.id(), endpoint.url(), events, secret.value(), endpoint.createdAt(), null);
  }

  WebhookViews.WebhookList list(String tenantId) {
    Instant now = clock.instant();
    return new WebhookViews.WebhookList(
        jdbi.withHandle(h -> endpoints.list(h, tenantId)).stream()
            .map(e -> WebhookViews.WebhookView.of(e, now))
            .toList());
  }

  void delete(String tenantId, UUID id) {
    if (!jdbi.inTransaction(h -> endpoints.delete(h, tenantId, id))) {
      throw WebhookController.notFound(id);
    }
  }

  WebhookViews.CreatedWebhook rotate(String tenantId, UUID id) {
    SigningSecret secret = SigningSecret.generate();
    Instant until = clock.instant().plus(properties.secretGrace());
    WebhookEndpoint endpoint =
        jdbi.inTransaction(
            h -> {
              if (!endpoints.rotate(h, tenantId, id, cipher.seal(secret), until)) {
                throw WebhookController.notFound(id);
              }
              return endpoints.find(h, tenantId, id).orElseThrow();
            });
    return new WebhookViews.CreatedWebhook(
        id, endpoint.url(), endpoint.events(), secret.value(), endpoint.createdAt(), until);
  }

  WebhookViews.DeliveryList deliveries(String tenantId, UUID id, int limit) {
    return jdbi.withHandle(
        h -> {
          endpoints.find(h, tenantId, id).orElseThrow(() -> WebhookController.notFound(id));
          return new WebhookViews.DeliveryList(
              deliveries.recent(h, id, limit).stream()
                  .map(d -> WebhookViews.DeliveryView.of(d, deliveries.attempts(h, d.id())))
                  .toList());
        });
  }

  WebhookViews.DeliveryView replay(String tenantId, UUID id, UUID deliveryId) {
    Instant now = clock.instant();
    WebhookViews.DeliveryView view =
        jdbi.inTransaction(
            h -> {
              WebhookEndpoint endpoint =
                  endpoints.find(h, tenantId, id).orElseThrow(() -> WebhookController.notFound(id));
              if (endpoint.disabledAt() != null) {
                throw new ProblemException(
                    ProblemType.WEBHOOK_DISABLED,
                    "The webhook is disabled; register the receiver again");
              }
              if (!deliveries.replay(h, id, deliveryId, now, now.plus(properties.retryWindow()))) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No delivery " + deliveryId);
              }
              Delivery d = deliveries.find(h, id, deliveryId).orElseThrow();
              return WebhookViews.DeliveryView.of(d, deliveries.attempts(h, deliveryId));
            });
    dispatcher.wakeUp();
    return view;
  }

  private static List<String> events(List<String> requested) {
    if (requested == null || requested.isEmpty()) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST,
          "events must list at least one of " + WebhookEndpoint.EVENT_TYPES);
    }
    for (String event : requested) {
      if (!WebhookEndpoint.EVENT_TYPES.contains(event)) {
        throw new ProblemException(
            ProblemType.MALFORMED_REQUEST,
            "Unknown event type; events may be " + WebhookEndpoint.EVENT_TYPES);
      }
    }
    return List.copyOf(new LinkedHashSet<>(requested));
  }
}
