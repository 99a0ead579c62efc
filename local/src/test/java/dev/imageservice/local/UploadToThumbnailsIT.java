package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructureSettings;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole flow on real embedded parts: upload through the API, SNS to SQS, the worker renders and
 * stores, the job ends SUCCEEDED (or FAILED with a reason), and the thumbnail links serve images of
 * the reported size and type.
 */
class UploadToThumbnailsIT {

  private static final String KEY = "e2e-tenant-key-0123456789abcdef";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static LocalSystem system;

  @BeforeAll
  static void startSystem() {
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of("server.port", 0, "image-service.auth.keys", "e2e:" + KEY),
            Map.of("server.port", 0));
  }

  @AfterAll
  static void stopSystem() {
    system.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "S01_iphone4s_orient6.jpg, image/jpeg",
    "S15_video001_cmyk.jpg, image/jpeg",
    "S21_yellow_rose_rgba.png, image/png",
    "S20_skimage_logo_rgba.png, image/jpeg",
    "S22_bench_paletted.png, image/jpeg",
    "S30_newtonscradle_anim.gif, image/jpeg",
    "S35_video001_16bit.tiff, image/jpeg",
    "S40_tux_lossless.webp, image/png",
    "S43_video001_24bit.bmp, image/jpeg"
  })
  void uploadedImageEndsSucceededWithEveryPresetStored(String file, String thumbnailType) {
    if (thumbnailType.equals("image/png") && NativeCodecs.detected().webpEncoding()) {
      thumbnailType = "image/webp"; // auto: transparent images get WebP where libwebp is installed
    }
    JsonNode accepted = upload(read(corpus(file)), "application/octet-stream");
    String jobId = accepted.get("jobId").asString();

    JsonNode job = awaitFinished(jobId);

    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(job.get("attempts").asInt()).isEqualTo(1);
    JsonNode thumbnails = job.get("thumbnails");
    assertThat(thumbnails).hasSize(3);
    for (JsonNode thumbnail : thumbnails) {
      String preset = thumbnail.get("preset").asString();
      HttpResponse<byte[]> bytes = fetch(URI.create(thumbnail.get("url").asString()));
      assertThat(bytes.statusCode()).isEqualTo(200);
      assertThat(bytes.headers().firstValue("Content-Type")).hasValue(thumbnailType);
      assertThat(thumbnail.get("contentType").asString()).isEqualTo(thumbnailType);
      assertThat(thumbnail.get("bytes").asLong()).isEqualTo(bytes.body().length);
      BufferedImage image = decode(bytes.body());
      assertThat(image.getWidth()).isEqualTo(thumbnail.get("width").asInt());
      assertThat(image.getHeight()).isEqualTo(thumbnail.get("height").asInt());
      switch (preset) {
        case "small" ->
            assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(256);
        case "medium" ->
            assertThat(Math.max(image.getWidth(), image.getHeight())).isLessThanOrEqualTo(1024);
        case "square" ->
            assertThat(image.getWidth()).isEqualTo(image.getHeight()).isLessThanOrEqualTo(256);
        default -> throw new AssertionError("unexpected preset " + preset);
      }
    }
  }

  @Test
  void phonePhotoWithOrientationSixComesOutPortrait() {
    String jobId =
        upload(read(corpus("S01_iphone4s_orient6.jpg")), "image/jpeg").get("jobId").asString();

    JsonNode medium = thumbnail(awaitFinished(jobId), "medium");

    assertThat(medium.get("height").asInt()).isGreaterThan(medium.get("width").asInt());
  }

  @Test
  void thumbnailEndpointRedirectsToAWorkingLink() {
    String jobId =
        upload(read(corpus("S02_orientation_1.jpg")), "image/jpeg").get("jobId").asString();
    awaitFinished(jobId);

    HttpResponse<byte[]> redirect = get("/v1/jobs/" + jobId + "/thumbnails/small");

    assertThat(redirect.statusCode()).isEqualTo(302);
    HttpResponse<byte[]> image =
        fetch(URI.create(redirect.headers().firstValue("Location").orElseThrow()));
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(decode(image.body()).getWidth()).isLessThanOrEqualTo(256);
  }

  @Test
  void truncatedImageFailsItsJobWithAReason() {
    byte[] jpeg = read(corpus("S10_nikon_d2h.jpg"));
    byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 3);

    JsonNode job = awaitFinished(upload(truncated, "image/jpeg").get("jobId").asString());

    assertThat(job.get("status").asString()).isEqualTo("FAILED");
    assertThat(job.at("/error/code").asString()).isEqualTo("corrupt_image");
    assertThat(job.at("/error/message").asString()).isNotBlank();
    assertThat(job.get("thumbnails")).isEmpty();
  }

  @Test
  void redeliveredEventOfAFinishedJobChangesNothing() {
    String jobId =
        upload(read(corpus("S05_orientation_4.jpg")), "image/jpeg").get("jobId").asString();
    JsonNode done = awaitFinished(jobId);
    String queueUrl =
        system
            .infrastructure()
            .sqs()
            .getQueueUrl(r -> r.queueName("thumbnail-requests"))
            .queueUrl();
    String event =
        "{\"eventId\":\"%s\",\"type\":\"image.uploaded\",\"version\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"jobId\":\"%s\",\"tenantId\":\"e2e\",\"bucket\":\"images\",\"key\":\"e2e/%s/original\",\"contentType\":\"image/jpeg\",\"bytes\":1,\"presets\":[\"small\",\"medium\",\"square\"]}"
            .formatted(java.util.UUID.randomUUID(), jobId, jobId);

    for (int i = 0; i < 5; i++) {
      system.infrastructure().sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(event));
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> approximateMessages(queueUrl) == 0);
    JsonNode after = job(jobId);
    assertThat(after.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(after.get("attempts").asInt()).isEqualTo(done.get("attempts").asInt());
    assertThat(after.get("updatedAt").asString()).isEqualTo(done.get("updatedAt").asString());
    assertThat(after.get("thumbnails")).hasSize(3);
  }

  private static int approximateMessages(String queueUrl) {
    Map<software.amazon.awssdk.services.sqs.model.QueueAttributeName, String> attributes =
        system
            .infrastructure()
            .sqs()
            .getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(
                            software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                .APPROXIMATE_NUMBER_OF_MESSAGES,
                            software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return attributes.values().stream().mapToInt(Integer::parseInt).sum();
  }

  private static JsonNode thumbnail(JsonNode job, String preset) {
    for (JsonNode thumbnail : job.get("thumbnails")) {
      if (thumbnail.get("preset").asString().equals(preset)) {
        return thumbnail;
      }
    }
    throw new AssertionError("no " + preset + " in " + job);
  }

  private static JsonNode awaitFinished(String jobId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> job(jobId).get("status").asString(),
            s -> s.equals("SUCCEEDED") || s.equals("FAILED"));
    return job(jobId);
  }

  private static JsonNode job(String jobId) {
    HttpResponse<byte[]> response = get("/v1/jobs/" + jobId);
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode upload(byte[] body, String contentType) {
    HttpResponse<byte[]> response =
        send(
            HttpRequest.newBuilder(api("/v1/images"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(202);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + KEY).GET());
  }

  private static HttpResponse<byte[]> fetch(URI url) {
    return send(HttpRequest.newBuilder(url).GET());
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI api(String path) {
    return URI.create("http://localhost:" + system.apiPort() + path);
  }

  private static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      assertThat(image).as("thumbnail decodes").isNotNull();
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path corpus(String file) {
    return Path.of(System.getProperty("testdata.dir", "../testdata/corpus")).resolve(file);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
