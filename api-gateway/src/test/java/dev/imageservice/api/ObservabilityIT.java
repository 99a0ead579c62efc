package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What operators see: Prometheus metrics, and log lines that name the job they are about. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT extends ApiIntegrationTest {

  @Test
  void prometheusExportsUploadOutcomesOutboxBacklogAndPublishFailures() {
    api().uploadFile(corpus("S02_orientation_1.jpg"), "image/jpeg", KEY_A);
    api()
        .send(
            api()
                .request("/v1/images", KEY_A)
                .header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofString("not an image")));

    HttpResponse<String> scrape = management().get("/actuator/prometheus", null);

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .containsPattern("image_service_uploads_total\\{code=\"none\",.*outcome=\"accepted\"")
        .containsPattern(
            "image_service_uploads_total\\{code=\"unsupported_media_type\",.*outcome=\"refused\"")
        .contains("image_service_outbox_backlog")
        .contains("image_service_outbox_publish_failures_total")
        .contains("resilience4j_circuitbreaker_state");
  }

  @Test
  void theAcceptanceLogLineCarriesTheJobIdFromTheMdc(CapturedOutput output) {
    String jobId =
        json(api().uploadFile(corpus("S03_orientation_2.jpg"), "image/jpeg", KEY_A))
            .get("jobId")
            .asString();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> output.getOut().lines().anyMatch(l -> isAcceptanceLine(l, jobId)));
  }

  private static boolean isAcceptanceLine(String line, String jobId) {
    return line.contains("jobId=" + jobId + " ") && line.contains("job " + jobId + " accepted");
  }
}
