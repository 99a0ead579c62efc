package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static dev.imageservice.api.WebhookReceiver.Answer.FAIL;
import static dev.imageservice.api.WebhookReceiver.Answer.HANG;
import static dev.imageservice.api.WebhookReceiver.Answer.OK;
import static dev.imageservice.api.WebhookReceiver.Answer.REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.api.WebhookReceiver.Received;
import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.Thumbnail;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end: a job completes through the real lifecycle (outbox, SNS topic, the webhook
 * queue), the API's consumer records the delivery, and a real receiver checks every request's
 * signature with a verifier written from the specification. Fast retries (base 200 ms, window 6 s)
 * so that back-off and disabling are observable within a test.
 */
@TestPropertySource(properties = WebhookTestSettings.PROPERTIES)
@Import(ControlledResolver.class)
class WebhookIT extends ApiIntegrationTest {

  private static WebhookReceiver receiver;

  @Autowired JobLifecycle lifecycle;

  @BeforeAll
  static void startReceiver() throws java.io.IOException {
    receiver = new WebhookReceiver();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  void aSucceededJobIsDeliveredSignedWithItsViewAndStableThumbnailPaths() {
    Registered hook = register(KEY_A, receiver.url("/ok", OK), "job.succeeded");
    UUID jobId = succeededJob(KEY_A);

    Received request = awaitRequests("/ok", 1).getFirst();
    assertSigned(request, hook.secret());
    JsonNode body = WebhookTestSettings.JSON.readTree(request.body());
    assertThat(body.get("type").asString()).isEqualTo("job.succeeded");
    assertThat(body.get("timestamp").asString()).isNotBlank();
    assertThat(body.at("/data/jobId").asString()).isEqualTo(jobId.toString());
    assertThat(body.at("/data/status").asString()).isEqualTo("SUCCEEDED");
    assertThat(body.at("/data/thumbnails/0/url").asString())
        .isEqualTo("/v1/jobs/" + jobId + "/thumbnails/small");

    JsonNode delivery = deliveries(hook, KEY_A).get(0);
    assertThat(delivery.get("status").asString()).isEqualTo("DELIVERED");
    assertThat(delivery.get("webhookId").asString()).isEqualTo(request.header("webhook-id"));
    assertThat(delivery.at("/attempts/0/statusCode").asInt()).isEqualTo(204);
    assertThat(delivery.at("/attempts/0/latencyMs").isNumber()).isTrue();
    assertThat(management().get("/actuator/prometheus", null).body())
        .contains("image_service_webhook_deliveries_total{outcome=\"delivered\"")
        .contains("image_service_webhook_delivery_latency_seconds_count");
  }

  @Test
  void aFailedJobIsDeliveredAsJobFailedOnlyToEndpointsThatAskedForIt() {
    Registered failures = register(KEY_B, receiver.url("/failures", OK), "job.failed");
    Registered successes = register(KEY_B, receiver.url("/successes", OK), "job.succeeded");
    UUID jobId = upload(KEY_B);
    assertThat(lifecycle.fail(claim(jobId), new JobError("corrupt_image", "bad bytes"))).isTrue();

    Received request = awaitRequests("/failures", 1).getFirst();
    assertSigned(request, failures.secret());
    JsonNode body = WebhookTestSettings.JSON.readTree(request.body());
    assertThat(body.get("type").asString()).isEqualTo("job.failed");
    assertThat(body.at("/data/error/code").asString()).isEqualTo("corrupt_image");
    assertThat(deliveries(successes, KEY_B)).isEmpty();
    assertThat(receiver.received("/successes")).isEmpty();
  }

  @Test
  void failingHangingAndRedirectingReceiversAreRetriedWithGrowingDelays() {
    Registered hook =
        register(KEY_C, receiver.url("/flaky", FAIL, HANG, REDIRECT, FAIL, OK), "job.succeeded");
    succeededJob(KEY_C);

    List<Received> requests = awaitRequests("/flaky", 5);
    requests.forEach(r -> assertSigned(r, hook.secret()));
    assertThat(requests)
        .extracting(r -> r.header("webhook-id"))
        .containsOnly(requests.getFirst().header("webhook-id"));
    // Back-off doubles from 200 ms to the 1 s cap: 200 ms, (1 s timeout +) 400 ms, 800 ms, 1 s.
    assertThat(gap(requests, 0)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    assertThat(gap(requests, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(1390));
    assertThat(gap(requests, 2)).isGreaterThanOrEqualTo(Duration.ofMillis(790));
    assertThat(gap(requests, 3)).isGreaterThanOrEqualTo(Duration.ofMillis(990));
    JsonNode delivery = awaitDelivery(hook, KEY_C, "DELIVERED");
    assertThat(delivery.get("attempts")).hasSize(5);
    assertThat(delivery.at("/attempts/0/statusCode").asInt()).isEqualTo(500);
    assertThat(delivery.at("/attempts/1/error").asString()).isEqualTo("timed out");
    assertThat(delivery.at("/attempts/2/statusCode").asInt()).isEqualTo(307);
    assertThat(delivery.at("/attempts/4/statusCode").asInt()).isEqualTo(204);
    assertThat(receiver.received("/elsewhere")).isEmpty();
  }

  @Test
  void anEndpointFailingForTheWholeRetryWindowIsDisabledAndSaysSo() {
    Registered hook = register(KEY_D, receiver.url("/down", FAIL), "job.succeeded");
    succeededJob(KEY_D);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> webhook(hook, KEY_D).get("disabled").asBoolean());
    JsonNode shown = webhook(hook, KEY_D);
    assertThat(shown.get("disabledReason").asString()).contains("kept failing").contains("500");
    assertThat(awaitDelivery(hook, KEY_D, "FAILED").get("attempts").size()).isGreaterThan(3);
    assertThat(management().get("/actuator/prometheus", null).body())
        .contains("image_service_webhook_deliveries_total{outcome=\"disabled\"");
    HttpResponse<String> replay =
        post(
            "/v1/webhooks/"
                + hook.id()
                + "/deliveries/"
                + deliveries(hook, KEY_D).get(0).get("id").asString()
                + "/replay",
            KEY_D,
            "");
    assertProblem(replay, 409, "webhook_disabled");
  }

  @Test
  void aReplayArrivesAgainWithTheSameWebhookId() {
    Registered hook = register(KEY_A, receiver.url("/replayed", OK), "job.succeeded");
    succeededJob(KEY_A);
    Received first = awaitRequests("/replayed", 1).getFirst();
    String deliveryId = awaitDelivery(hook, KEY_A, "DELIVERED").get("id").asString();

    HttpResponse<String> replay =
        post("/v1/webhooks/" + hook.id() + "/deliveries/" + deliveryId + "/replay", KEY_A, "");
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);

    Received again = awaitRequests("/replayed", 2).get(1);
    assertThat(again.header("webhook-id")).isEqualTo(first.header("webhook-id"));
    assertThat(again.body()).isEqualTo(first.body());
    assertSigned(again, hook.secret());
  }

  @Test
  void afterARotationBothSecretsVerifyDuringTheGracePeriod() {
    Registered hook = register(KEY_B, receiver.url("/rotated", OK), "job.succeeded");
    HttpResponse<String> rotated = post("/v1/webhooks/" + hook.id() + "/rotate-secret", KEY_B, "");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    String newSecret = json(rotated).get("secret").asString();
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(hook.secret());
    assertThat(json(rotated).get("previousSecretValidUntil").asString()).isNotBlank();

    succeededJob(KEY_B);
    Received request = awaitRequests("/rotated", 1).getFirst();
    assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
    assertSigned(request, newSecret);
    assertSigned(request, hook.secret());
  }

  @Test
  void aWebhookIsVisibleToItsOwnTenantOnly() {
    Registered hook = register(KEY_C, receiver.url("/mine", OK), "job.succeeded", "job.failed");
    assertThat(api().get("/v1/webhooks", KEY_C).body())
        .contains(hook.id())
        .doesNotContain("whsec_");
    assertThat(api().get("/v1/webhooks", KEY_D).body()).doesNotContain(hook.id());
    assertProblem(api().get("/v1/webhooks/" + hook.id() + "/deliveries", KEY_D), 404, "not_found");
    assertProblem(
        post("/v1/webhooks/" + hook.id() + "/rotate-secret", KEY_D, ""), 404, "not_found");
    assertProblem(
        api().send(api().request("/v1/webhooks/" + hook.id(), KEY_D).DELETE()), 404, "not_found");
    assertThat(api().send(api().request("/v1/webhooks/" + hook.id(), KEY_C).DELETE()).statusCode())
        .isEqualTo(204);
    assertThat(api().get("/v1/webhooks", KEY_C).body()).doesNotContain(hook.id());
  }

  @Test
  void aRegistrationWithoutKnownEventsIsABadRequest() {
    assertProblem(
        post("/v1/webhooks", KEY_A, "{\"url\":\"http://127.0.0.1:9/x\",\"events\":[\"job.done\"]}"),
        400,
        "malformed_request");
    assertProblem(
        post("/v1/webhooks", KEY_A, "{\"url\":\"http://127.0.0.1:9/x\"}"),
        400,
        "malformed_request");
    assertProblem(post("/v1/webhooks", KEY_A, "{not json"), 400, "malformed_request");
  }

  // --- helpers -----------------------------------------------------------------------------

  record Registered(String id, String secret) {}

  Registered register(String key, String url, String... events) {
    String body =
        WebhookTestSettings.JSON.writeValueAsString(
            java.util.Map.of("url", url, "events", List.of(events)));
    HttpResponse<String> created = post("/v1/webhooks", key, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode json = json(created);
    assertThat(json.get("secret").asString()).startsWith("whsec_");
    assertThat(created.headers().firstValue("Location"))
        .hasValue("/v1/webhooks/" + json.get("id").asString());
    return new Registered(json.get("id").asString(), json.get("secret").asString());
  }

  HttpResponse<String> post(String path, String key, String body) {
    return api()
        .send(
            api()
                .request(path, key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  UUID upload(String key) {
    HttpResponse<String> response =
        api().uploadFile(corpus("S02_orientation_1.jpg"), "image/jpeg", key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return UUID.fromString(json(response).get("jobId").asString());
  }

  Claim claim(UUID jobId) {
    return lifecycle.claim(jobId, Duration.ofMinutes(1)).orElseThrow();
  }

  /** A job that a worker rendered: SUCCEEDED with one thumbnail, announced through the outbox. */
  UUID succeededJob(String key) {
    UUID jobId = upload(key);
    Thumbnail small =
        new Thumbnail(
            "small", "thumbnails", "t/" + jobId + "/small.jpg", 256, 192, "image/jpeg", 9000);
    assertThat(lifecycle.succeed(claim(jobId), List.of(small), 1024, 768)).isTrue();
    return jobId;
  }

  private static Duration gap(List<Received> requests, int i) {
    return Duration.between(requests.get(i).at(), requests.get(i + 1).at());
  }

  static List<Received> awaitRequests(String path, int count) {
    await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received(path).size() >= count);
    return receiver.received(path);
  }

  JsonNode deliveries(Registered hook, String key) {
    HttpResponse<String> response = api().get("/v1/webhooks/" + hook.id() + "/deliveries", key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("deliveries");
  }

  JsonNode awaitDelivery(Registered hook, String key, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonNode all = deliveries(hook, key);
              return !all.isEmpty() && all.get(0).get("status").asString().equals(status);
            });
    return deliveries(hook, key).get(0);
  }

  JsonNode webhook(Registered hook, String key) {
    for (JsonNode w : json(api().get("/v1/webhooks", key)).get("webhooks")) {
      if (w.get("id").asString().equals(hook.id())) {
        return w;
      }
    }
    throw new AssertionError("webhook " + hook.id() + " not listed");
  }

  static void assertSigned(Received request, String secret) {
    assertThat(
            StandardWebhooksVerifier.verifies(
                secret,
                request.header("webhook-id"),
                request.header("webhook-timestamp"),
                request.body(),
                request.header("webhook-signature")))
        .as("signature %s verifies with the secret", request.header("webhook-signature"))
        .isTrue();
  }
}
