package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * The upload API against real embedded PostgreSQL, S3Proxy, ElasticMQ and SNS: what an uploader
 * sees, and what reaches the queue the workers consume.
 */
class UploadApiIT extends ApiIntegrationTest {

  @Test
  void rawUploadIsAcceptedRecordedAndAnnouncedOnTheQueue() {
    HttpResponse<String> response =
        api().uploadFile(corpus("S02_orientation_1.jpg"), "image/jpeg", KEY_A);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode job = json(response);
    String jobId = job.get("jobId").asString();
    assertThat(response.headers().firstValue("Location")).hasValue("/v1/jobs/" + jobId);
    assertThat(job.get("status").asString()).isEqualTo("QUEUED");
    assertThat(job.at("/original/contentType").asString()).isEqualTo("image/jpeg");
    assertThat(job.at("/original/bytes").asLong()).isEqualTo(size(corpus("S02_orientation_1.jpg")));
    assertThat(job.get("thumbnails")).isEmpty();
    assertThat(job.has("error")).isFalse();

    JsonNode polled = json(api().get("/v1/jobs/" + jobId, KEY_A));
    assertThat(polled.get("jobId").asString()).isEqualTo(jobId);

    Message event = awaitQueuedEvent(jobId);
    assertThat(event.body())
        .contains("\"type\":\"image.uploaded\"")
        .contains("\"tenantId\":\"tenantA\"");
    assertThat(event.messageAttributes().get("type").stringValue()).isEqualTo("image.uploaded");
  }

  @Test
  void multipartUploadIsAccepted() {
    String boundary = "b" + UUID.randomUUID();
    byte[] image = read(corpus("S20_skimage_logo_rgba.png"));
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images?presets=small", KEY_A)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArrays(
                            java.util.List.of(head, image, tail))));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response).at("/original/contentType").asString()).isEqualTo("image/png");
    assertThat(json(response).get("presets").toString()).isEqualTo("[\"small\"]");
  }

  @Test
  void sameIdempotencyKeyGivesTheSameJob() {
    String key = "retry-" + UUID.randomUUID();
    HttpRequest.Builder upload =
        api()
            .request("/v1/images", KEY_A)
            .header("Content-Type", "image/jpeg")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(read(corpus("S03_orientation_2.jpg"))));

    HttpResponse<String> first = api().send(upload);
    HttpResponse<String> second = api().send(upload);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json(second).get("jobId").asString()).isEqualTo(json(first).get("jobId").asString());
  }

  @Test
  void heicAndAvifAreAcceptedByTheirBrandsWithTheirDisplayedSize() {
    Path heif = corpus("S02_orientation_1.jpg").getParent().resolveSibling("heif");
    // No libheif is needed here: the ftyp brand names the format, ispe and irot the size.
    for (String[] c :
        new String[][] {
          {"orientation_ref.heic", "image/heic"}, {"orient_irot1.avif", "image/avif"}
        }) {
      HttpResponse<String> response =
          api().uploadFile(heif.resolve(c[0]), "application/octet-stream", KEY_A);
      assertThat(response.statusCode()).as(c[0]).isEqualTo(202);
      assertThat(json(response).at("/original/contentType").asString()).isEqualTo(c[1]);
    }
  }

  @Test
  void heifWithDamagedBoxesIsRefusedAsUnsupportedMediaType() {
    byte[] cut =
        java.util.Arrays.copyOf(
            read(
                corpus("S02_orientation_1.jpg")
                    .getParent()
                    .resolveSibling("heif")
                    .resolve("orient_irot1.avif")),
            120);
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images", KEY_A)
                    .header("Content-Type", "image/avif")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(cut)));

    assertProblem(response, 415, "unsupported_media_type");
  }

  @Test
  void textIsRefusedAsUnsupportedMediaType() {
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images", KEY_A)
                    .header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofString("this is not a jpeg")));

    assertProblem(response, 415, "unsupported_media_type");
  }

  @Test
  void emptyBodyIsABadRequest() {
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images", KEY_A)
                    .header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.noBody()));

    assertProblem(response, 400, "malformed_request");
  }

  @Test
  void bodyOverTheLimitIsRefusedWith413() {
    byte[] big = new byte[3 * 1024 * 1024];
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images", KEY_A)
                    .header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(big)));

    assertProblem(response, 413, "payload_too_large");
  }

  @Test
  void missingOrWrongKeyIsUnauthorized() {
    Path image = corpus("S02_orientation_1.jpg");
    assertProblem(api().uploadFile(image, "image/jpeg", null), 401, "unauthorized");
    assertProblem(api().uploadFile(image, "image/jpeg", "not-a-key"), 401, "unauthorized");
    assertProblem(api().get("/v1/jobs/" + UUID.randomUUID(), null), 401, "unauthorized");
  }

  @Test
  void anotherTenantsJobLooksLikeAnUnknownOne() {
    String jobId =
        json(api().uploadFile(corpus("S04_orientation_3.jpg"), "image/jpeg", KEY_A))
            .get("jobId")
            .asString();

    assertProblem(api().get("/v1/jobs/" + jobId, KEY_B), 404, "not_found");
    assertProblem(api().get("/v1/jobs/" + UUID.randomUUID(), KEY_A), 404, "not_found");
    assertProblem(api().get("/v1/jobs/not-a-uuid", KEY_A), 400, "malformed_request");
  }

  @Test
  void unknownFormatIsABadRequest() {
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images?formats=webp,gif", KEY_A)
                    .header("Content-Type", "image/jpeg")
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            read(corpus("S02_orientation_1.jpg")))));

    assertProblem(response, 400, "malformed_request");
    assertThat(response.body()).contains("gif").contains("webp, avif");
  }

  @Test
  void unknownPresetIsABadRequest() {
    HttpResponse<String> response =
        api()
            .send(
                api()
                    .request("/v1/images?presets=huge", KEY_A)
                    .header("Content-Type", "image/jpeg")
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            read(corpus("S02_orientation_1.jpg")))));

    assertProblem(response, 400, "malformed_request");
  }

  @Test
  void livenessAndReadinessAreUpOnThePublicPortAndTheManagementPort() {
    assertThat(json(api().get("/livez", null)).get("status").asString()).isEqualTo("UP");
    assertThat(json(api().get("/readyz", null)).get("status").asString()).isEqualTo("UP");
    assertThat(json(management().get("/actuator/health/liveness", null)).get("status").asString())
        .isEqualTo("UP");
    assertThat(json(management().get("/actuator/health/readiness", null)).get("status").asString())
        .isEqualTo("UP");
  }

  private static Message awaitQueuedEvent(String jobId) {
    var sqs = EmbeddedInfrastructure.get().sqs();
    String queueUrl = sqs.getQueueUrl(r -> r.queueName("thumbnail-requests")).queueUrl();
    AtomicReference<Message> found = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              sqs
                  .receiveMessage(
                      r ->
                          r.queueUrl(queueUrl)
                              .maxNumberOfMessages(10)
                              .waitTimeSeconds(1)
                              .messageAttributeNames("All"))
                  .messages()
                  .stream()
                  .filter(m -> m.body().contains(jobId))
                  .findFirst()
                  .ifPresent(found::set);
              return found.get() != null;
            });
    return found.get();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
