package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Webhook URLs that could reach inside are refused at registration (422) and again at delivery,
 * where a name that resolved publicly may resolve elsewhere by then (DNS rebinding). Runs with the
 * local allowance on (as the webhook tests do): only the literal http://127.0.0.1 and
 * http://localhost pass, and every other loopback spelling is still refused.
 */
@TestPropertySource(properties = WebhookTestSettings.PROPERTIES)
@Import(ControlledResolver.class)
class WebhookSsrfIT extends ApiIntegrationTest {

  @Autowired dev.imageservice.common.job.JobLifecycle lifecycle;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://example.com/hook", // not https
        "ftp://example.com/hook",
        "https://user:pw@example.com/hook",
        "https://127.0.0.2/hook", // loopback other than the local allowance
        "https://[::1]/hook",
        "https://0.0.0.0/hook",
        "https://10.0.0.1/hook", // private
        "https://172.16.5.4/hook",
        "https://192.168.1.1/hook",
        "https://100.64.0.1/hook", // carrier-grade NAT
        "https://169.254.169.254/latest/meta-data", // link-local, metadata
        "https://[fe80::1]/hook",
        "https://[fd00:ec2::254]/hook", // EC2 metadata over IPv6
        "https://[fc00::1]/hook",
        "https://224.0.0.1/hook", // multicast
        "https://[ff02::1]/hook",
        "https://[::ffff:127.0.0.1]/hook", // IPv4-mapped
        "https://[::ffff:a9fe:a9fe]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://[64:ff9b::a9fe:a9fe]/hook", // NAT64 of the metadata address
        "https://private.hook.test/hook", // names resolving to the above
        "https://metadata.hook.test/hook",
        "https://mapped.hook.test/hook",
        "https://nowhere.hook.test/hook", // does not resolve
      })
  void aReceiverThatIsNotPublicHttpsIsRefusedAtRegistration(String url) {
    ControlledResolver.answer("private.hook.test", "10.1.2.3");
    ControlledResolver.answer("metadata.hook.test", "169.254.169.254");
    ControlledResolver.answer("mapped.hook.test", "::ffff:192.168.0.1");
    HttpResponse<String> response = register(url);
    assertProblem(response, 422, "webhook_url_refused");
    assertThat(api().get("/v1/webhooks", KEY_D).body()).doesNotContain(url);
  }

  @Test
  void aNameThatResolvesElsewhereAtDeliveryIsRefusedThenWithoutConnecting() {
    // Public when registered, the metadata service when the delivery is attempted.
    ControlledResolver.answer("rebind.hook.test", "93.184.216.34", "169.254.169.254");
    HttpResponse<String> created = register("https://rebind.hook.test/hook");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = ApiClient.json(created).get("id").asString();

    String jobId =
        ApiClient.json(
                api().uploadFile(ApiClient.corpus("S02_orientation_1.jpg"), "image/jpeg", KEY_D))
            .get("jobId")
            .asString();
    var claim =
        lifecycle.claim(java.util.UUID.fromString(jobId), Duration.ofMinutes(1)).orElseThrow();
    lifecycle.fail(claim, new dev.imageservice.common.job.JobError("corrupt_image", "x"));

    // Relay, SNS, the webhook queue, the consumer and the dispatcher: slow on a loaded machine.
    await().atMost(Duration.ofSeconds(90)).until(() -> !attempts(id).isEmpty());
    JsonNode attempt = attempts(id).get(0);
    assertThat(attempt.get("error").asString()).startsWith("refused:").contains("link-local");
    assertThat(attempt.has("statusCode")).isFalse();
  }

  private JsonNode attempts(String webhookId) {
    JsonNode deliveries =
        ApiClient.json(api().get("/v1/webhooks/" + webhookId + "/deliveries", KEY_D))
            .get("deliveries");
    return deliveries.isEmpty() ? deliveries : deliveries.get(0).get("attempts");
  }

  private HttpResponse<String> register(String url) {
    String body =
        WebhookTestSettings.JSON.writeValueAsString(
            java.util.Map.of("url", url, "events", java.util.List.of("job.failed")));
    return api()
        .send(
            api()
                .request("/v1/webhooks", KEY_D)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
  }
}
