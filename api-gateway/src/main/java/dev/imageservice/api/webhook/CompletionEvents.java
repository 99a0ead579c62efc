package dev.imageservice.api.webhook;

import dev.imageservice.api.job.JobView;
import dev.imageservice.api.job.JobViews;
import dev.imageservice.common.event.EventJson;
import dev.imageservice.common.event.ImageEvent;
import dev.imageservice.common.event.MalformedEventException;
import dev.imageservice.common.event.ThumbnailsFailed;
import dev.imageservice.common.event.ThumbnailsGenerated;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one completion event ({@code thumbnails.generated} or {@code thumbnails.failed}) into one
 * delivery per enabled endpoint of the job's tenant that subscribed to it, in one transaction. The
 * body is frozen then: {@code {"type", "timestamp", "data": <the job view>}}, with thumbnail links
 * as the API's stable {@code /v1/jobs/{id}/thumbnails/{preset}} paths (a presigned link would
 * expire during the retries). Idempotent: the same event again (SQS redelivers at least once)
 * records nothing new. Thread-safe.
 */
final class CompletionEvents {

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final JobViews views;
  private final EndpointStore endpoints;
  private final DeliveryStore deliveries;
  private final JsonMapper json;
  private final WebhookProperties properties;
  private final Clock clock;

  CompletionEvents(
      Jdbi jdbi,
      JobRepository jobs,
      JobViews views,
      EndpointStore endpoints,
      DeliveryStore deliveries,
      JsonMapper json,
      WebhookProperties properties,
      Clock clock) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.views = views;
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.json = json;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Records the deliveries an event owes; the number newly recorded.
   *
   * @param traceparent the event's W3C trace context (its message attribute), kept with each
   *     delivery so that the attempts join the job's trace; null when the event carried none
   * @throws MalformedEventException when the body is not a completion event worth retrying
   */
  int accept(String body, @Nullable String traceparent) {
    ImageEvent event = parse(body);
    if (event == null) {
      return 0;
    }
    String type =
        event instanceof ThumbnailsGenerated
            ? WebhookEndpoint.JOB_SUCCEEDED
            : WebhookEndpoint.JOB_FAILED;
    return jdbi.inTransaction(
        handle -> {
          List<WebhookEndpoint> subscribers = endpoints.subscribers(handle, event.tenantId(), type);
          if (subscribers.isEmpty()) {
            return 0;
          }
          Job job = jobs.find(handle, event.jobId()).orElse(null);
          if (job == null || !job.tenantId().equals(event.tenantId())) {
            return 0; // deleted meanwhile: nothing to tell
          }
          String payload =
              payload(
                  type,
                  event.occurredAt(),
                  views.of(handle, job, t -> stableLink(job.jobId(), t.preset())));
          Instant now = clock.instant();
          int recorded = 0;
          for (WebhookEndpoint endpoint : subscribers) {
            Delivery delivery =
                new Delivery(
                    UUID.randomUUID(),
                    endpoint.id(),
                    event.eventId(),
                    "msg_" + event.eventId(),
                    type,
                    event.jobId(),
                    payload,
                    event.occurredAt(),
                    now,
                    Delivery.Status.PENDING,
                    0,
                    now,
                    now.plus(properties.retryWindow()),
                    null,
                    traceparent);
            recorded += deliveries.insertIfAbsent(handle, delivery) ? 1 : 0;
          }
          return recorded;
        });
  }

  private URI stableLink(UUID jobId, String preset) {
    return URI.create("/v1/jobs/" + jobId + "/thumbnails/" + preset);
  }

  private String payload(String type, Instant timestamp, JobView view) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("timestamp", timestamp.toString());
    body.put("data", view);
    return json.writeValueAsString(body);
  }

  private @Nullable ImageEvent parse(String body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (tools.jackson.core.JacksonException e) {
      throw new MalformedEventException("not JSON");
    }
    String type = node.path("type").asString("");
    return switch (type) {
      case ThumbnailsGenerated.TYPE -> EventJson.read(body, ThumbnailsGenerated.class);
      case ThumbnailsFailed.TYPE -> EventJson.read(body, ThumbnailsFailed.class);
      default -> null; // another event on the topic: not ours to deliver
    };
  }
}
