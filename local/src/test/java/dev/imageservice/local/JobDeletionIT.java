package dev.imageservice.local;

import static dev.imageservice.localinfra.LocalInfrastructure.IMAGES_BUCKET;
import static dev.imageservice.localinfra.LocalInfrastructure.THUMBNAILS_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * {@code DELETE /v1/jobs/{id}} on the whole running system: both buckets are listed empty for the
 * job, links handed out before stop working, GET answers 404 and a repeated DELETE 204, another
 * tenant sees nothing, a render still running when the job is deleted leaves no object behind, and
 * the job's CloudFront path is invalidated (against a stand-in of the CloudFront API).
 */
class JobDeletionIT {

  private static final String KEY_A = "deletion-a-key-0123456789abcdef";
  private static final String KEY_B = "deletion-b-key-0123456789abcdef";
  private static final String DISTRIBUTION = "E2DELETIONTEST";

  private static FakeCloudFront cloudFront;
  private static LocalSystem system;
  private static ApiCalls api;
  private static S3Client s3;
  private static JobLedger ledger;
  private static Jdbi jdbi;

  @BeforeAll
  static void startSystem() {
    cloudFront = new FakeCloudFront();
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of(
                "server.port",
                0,
                "image-service.auth.keys",
                "del-a:" + KEY_A + ",del-b:" + KEY_B,
                "image-service.deletion.interval",
                "200ms",
                // Long: the late-render test must see the worker clean up, not the re-check.
                "image-service.deletion.recheck-after",
                "10m",
                "image-service.deletion.cloudfront-distribution-id",
                DISTRIBUTION,
                "image-service.deletion.cloudfront-endpoint",
                cloudFront.endpoint().toString()),
            Map.of(
                "server.port", 0,
                "spring.cloud.aws.sqs.listener.poll-timeout", "1s",
                // A held render must not be cut short by its deadline.
                "image-service.render.time-base", "120s"));
    api = new ApiCalls(system.apiPort());
    s3 =
        LocalInfrastructure.client(
            S3Client.builder().forcePathStyle(true), system.endpoints().s3());
    ledger = new JobLedger(system.endpoints());
    jdbi =
        Jdbi.create(
            system.endpoints().jdbcUrl(),
            system.endpoints().dbUsername(),
            system.endpoints().dbPassword());
  }

  @AfterAll
  static void stopSystem() {
    HeldReaderSpi.release();
    s3.close();
    system.close();
    cloudFront.close();
  }

  @Test
  void deletedJobLeavesBothBucketsEmptyAnswers404AndRepeatedDelete204() throws Exception {
    UUID job = uploadAndAwaitSucceeded(KEY_A);
    String prefix = "del-a/" + job + "/";
    JsonNode view = ApiCalls.json(api.get(KEY_A, "/v1/jobs/" + job));
    String link = view.get("thumbnails").get(0).get("url").asString();
    assertThat(ApiCalls.fetch(link)).isEqualTo(200);
    assertThat(ApiCalls.list(s3, IMAGES_BUCKET, prefix)).hasSize(1);
    assertThat(ApiCalls.list(s3, THUMBNAILS_BUCKET, prefix)).hasSize(3);

    assertThat(api.delete(KEY_A, "/v1/jobs/" + job).statusCode()).isEqualTo(202);

    assertThat(api.get(KEY_A, "/v1/jobs/" + job).statusCode()).isEqualTo(404);
    assertThat(api.get(KEY_A, "/v1/jobs/" + job + "/thumbnails/small").statusCode()).isEqualTo(404);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              assertThat(ApiCalls.list(s3, IMAGES_BUCKET, prefix)).isEmpty();
              assertThat(ApiCalls.list(s3, THUMBNAILS_BUCKET, prefix)).isEmpty();
            });
    assertThat(ApiCalls.fetch(link)).as("a link handed out before the deletion").isEqualTo(404);
    assertThat(api.delete(KEY_A, "/v1/jobs/" + job).statusCode()).isEqualTo(204);
    assertThat(api.get(KEY_A, "/v1/jobs/" + job).statusCode()).isEqualTo(404);
    assertThat(jobRows(job)).as("job, thumbnail rows").isEqualTo(List.of(0L, 0L));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(cloudFront.requests())
                    .anySatisfy(
                        request ->
                            assertThat(request)
                                .startsWith(
                                    "POST /2020-05-31/distribution/"
                                        + DISTRIBUTION
                                        + "/invalidation")
                                .contains("<Path>/thumbnails/" + prefix + "*</Path>")));
  }

  @Test
  void anotherTenantCanNeitherDeleteNorSeeTheTombstone() throws Exception {
    UUID job = uploadAndAwaitSucceeded(KEY_A);

    assertThat(api.delete(KEY_B, "/v1/jobs/" + job).statusCode()).isEqualTo(404);
    assertThat(api.get(KEY_A, "/v1/jobs/" + job).statusCode()).isEqualTo(200);
    assertThat(api.delete(KEY_A, "/v1/jobs/" + job).statusCode()).isEqualTo(202);
    assertThat(api.delete(KEY_B, "/v1/jobs/" + job).statusCode()).isEqualTo(404);
    assertThat(api.delete(KEY_A, "/v1/jobs/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    assertThat(api.delete(KEY_A, "/v1/jobs/not-a-uuid").statusCode()).isEqualTo(400);
  }

  @Test
  void deletingDuringARenderLeavesNoObjectInEitherBucket() throws Exception {
    HeldReaderSpi.hold();
    system.stopWorker();
    UUID job = upload(KEY_A);
    String prefix = "del-a/" + job + "/";
    s3.putObject(
        r -> r.bucket(IMAGES_BUCKET).key(prefix + "original"),
        RequestBody.fromBytes(HeldReaderSpi.MAGIC));
    system.startWorker(Map.of());
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> HeldReaderSpi.holding() == 1);
    assertThat(ledger.status(job)).isEqualTo("PROCESSING");

    assertThat(api.delete(KEY_A, "/v1/jobs/" + job).statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> firstPassDone(job));
    assertThat(ApiCalls.list(s3, IMAGES_BUCKET, prefix)).isEmpty();

    // The render finishes now, after the deletion: it writes its thumbnails, its commit is refused.
    HeldReaderSpi.release();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                HeldReaderSpi.released() >= 1
                    && HeldReaderSpi.holding() == 0
                    && requestsInQueue() == 0);

    assertThat(ApiCalls.list(s3, THUMBNAILS_BUCKET, prefix)).isEmpty();
    assertThat(ApiCalls.list(s3, IMAGES_BUCKET, prefix)).isEmpty();
    assertThat(jobRows(job)).isEqualTo(List.of(0L, 0L));
    assertThat(api.get(KEY_A, "/v1/jobs/" + job).statusCode()).isEqualTo(404);
  }

  private static UUID uploadAndAwaitSucceeded(String key) throws Exception {
    UUID job = upload(key);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ledger.status(job).equals("SUCCEEDED"));
    return job;
  }

  private static UUID upload(String key) throws Exception {
    HttpResponse<String> accepted =
        api.upload(key, UploadToThumbnailsIT.corpus("S02_orientation_1.jpg"));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    return UUID.fromString(ApiCalls.json(accepted).get("jobId").asString());
  }

  private static boolean firstPassDone(UUID job) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                        "select count(*) from job_deletions where job_id = :id and purged_at is not null")
                    .bind("id", job)
                    .mapTo(Long.class)
                    .one()
                == 1);
  }

  private static List<Long> jobRows(UUID job) {
    List<Long> counts = new ArrayList<>();
    for (String table : List.of("jobs", "thumbnails")) {
      counts.add(
          jdbi.withHandle(
              h ->
                  h.createQuery("select count(*) from " + table + " where job_id = :id")
                      .bind("id", job)
                      .mapTo(Long.class)
                      .one()));
    }
    return counts;
  }

  private static int requestsInQueue() {
    var sqs = system.infrastructure().sqs();
    String url = sqs.getQueueUrl(r -> r.queueName(LocalInfrastructure.QUEUE)).queueUrl();
    return sqs
        .getQueueAttributes(
            r ->
                r.queueUrl(url)
                    .attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes()
        .values()
        .stream()
        .mapToInt(Integer::parseInt)
        .sum();
  }
}
