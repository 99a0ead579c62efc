package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.JobError;
import dev.imageservice.common.job.JobLifecycle;
import dev.imageservice.common.job.JobRepository;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/** The operator endpoints: retry of a FAILED job, DLQ redrive, and who may call them. */
class AdminApiIT extends ApiIntegrationTest {

  @Autowired Jdbi jdbi;
  @Autowired JobRepository jobs;
  @Autowired JobLifecycle lifecycle;

  @Test
  void retryQueuesAFailedJobAgainWithAttemptsKeptErrorClearedAndANewEvent() {
    UUID jobId = failedJob("tenantB");

    HttpResponse<String> response = admin("/admin/jobs/" + jobId + "/retry", ADMIN_KEY);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    JsonNode job = json(response);
    assertThat(job.get("status").asString()).isEqualTo("QUEUED");
    assertThat(job.get("attempts").asInt()).isEqualTo(1);
    assertThat(job.has("error")).isFalse();
    // The upload's ImageUploaded and the retry's, both published.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbi.withHandle(
                    h ->
                        h.createQuery(
                                "select count(*) from outbox where job_id = ? and published_at is not null"
                                    + " and event_type = 'image.uploaded'")
                            .bind(0, jobId)
                            .mapTo(Long.class)
                            .one()),
            published -> published == 2);
  }

  @Test
  void retryRefusesAJobThatIsNotFailedAndAnUnknownOne() {
    String queued =
        json(api().uploadFile(corpus("S02_orientation_1.jpg"), "image/jpeg", KEY_A))
            .get("jobId")
            .asString();

    assertProblem(admin("/admin/jobs/" + queued + "/retry", ADMIN_KEY), 409, "job_not_retryable");
    assertProblem(
        admin("/admin/jobs/" + UUID.randomUUID() + "/retry", ADMIN_KEY), 404, "not_found");
  }

  @Test
  void tenantKeysAndUnknownKeysCannotUseAdminOperations() {
    String path = "/admin/jobs/" + UUID.randomUUID() + "/retry";
    assertProblem(admin(path, KEY_A), 403, "forbidden");
    assertProblem(admin(path, "not-a-key-at-all-0000"), 401, "unauthorized");
    assertProblem(admin(path, null), 401, "unauthorized");
    assertProblem(admin("/admin/dead-letters/redrive", KEY_B), 403, "forbidden");
    // ...and the admin key is no tenant key.
    assertProblem(api().get("/v1/jobs", ADMIN_KEY), 401, "unauthorized");
  }

  @Test
  void redriveMovesDeadLettersBackToTheWorkersQueue() {
    SqsClient sqs = EmbeddedInfrastructure.get().sqs();
    String dlq = sqs.getQueueUrl(r -> r.queueName("thumbnail-requests-dlq")).queueUrl();
    String main = sqs.getQueueUrl(r -> r.queueName("thumbnail-requests")).queueUrl();
    Set<String> bodies = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      String body = "{\"deadLetter\":\"" + UUID.randomUUID() + "\"}";
      bodies.add(body);
      sqs.sendMessage(r -> r.queueUrl(dlq).messageBody(body));
    }

    HttpResponse<String> response = admin("/admin/dead-letters/redrive", ADMIN_KEY);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).get("moved").asInt()).isGreaterThanOrEqualTo(3);
    Set<String> arrived = new HashSet<>();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              sqs
                  .receiveMessage(r -> r.queueUrl(main).maxNumberOfMessages(10).waitTimeSeconds(1))
                  .messages()
                  .stream()
                  .filter(m -> bodies.contains(m.body()))
                  .forEach(
                      m -> {
                        arrived.add(m.body());
                        sqs.deleteMessage(r -> r.queueUrl(main).receiptHandle(m.receiptHandle()));
                      });
              return arrived.equals(bodies);
            });
  }

  private UUID failedJob(String tenant) {
    String key =
        switch (tenant) {
          case "tenantA" -> KEY_A;
          case "tenantB" -> KEY_B;
          default -> KEY_C;
        };
    UUID jobId =
        UUID.fromString(
            json(api().uploadFile(corpus("S03_orientation_2.jpg"), "image/jpeg", key))
                .get("jobId")
                .asString());
    Claim claim = lifecycle.claim(jobId, Duration.ofMinutes(1)).orElseThrow();
    lifecycle.fail(claim, new JobError("corrupt_image", "test"));
    return jobId;
  }

  private HttpResponse<String> admin(String path, String key) {
    return api().send(api().request(path, key).POST(HttpRequest.BodyPublishers.noBody()));
  }
}
