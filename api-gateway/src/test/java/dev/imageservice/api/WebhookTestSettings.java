package dev.imageservice.api;

import tools.jackson.databind.json.JsonMapper;

/** The webhook tests' one context: deliveries on, local receivers allowed, fast retries. */
final class WebhookTestSettings {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static final String PROPERTIES =
      """
      image-service.webhooks.enabled=true
      image-service.webhooks.allow-local-receivers=true
      image-service.webhooks.retry-base=200ms
      image-service.webhooks.retry-max=1s
      image-service.webhooks.retry-window=6s
      image-service.webhooks.read-timeout=1s
      image-service.webhooks.poll-interval=100ms
      image-service.webhooks.secret-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=
      """;

  private WebhookTestSettings() {}
}
