package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Direct uploads against real S3Proxy (which checks SigV4 signatures) and PostgreSQL: the presigned
 * PUT, the checks before a job is announced, idempotency, and the refusals up front. The rendering
 * after QUEUED is the worker's, proven end to end in the local module's DirectUploadToThumbnailsIT.
 */
class DirectUploadIT extends ApiIntegrationTest {

  @Autowired Jdbi jdbi;

  private DirectUploads tenantA() {
    return new DirectUploads(api(), KEY_A);
  }

  @Test
  void aPresignedPutThenCompleteQueuesTheJobOnceAndMovesTheObjectOutOfTheUploadPrefix() {
    byte[] image = read(corpus("S02_orientation_1.jpg"));
    DirectUploads uploads = tenantA();
    JsonNode ticket = uploads.ticket("image/jpeg", image.length);
    String jobId = ticket.get("jobId").asString();
    assertThat(ticket.get("expiresAt").asString()).isNotBlank();
    assertThat(ticket.get("upload").get("headers").get("Content-Type").asString())
        .isEqualTo("image/jpeg");
    assertThat(uploads.job(jobId).get("status").asString()).isEqualTo("AWAITING_UPLOAD");
    String uploadKey = "uploads/tenantA/" + jobId;

    assertThat(DirectUploads.put(ticket, image)).isEqualTo(200);
    assertThat(DirectUploads.stored(uploadKey)).contains((long) image.length);
    HttpResponse<String> completed = uploads.complete(jobId);

    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(202);
    JsonNode job = json(completed);
    assertThat(job.get("status").asString()).isEqualTo("QUEUED");
    assertThat(job.get("original").get("bytes").asLong()).isEqualTo(image.length);
    assertThat(DirectUploads.stored("tenantA/" + jobId + "/original"))
        .contains((long) image.length);
    assertThat(DirectUploads.stored(uploadKey)).isEmpty();
    assertThat(outboxRows(jobId)).isEqualTo(1);

    HttpResponse<String> again = uploads.complete(jobId);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(json(again).get("status").asString()).isEqualTo("QUEUED");
    assertThat(json(again).get("updatedAt")).isEqualTo(job.get("updatedAt"));
    assertThat(outboxRows(jobId)).isEqualTo(1);
  }

  @Test
  void completeBeforeThePutIsAConflictAndTheJobKeepsWaiting() {
    DirectUploads uploads = tenantA();
    String jobId = uploads.ticket("image/png", 1000).get("jobId").asString();

    assertProblem(uploads.complete(jobId), 409, "upload_missing");
    assertThat(uploads.job(jobId).get("status").asString()).isEqualTo("AWAITING_UPLOAD");
  }

  @Test
  void aTextFileEndsFailedUnsupportedFormatAndIsDeleted() {
    byte[] text =
        "just some text, not an image at all\n".repeat(20).getBytes(StandardCharsets.UTF_8);
    DirectUploads uploads = tenantA();
    JsonNode ticket = uploads.ticket("image/png", text.length);
    String jobId = ticket.get("jobId").asString();
    assertThat(DirectUploads.put(ticket, text)).isEqualTo(200);

    JsonNode job = json(uploads.complete(jobId));

    assertThat(job.get("status").asString()).isEqualTo("FAILED");
    assertThat(job.get("error").get("code").asString()).isEqualTo("unsupported_format");
    assertThat(DirectUploads.stored("uploads/tenantA/" + jobId)).isEmpty();
    assertThat(DirectUploads.stored("tenantA/" + jobId + "/original")).isEmpty();
  }

  @Test
  void aPutOfMoreBytesThanDeclaredIsRefusedByS3BecauseTheLengthIsSigned() {
    byte[] image = read(corpus("S02_orientation_1.jpg"));
    DirectUploads uploads = tenantA();
    JsonNode ticket = uploads.ticket("image/jpeg", image.length);
    byte[] more = Arrays.copyOf(image, image.length + 4096);

    assertThat(DirectUploads.put(ticket, more)).isEqualTo(403);
    String jobId = ticket.get("jobId").asString();
    assertThat(DirectUploads.stored("uploads/tenantA/" + jobId)).isEmpty();
    assertProblem(uploads.complete(jobId), 409, "upload_missing");
  }

  @Test
  void aPutOfAnotherContentTypeIsRefusedByS3() {
    byte[] image = read(corpus("S02_orientation_1.jpg"));
    JsonNode ticket = tenantA().ticket("image/png", image.length);
    ((tools.jackson.databind.node.ObjectNode) ticket.get("upload").get("headers"))
        .put("Content-Type", "image/jpeg");

    assertThat(DirectUploads.put(ticket, image)).isEqualTo(403);
  }

  @Test
  void anObjectOverTheLimitPutByOtherMeansEndsFailedTooLargeAndIsDeleted() {
    DirectUploads uploads = tenantA();
    String jobId = uploads.ticket("image/jpeg", 1000).get("jobId").asString();
    String uploadKey = "uploads/tenantA/" + jobId;
    byte[] big = Arrays.copyOf(read(corpus("S02_orientation_1.jpg")), 3 * 1024 * 1024);
    DirectUploads.putDirectly(uploadKey, big);

    JsonNode job = json(uploads.complete(jobId));

    assertThat(job.get("status").asString()).isEqualTo("FAILED");
    assertThat(job.get("error").get("code").asString()).isEqualTo("too_large");
    assertThat(DirectUploads.stored(uploadKey)).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyAnswersTheSameJobAndExpiryPerTenant() {
    String key = "direct-" + UUID.randomUUID();
    String body = "{\"contentType\":\"image/jpeg\",\"size\":1234,\"presets\":[\"small\"]}";
    HttpResponse<String> first = tenantA().open(body, key);
    HttpResponse<String> second = tenantA().open(body, key);
    HttpResponse<String> otherTenant = new DirectUploads(api(), KEY_B).open(body, key);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    assertThat(otherTenant.statusCode()).isEqualTo(201);
    assertThat(json(second).get("jobId")).isEqualTo(json(first).get("jobId"));
    assertThat(json(second).get("expiresAt")).isEqualTo(json(first).get("expiresAt"));
    assertThat(json(otherTenant).get("jobId")).isNotEqualTo(json(first).get("jobId"));
    assertThat(tenantA().job(json(first).get("jobId").asString()).get("presets").get(0).asString())
        .isEqualTo("small");
  }

  @Test
  void badRequestsAreRefusedBeforeAnyUrlIsSigned() {
    DirectUploads uploads = tenantA();
    assertProblem(
        uploads.open("{\"contentType\":\"image/jpeg\",\"size\":3000000}", null),
        413,
        "payload_too_large");
    assertProblem(
        uploads.open("{\"contentType\":\"text/plain\",\"size\":100}", null),
        415,
        "unsupported_media_type");
    assertProblem(uploads.open("{\"contentType\":\"image/jpeg\"}", null), 400, "malformed_request");
    assertProblem(
        uploads.open("{\"contentType\":\"image/jpeg\",\"size\":0}", null),
        400,
        "malformed_request");
    assertProblem(
        uploads.open("{\"contentType\":\"image/jpeg\",\"size\":10,\"formats\":[\"gif\"]}", null),
        400,
        "malformed_request");
    assertProblem(
        uploads.open("{\"contentType\":\"image/jpeg\",\"size\":10,\"presets\":[\"huge\"]}", null),
        400,
        "malformed_request");
    assertProblem(uploads.open("{not json", null), 400, "malformed_request");
    assertProblem(new DirectUploads(api(), null).open("{}", null), 401, "unauthorized");
    assertProblem(
        new DirectUploads(api(), KEY_B)
            .complete(uploads.ticket("image/jpeg", 10).get("jobId").asString()),
        404,
        "not_found");
  }

  @Test
  void formatsAreAcceptedAndCarriedWithTheUpload() {
    HttpResponse<String> response =
        tenantA()
            .open(
                "{\"contentType\":\"image/png\",\"size\":10,\"formats\":[\"webp\",\"avif\"]}",
                null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    UUID jobId = UUID.fromString(json(response).get("jobId").asString());
    String formats =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select array_to_string(formats, ',') from direct_uploads where job_id = :id")
                    .bind("id", jobId)
                    .mapTo(String.class)
                    .one());
    assertThat(formats).isEqualTo("webp,avif");
  }

  private long outboxRows(String jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from outbox where job_id = :id")
                .bind("id", UUID.fromString(jobId))
                .mapTo(Long.class)
                .one());
  }
}
