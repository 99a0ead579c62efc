package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobLifecycle;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A failed job shows its code and the catalogue's sentence; the worker's own text stays inside. */
class FailedJobErrorTextIT extends ApiIntegrationTest {

  private static final String DECODER_TEXT =
      "javax.imageio.IIOException: Unsupported JPEG process: SOF type 0xcf at"
          + " com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReader.read(/tmp/upload-123.bin)";

  @Autowired JobLifecycle lifecycle;

  @Test
  void theErrorMessageComesFromTheCatalogueNotFromTheDecoder() {
    UUID jobId =
        UUID.fromString(
            json(api().uploadFile(corpus("S02_orientation_1.jpg"), "image/jpeg", KEY_B))
                .get("jobId")
                .asString());
    Claim claim = lifecycle.claim(jobId, Duration.ofMinutes(1)).orElseThrow();
    lifecycle.fail(claim, new JobError("corrupt_image", DECODER_TEXT));

    var response = api().get("/v1/jobs/" + jobId, KEY_B);
    JsonNode error = json(response).get("error");

    assertThat(error.get("code").asString()).isEqualTo("corrupt_image");
    assertThat(error.get("message").asString())
        .isEqualTo("The image could not be decoded; it may be truncated or damaged");
    assertThat(response.body())
        .doesNotContain("IIOException")
        .doesNotContain("twelvemonkeys")
        .doesNotContain("/tmp");
    assertThat(api().get("/v1/jobs?status=FAILED", KEY_B).body()).doesNotContain("IIOException");
  }
}
