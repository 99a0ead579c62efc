package dev.imageservice.local;

import static dev.imageservice.localinfra.LocalInfrastructure.IMAGES_BUCKET;
import static dev.imageservice.localinfra.LocalInfrastructure.THUMBNAILS_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;

/**
 * Retention of originals ({@code image-service.deletion.retain-originals}): an original is removed
 * that long after its job succeeded, through the deletion machinery; the job stays viewable with
 * working thumbnail links and says when its original went; usage stops counting it.
 */
class OriginalRetentionIT {

  private static final String KEY = "retention-key-0123456789abcdef";

  private static LocalSystem system;
  private static ApiCalls api;
  private static S3Client s3;

  @BeforeAll
  static void startSystem() {
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of(
                "server.port",
                0,
                "image-service.auth.keys",
                "keep:" + KEY,
                "image-service.deletion.interval",
                "200ms",
                "image-service.deletion.retain-originals",
                "2s"),
            Map.of("server.port", 0, "spring.cloud.aws.sqs.listener.poll-timeout", "1s"));
    api = new ApiCalls(system.apiPort());
    s3 =
        LocalInfrastructure.client(
            S3Client.builder().forcePathStyle(true), system.endpoints().s3());
  }

  @AfterAll
  static void stopSystem() {
    s3.close();
    system.close();
  }

  @Test
  void originalIsDeletedAfterTheRetentionPeriodAndTheThumbnailsStay() throws Exception {
    HttpResponse<String> accepted =
        api.upload(KEY, UploadToThumbnailsIT.corpus("S02_orientation_1.jpg"));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    UUID job = UUID.fromString(ApiCalls.json(accepted).get("jobId").asString());
    String prefix = "keep/" + job + "/";
    String path = "/v1/jobs/" + job;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> ApiCalls.json(api.get(KEY, path)).get("status").asString().equals("SUCCEEDED"));
    assertThat(ApiCalls.json(api.get(KEY, path)).get("original").has("deletedAt")).isFalse();

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ApiCalls.list(s3, IMAGES_BUCKET, prefix).isEmpty());

    JsonNode view = ApiCalls.json(api.get(KEY, path));
    assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(view.get("original").get("deletedAt").asString()).isNotBlank();
    assertThat(view.get("thumbnails")).hasSize(3);
    assertThat(ApiCalls.list(s3, THUMBNAILS_BUCKET, prefix)).hasSize(3);
    for (JsonNode thumbnail : view.get("thumbnails")) {
      assertThat(ApiCalls.fetch(thumbnail.get("url").asString())).isEqualTo(200);
    }
    JsonNode usage = ApiCalls.json(api.get(KEY, "/v1/usage"));
    assertThat(usage.get("storage").get("originalBytes").asLong()).isZero();
    assertThat(usage.get("storage").get("bytes").asLong())
        .isEqualTo(usage.get("storage").get("thumbnailBytes").asLong())
        .isPositive();
  }
}
