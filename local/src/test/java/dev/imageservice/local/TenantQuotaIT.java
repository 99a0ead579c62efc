package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Per-tenant quotas through the API's limiter: uploads per minute and stored bytes refused with
 * {@code 429}, {@code Retry-After} and {@code RateLimit-*}; {@code GET /v1/usage} shows the
 * numbers, and a deletion gives the bytes back. Two tenants with their own overrides, so the tests
 * do not share a quota.
 */
class TenantQuotaIT {

  private static final String RATE_KEY = "quota-rate-key-0123456789abcdef";
  private static final String BYTES_KEY = "quota-bytes-key-0123456789abcdef";
  private static final Path IMAGE = UploadToThumbnailsIT.corpus("S02_orientation_1.jpg");

  private static LocalSystem system;
  private static ApiCalls api;
  private static long imageBytes;

  @BeforeAll
  static void startSystem() throws Exception {
    imageBytes = Files.size(IMAGE);
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of(
                "server.port",
                0,
                "image-service.auth.keys",
                "q-rate:" + RATE_KEY + ",q-bytes:" + BYTES_KEY,
                "image-service.quota.tenants.q-rate.uploads-per-minute",
                3,
                // One image fits, a second does not.
                "image-service.quota.tenants.q-bytes.stored-bytes",
                (imageBytes + 1) + "B"),
            Map.of("server.port", 0, "spring.cloud.aws.sqs.listener.poll-timeout", "1s"));
    api = new ApiCalls(system.apiPort());
  }

  @AfterAll
  static void stopSystem() {
    system.close();
  }

  @Test
  void uploadsOverThePerMinuteQuotaGet429WithRetryAfterAndRateLimitHeaders() throws Exception {
    for (int remaining = 2; remaining >= 0; remaining--) {
      HttpResponse<String> accepted = api.upload(RATE_KEY, IMAGE);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      assertThat(accepted.headers().firstValue("RateLimit-Limit")).hasValue("3");
      assertThat(accepted.headers().firstValue("RateLimit-Remaining"))
          .hasValue(Integer.toString(remaining));
    }

    HttpResponse<String> refused = api.upload(RATE_KEY, IMAGE);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(ApiCalls.json(refused).get("code").asString()).isEqualTo("too_many_requests");
    assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("3");
    assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 60L);
    JsonNode uploads = ApiCalls.json(api.get(RATE_KEY, "/v1/usage")).get("uploads");
    assertThat(uploads.get("perMinute").asInt()).isEqualTo(3);
    assertThat(uploads.get("remaining").asLong()).isZero();
    assertThat(uploads.get("jobs").asLong()).isEqualTo(3);
    // Reads are not uploads: the tenant can still look at its jobs.
    assertThat(api.get(RATE_KEY, "/v1/jobs").statusCode()).isEqualTo(200);
  }

  @Test
  void uploadOverTheStoredBytesQuotaGets429UntilADeletionFreesSpace() throws Exception {
    HttpResponse<String> accepted = api.upload(BYTES_KEY, IMAGE);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    UUID job = UUID.fromString(ApiCalls.json(accepted).get("jobId").asString());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                ApiCalls.json(api.get(BYTES_KEY, "/v1/jobs/" + job))
                    .get("status")
                    .asString()
                    .equals("SUCCEEDED"));
    long thumbnailBytes = 0;
    for (JsonNode t : ApiCalls.json(api.get(BYTES_KEY, "/v1/jobs/" + job)).get("thumbnails")) {
      thumbnailBytes += t.get("bytes").asLong();
    }
    JsonNode storage = ApiCalls.json(api.get(BYTES_KEY, "/v1/usage")).get("storage");
    assertThat(storage.get("originalBytes").asLong()).isEqualTo(imageBytes);
    assertThat(storage.get("thumbnailBytes").asLong()).isEqualTo(thumbnailBytes).isPositive();
    assertThat(storage.get("bytes").asLong()).isEqualTo(imageBytes + thumbnailBytes);
    assertThat(storage.get("quotaBytes").asLong()).isEqualTo(imageBytes + 1);
    assertThat(storage.get("remainingBytes").asLong()).isZero();

    HttpResponse<String> refused = api.upload(BYTES_KEY, IMAGE);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(ApiCalls.json(refused).get("code").asString()).isEqualTo("quota_exceeded");
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("3600");
    assertThat(refused.headers().firstValue("RateLimit-Limit"))
        .hasValue(Long.toString(imageBytes + 1));
    assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");

    assertThat(api.delete(BYTES_KEY, "/v1/jobs/" + job).statusCode()).isEqualTo(202);
    JsonNode after = ApiCalls.json(api.get(BYTES_KEY, "/v1/usage")).get("storage");
    assertThat(after.get("bytes").asLong()).isZero();
    assertThat(api.upload(BYTES_KEY, IMAGE).statusCode()).isEqualTo(202);
  }
}
