package dev.imageservice.local;

import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The whole system set up for fault tests: short leases, visibility timeouts and back-offs so that
 * recovery takes seconds, plus direct access to the queues, the database and the worker's metrics.
 */
final class FaultRig implements AutoCloseable {

  static final String KEY = "fault-tenant-key-0123456789abcdef";
  static final int MAX_RECEIVE_COUNT = 5;

  /** Worker settings of the fault tests, also given to the worker started as a separate process. */
  static final Map<String, String> WORKER =
      Map.ofEntries(
          Map.entry("image-service.job.lease", "3s"),
          Map.entry("image-service.worker.concurrency", "4"),
          Map.entry("image-service.worker.visibility-extension", "3s"),
          Map.entry("image-service.worker.redelivery.initial-delay", "1s"),
          Map.entry("image-service.worker.redelivery.max-delay", "2s"),
          Map.entry("image-service.worker.shutdown-timeout", "5s"),
          Map.entry("image-service.worker.metrics-interval", "1s"),
          Map.entry("image-service.resilience.max-attempts", "2"),
          Map.entry("image-service.resilience.retry-wait", "100ms"),
          Map.entry("image-service.resilience.open-state-wait", "1s"),
          Map.entry("spring.datasource.hikari.connection-timeout", "1000"),
          Map.entry("spring.cloud.aws.sqs.listener.poll-timeout", "1s"));

  private final LocalSystem system;
  private final JobLedger ledger;
  private final ApiUploads uploads;
  private final String queueUrl;
  private final String deadLetterQueueUrl;

  private FaultRig() {
    Map<String, Object> worker = new HashMap<>(WORKER);
    worker.put("server.port", 0);
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral()
                .withMaxReceiveCount(MAX_RECEIVE_COUNT)
                .withVisibilityTimeoutSeconds(3),
            Map.of(
                "server.port",
                0,
                "image-service.auth.keys",
                "faults:" + KEY,
                "spring.datasource.hikari.connection-timeout",
                "1000",
                // The sweeper looks every second, but only at jobs whose lease ended half an hour
                // ago: no other test leaves such a job, so only the abandoned-job test sees it act.
                "image-service.sweeper.interval",
                "1s",
                "image-service.sweeper.abandoned-after",
                "30m"),
            worker);
    ledger = new JobLedger(system.endpoints());
    uploads = new ApiUploads(system.apiPort(), KEY);
    queueUrl = url(LocalInfrastructure.QUEUE);
    deadLetterQueueUrl = url(LocalInfrastructure.DEAD_LETTER_QUEUE);
  }

  static FaultRig start() {
    return new FaultRig();
  }

  LocalSystem system() {
    return system;
  }

  LocalInfrastructure infrastructure() {
    return system.infrastructure();
  }

  JobLedger ledger() {
    return ledger;
  }

  UUID upload(String corpusFile) {
    return uploads.upload(UploadToThumbnailsIT.corpus(corpusFile));
  }

  UUID upload(Path file) {
    return uploads.upload(file);
  }

  /** Messages in the request queue, visible or not. */
  int depth() {
    return depth(queueUrl);
  }

  /** Messages of the request queue that a receive would return now (not hidden, not delayed). */
  int visibleDepth() {
    return Integer.parseInt(
        sqs()
            .getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  /** Replaces a job's original in the images bucket, e.g. by a test decoder's bytes. */
  void replaceOriginal(UUID job, byte[] bytes) {
    try (S3Client s3 =
        LocalInfrastructure.client(
            S3Client.builder().forcePathStyle(true), system.endpoints().s3())) {
      s3.putObject(
          r -> r.bucket(LocalInfrastructure.IMAGES_BUCKET).key(ledger.originalKey(job)),
          RequestBody.fromBytes(bytes));
    }
  }

  int deadLetterDepth() {
    return depth(deadLetterQueueUrl);
  }

  /** Deletes every message of the request queue, as a purge by an operator would. */
  void purgeRequests() {
    sqs().purgeQueue(r -> r.queueUrl(queueUrl));
  }

  void send(String body) {
    sqs().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
  }

  /** Sends the copies in one batch call: they arrive together. */
  void sendCopies(String body, int copies) {
    List<SendMessageBatchRequestEntry> entries =
        IntStream.range(0, copies)
            .mapToObj(
                i -> SendMessageBatchRequestEntry.builder().id("c" + i).messageBody(body).build())
            .toList();
    sqs().sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
  }

  void awaitDepthAtLeast(int messages) {
    await().atMost(Duration.ofSeconds(20)).until(() -> depth() >= messages);
  }

  void awaitQueuesEmpty() {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> depth() == 0 && deadLetterDepth() == 0);
  }

  void awaitStatus(Collection<UUID> jobs, String status, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> jobs.stream().allMatch(job -> ledger.status(job).equals(status)));
  }

  /** Makes sure a worker runs, starting one if a test left it stopped. */
  void ensureWorker() {
    if (!system.workerRunning()) {
      system.startWorker(Map.of());
    }
  }

  MeterRegistry workerMeters() {
    return system.worker().getBean(MeterRegistry.class);
  }

  long renders() {
    return workerMeters().get("image.render").timer().count();
  }

  double transientFailures() {
    return workerMeters().get("image.jobs.transient.failures").counter().count();
  }

  /**
   * Waits until the API reports ready again after an outage. Its connection pool retries with a
   * back-off of up to 5 s, so for a few seconds after PostgreSQL is back the API still answers 503
   * (with Retry-After, as a client should expect); the next test must not see that.
   */
  void awaitApiReady() {
    URI readiness = URI.create("http://localhost:" + system.apiPort() + "/readyz");
    HttpClient client = HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                        .send(
                            HttpRequest.newBuilder(readiness).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  /** The worker's {@code /actuator/prometheus} page. */
  String scrapeWorkerMetrics() throws Exception {
    int port = ((WebServerApplicationContext) system.worker()).getWebServer().getPort();
    URI page = URI.create("http://localhost:" + port + "/actuator/prometheus");
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** One line per fault test, meant to be quoted. */
  static void report(String name, int accepted, int succeeded, int failed, long duplicates) {
    System.out.printf(
        "FAULT %s: accepted=%d succeeded=%d failed=%d duplicates=%d%n",
        name, accepted, succeeded, failed, duplicates);
  }

  private SqsClient sqs() {
    return system.infrastructure().sqs();
  }

  private String url(String queue) {
    return sqs().getQueueUrl(r -> r.queueName(queue)).queueUrl();
  }

  private int depth(String url) {
    Map<QueueAttributeName, String> attributes =
        sqs()
            .getQueueAttributes(
                r ->
                    r.queueUrl(url)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
            .attributes();
    return attributes.values().stream().mapToInt(Integer::parseInt).sum();
  }

  @Override
  public void close() {
    system.close();
  }
}
