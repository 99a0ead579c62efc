package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.localinfra.LocalInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Thumbnail links expire: with a 2 s TTL, S3 (S3Proxy checks signatures) soon refuses the link. */
class ThumbnailLinkExpiryIT extends OutageTestContext {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired JobRepository jobs;
  @Autowired JobLifecycle lifecycle;

  @Test
  void aThumbnailLinkWorksAtFirstAndIsRefusedOnceItsTtlHasPassed() {
    byte[] image = ApiIntegrationTest.read(corpus("S02_orientation_1.jpg"));
    UUID jobId = UUID.fromString(json(upload(image)).get("jobId").asString());
    succeedWithThumbnail(jobId, image);

    HttpResponse<String> redirect = api().get("/v1/jobs/" + jobId + "/thumbnails/small", KEY);
    assertThat(redirect.statusCode()).isEqualTo(302);
    URI link = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(link.getQuery()).contains("X-Amz-Expires=2");
    assertThat(fetch(link)).isEqualTo(200);

    await("the link expires")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> fetch(link) == 403);
  }

  private void succeedWithThumbnail(UUID jobId, byte[] bytes) {
    String key = "outage/" + jobId + "/small.jpg";
    try (S3Client s3 =
        LocalInfrastructure.client(
            S3Client.builder().forcePathStyle(true),
            EmbeddedInfrastructure.get().endpoints().s3())) {
      s3.putObject(
          r -> r.bucket(LocalInfrastructure.THUMBNAILS_BUCKET).key(key).contentType("image/jpeg"),
          RequestBody.fromBytes(bytes));
    }
    Thumbnail thumbnail =
        new Thumbnail(
            "small",
            LocalInfrastructure.THUMBNAILS_BUCKET,
            key,
            10,
            10,
            "image/jpeg",
            bytes.length);
    Claim claim = lifecycle.claim(jobId, Duration.ofMinutes(1)).orElseThrow();
    lifecycle.succeed(claim, List.of(thumbnail), 10, 10);
  }

  private static int fetch(URI link) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
