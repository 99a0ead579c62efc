package dev.imageservice.api.webhook;

import dev.imageservice.common.trace.TraceContexts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt of a claimed delivery and records it: checks the receiver again (its name may
 * resolve elsewhere since registration), signs with the current secret and, during a rotation's
 * grace period, the previous one too (space-separated {@code v1,} signatures), posts, and schedules
 * the next attempt with exponential back-off. A failure after the retry window gives up and
 * disables the endpoint. Metrics: {@code image_service.webhook.deliveries} by {@code outcome}
 * (delivered, failed, disabled: one per attempt, disabled replacing failed on the last one) and
 * {@code image_service.webhook.delivery.latency} (completion event to the receiver's first 2xx).
 * Traces: each attempt is a span of the job's trace ({@link #attempt}). Thread-safe.
 */
final class DeliveryAttempts {

  private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

  private final Jdbi jdbi;
  private final DeliveryStore deliveries;
  private final EndpointStore endpoints;
  private final ReceiverPolicy policy;
  private final ReceiverClient client;
  private final SecretCipher cipher;
  private final WebhookProperties properties;
  private final Clock clock;
  private final Counter delivered;
  private final Counter failed;
  private final Counter disabled;
  private final Timer latency;
  private final TraceContexts traces;

  DeliveryAttempts(
      Jdbi jdbi,
      DeliveryStore deliveries,
      EndpointStore endpoints,
      ReceiverPolicy policy,
      ReceiverClient client,
      SecretCipher cipher,
      WebhookProperties properties,
      Clock clock,
      MeterRegistry registry,
      TraceContexts traces) {
    this.jdbi = jdbi;
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.policy = policy;
    this.client = client;
    this.cipher = cipher;
    this.properties = properties;
    this.clock = clock;
    this.traces = traces;
    String name = "image_service.webhook.deliveries";
    String help = "Webhook delivery attempts by outcome";
    delivered =
        Counter.builder(name).description(help).tag("outcome", "delivered").register(registry);
    failed = Counter.builder(name).description(help).tag("outcome", "failed").register(registry);
    disabled =
        Counter.builder(name).description(help).tag("outcome", "disabled").register(registry);
    latency =
        Timer.builder("image_service.webhook.delivery.latency")
            .description("From the completion event to the receiver's first 2xx")
            .publishPercentileHistogram()
            .register(registry);
  }

  /**
   * Makes and records one attempt in a span {@code webhook deliver <event type>}, a child of the
   * job's trace context stored with the delivery (a new trace when there is none), tagged with the
   * attempt number and the receiver's HTTP status.
   */
  void attempt(DeliveryStore.Claimed claimed) {
    Delivery d = claimed.delivery();
    try (TraceContexts.OpenSpan span =
        traces.start("webhook deliver " + d.eventType(), d.traceparent())) {
      span.tag("webhook.attempt", Integer.toString(d.attempts() + 1));
      span.tag("webhook.endpoint_id", claimed.endpoint().id().toString());
      try {
        attempt(d, claimed.endpoint(), span);
      } catch (RuntimeException e) {
        span.error(e);
        throw e;
      }
    }
  }

  private void attempt(Delivery d, WebhookEndpoint endpoint, TraceContexts.OpenSpan span) {
    Instant start = clock.instant();
    long began = System.nanoTime();
    ReceiverClient.Response response;
    try {
      Receiver receiver = policy.check(endpoint.url());
      byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
      response = client.post(receiver, headers(d, endpoint, start), body);
    } catch (RefusedReceiverException e) {
      response = new ReceiverClient.Response(0, "refused: " + e.getMessage());
    }
    Instant end = clock.instant();
    long latencyMs = Duration.ofNanos(System.nanoTime() - began).toMillis();
    Delivery.Attempt attempt =
        new Delivery.Attempt(
            d.attempts() + 1,
            start,
            response.status() == 0 ? null : response.status(),
            latencyMs,
            response.successful() ? null : describe(response));
    if (response.status() != 0) {
      span.tag("http.response.status_code", Integer.toString(response.status()));
    }
    if (!response.successful()) {
      span.tag("webhook.error", describe(response));
    }
    record(d, endpoint, attempt, response.successful(), end);
  }

  private void record(
      Delivery d, WebhookEndpoint endpoint, Delivery.Attempt attempt, boolean ok, Instant end) {
    if (ok) {
      if (jdbi.inTransaction(
          h -> deliveries.record(h, d, attempt, Delivery.Status.DELIVERED, null))) {
        delivered.increment();
        if (d.deliveredAt() == null) {
          latency.record(Duration.between(d.eventTime(), end));
        }
      }
      return;
    }
    Instant next = end.plus(properties.backoffAfter(attempt.attempt()));
    if (next.isBefore(d.giveUpAfter())) {
      if (jdbi.inTransaction(
          h -> deliveries.record(h, d, attempt, Delivery.Status.PENDING, next))) {
        failed.increment();
      }
      return;
    }
    String reason =
        "Disabled: deliveries kept failing for "
            + properties.retryWindow()
            + " (last: "
            + attempt.error()
            + ")";
    boolean recorded =
        jdbi.inTransaction(
            h -> {
              boolean done = deliveries.record(h, d, attempt, Delivery.Status.FAILED, null);
              if (done) {
                endpoints.disable(h, endpoint.id(), reason, end);
              }
              return done;
            });
    if (recorded) {
      disabled.increment();
      log.warn("webhook {} disabled after its retry window: {}", endpoint.id(), attempt.error());
    }
  }

  private Map<String, String> headers(Delivery d, WebhookEndpoint endpoint, Instant now) {
    long timestamp = now.getEpochSecond();
    String signature = cipher.open(endpoint.secret()).sign(d.messageId(), timestamp, d.payload());
    Instant previousUntil = endpoint.previousSecretUntil();
    String previous = endpoint.previousSecret();
    if (previous != null && previousUntil != null && now.isBefore(previousUntil)) {
      signature += " " + cipher.open(previous).sign(d.messageId(), timestamp, d.payload());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", d.messageId());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", signature);
    return headers;
  }

  private static String describe(ReceiverClient.Response response) {
    return response.status() == 0 ? response.error() : "answered " + response.status();
  }
}
