package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static dev.imageservice.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.common.job.JobLifecycle;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * A worker claims a job and dies, and the job's message is gone: the sweeper re-queues the job and
 * announces it again through the outbox, the real SNS topic and the workers' SQS queue; after
 * {@code max-reannouncements} such rounds it fails the job {@code abandoned}. (Own context: the
 * sweeper runs every half second here and counts a lease ended a second ago as abandoned.)
 */
@TestPropertySource(
    properties = {
      "image-service.sweeper.interval=500ms",
      "image-service.sweeper.initial-delay=0s",
      "image-service.sweeper.abandoned-after=1s",
      "image-service.sweeper.max-reannouncements=1"
    })
@DirtiesContext
class AbandonedJobSweepIT extends ApiIntegrationTest {

  private static final Duration SHORT_LEASE = Duration.ofMillis(100);

  @Autowired JobLifecycle lifecycle;

  @Test
  void aJobWhoseWorkerDiedIsAnnouncedAgainThenFailedAbandonedPastTheBound() {
    UUID jobId =
        UUID.fromString(
            json(api().uploadFile(corpus("S02_orientation_1.jpg"), "image/jpeg", KEY_A))
                .get("jobId")
                .asString());
    // The upload's own message: a worker takes it, claims the job and dies (short lease, no
    // renewal), and the message is gone (deleted, as after a DLQ or a purge).
    takeMessageOf(jobId);
    assertThat(lifecycle.claim(jobId, SHORT_LEASE)).isPresent();

    // Its lease ends; a second later the sweeper re-queues it and announces it again.
    takeMessageOf(jobId);
    assertThat(job(jobId).get("status").asString()).isEqualTo("QUEUED");

    // The second worker dies too: the bound (1) is spent, so the sweeper gives up.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lifecycle.claim(jobId, SHORT_LEASE).isPresent());
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> "FAILED".equals(job(jobId).get("status").asString()));
    assertThat(job(jobId).at("/error/code").asString()).isEqualTo("abandoned");
  }

  private JsonNode job(UUID jobId) {
    return json(api().get("/v1/jobs/" + jobId, KEY_A));
  }

  /**
   * Waits for an {@code ImageUploaded} of the job on the workers' queue and deletes it; other
   * messages (no worker runs in these tests) come back after their visibility timeout.
   */
  private static void takeMessageOf(UUID jobId) {
    SqsClient sqs = EmbeddedInfrastructure.get().sqs();
    String queue = sqs.getQueueUrl(r -> r.queueName("thumbnail-requests")).queueUrl();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              boolean found = false;
              for (Message m :
                  sqs.receiveMessage(
                          r -> r.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1))
                      .messages()) {
                if (m.body().contains(jobId.toString())) {
                  sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
                  found = true;
                }
              }
              return found;
            });
  }
}
