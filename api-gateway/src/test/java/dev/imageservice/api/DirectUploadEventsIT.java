package dev.imageservice.api;

import static dev.imageservice.api.ApiClient.corpus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/**
 * The asynchronous ends of a direct upload: the bucket's {@code ObjectCreated} notification (as S3
 * delivers it to SQS; S3Proxy sends none, so the test posts what S3 would) starts the job, and an
 * upload URL that lapsed unused ends {@code EXPIRED}, after which S3 refuses the URL too. Its own
 * context: a 10 s URL lifetime and an expiry sweep every 200 ms.
 */
@TestPropertySource(
    properties = {
      "image-service.direct-upload.queue=" + DirectUploadEventsIT.QUEUE,
      "image-service.direct-upload.queue-wait=1s",
      "image-service.direct-upload.url-ttl=10s",
      "image-service.direct-upload.expiry-grace=0s",
      "image-service.direct-upload.expiry-interval=200ms"
    })
class DirectUploadEventsIT extends ApiIntegrationTest {

  static final String QUEUE = "direct-upload-events";

  @Autowired Jdbi jdbi;

  @BeforeAll
  static void createQueue() {
    EmbeddedInfrastructure.get().sqs().createQueue(r -> r.queueName(QUEUE));
  }

  @Test
  void theBucketsObjectCreatedEventStartsTheJobAndRepeatsChangeNothing() {
    byte[] image = read(corpus("S02_orientation_1.jpg"));
    DirectUploads uploads = new DirectUploads(api(), KEY_C);
    JsonNode ticket = uploads.ticket("image/jpeg", image.length);
    String jobId = ticket.get("jobId").asString();
    assertThat(DirectUploads.put(ticket, image)).isEqualTo(200);

    String event = s3Event("uploads/tenantC/" + jobId, image.length);
    send("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}");
    send(event);
    send(event);

    await("the event starts the job")
        .atMost(Duration.ofSeconds(15))
        .until(() -> uploads.job(jobId).get("status").asString(), "QUEUED"::equals);
    await("both events are consumed").atMost(Duration.ofSeconds(15)).until(() -> queueDepth() == 0);
    assertThat(uploads.complete(jobId).statusCode()).isEqualTo(202);
    assertThat(uploads.job(jobId).get("status").asString()).isEqualTo("QUEUED");
    assertThat(DirectUploads.stored("tenantC/" + jobId + "/original"))
        .contains((long) image.length);
    assertThat(DirectUploads.stored("uploads/tenantC/" + jobId)).isEmpty();
    long announcements =
        jdbi.withHandle(
            h ->
                h.createQuery("select count(*) from outbox where job_id = :id")
                    .bind("id", UUID.fromString(jobId))
                    .mapTo(Long.class)
                    .one());
    assertThat(announcements).isEqualTo(1);
  }

  @Test
  void anUploadUrlLeftUnusedEndsExpiredAndS3RefusesItAfterwards() {
    byte[] image = read(corpus("S02_orientation_1.jpg"));
    DirectUploads uploads = new DirectUploads(api(), KEY_C);
    JsonNode ticket = uploads.ticket("image/jpeg", image.length);
    String jobId = ticket.get("jobId").asString();

    await("the job expires")
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> uploads.job(jobId).get("status").asString(), "EXPIRED"::equals);

    assertThat(DirectUploads.put(ticket, image)).isEqualTo(403);
    assertThat(DirectUploads.stored("uploads/tenantC/" + jobId)).isEmpty();
    assertThat(uploads.complete(jobId).statusCode()).isEqualTo(202);
    assertThat(uploads.job(jobId).get("status").asString()).isEqualTo("EXPIRED");
  }

  private static String s3Event(String key, long size) {
    return """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
         "s3":{"bucket":{"name":"images"},"object":{"key":"%s","size":%d}}}]}
        """
        .formatted(key, size);
  }

  private static void send(String body) {
    SqsClient sqs = EmbeddedInfrastructure.get().sqs();
    String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
    sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
  }

  private static int queueDepth() {
    SqsClient sqs = EmbeddedInfrastructure.get().sqs();
    String url = sqs.getQueueUrl(r -> r.queueName(QUEUE)).queueUrl();
    var attributes =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(url)
                        .attributeNames(
                            software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                .APPROXIMATE_NUMBER_OF_MESSAGES,
                            software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return attributes.values().stream().mapToInt(Integer::parseInt).sum();
  }
}
