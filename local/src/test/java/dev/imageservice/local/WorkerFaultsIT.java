package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected for real into the running system: duplicate deliveries, a worker process killed
 * mid-render, S3 and PostgreSQL outages, poison messages and retries running out. Each test prints
 * one {@code FAULT} line with what it counted.
 */
class WorkerFaultsIT {

  private static final String GENERATED = "thumbnails.generated";
  private static final String FAILED = "thumbnails.failed";

  private static FaultRig rig;

  @BeforeAll
  static void startSystem() {
    rig = FaultRig.start();
  }

  @AfterAll
  static void stopSystem() {
    rig.close();
  }

  @BeforeEach
  void startFromAnEmptyQueue() {
    rig.ensureWorker();
    rig.awaitQueuesEmpty();
  }

  @Test
  void sameRequestDeliveredManyTimesAtOnceIsRenderedOnce() {
    rig.system().stopWorker();
    UUID job = rig.upload("S02_orientation_1.jpg");
    rig.awaitDepthAtLeast(1);
    rig.sendCopies(rig.ledger().uploadedEvent(job), 10);
    rig.awaitDepthAtLeast(11);

    rig.system().startWorker(Map.of());
    rig.awaitStatus(List.of(job), "SUCCEEDED", Duration.ofSeconds(30));
    rig.awaitQueuesEmpty();

    long renders = rig.renders();
    int generated = rig.ledger().events(job, GENERATED);
    FaultRig.report("duplicate-delivery(11 copies)", 1, 1, 0, renders - 1 + generated - 1);
    assertThat(renders).isEqualTo(1);
    assertThat(rig.ledger().attempts(job)).isEqualTo(1);
    assertThat(rig.ledger().thumbnailRows(job)).isEqualTo(3);
    assertThat(generated).isEqualTo(1);
  }

  /**
   * The worker sends no visibility change at receipt (the queue's own timeout hides the message at
   * first), so this checks that a render lasting more than twice the queue's timeout (3 s here) is
   * still extended in time although the worker's own beat (a third of a 30 s extension) comes much
   * later than that timeout: the message never becomes visible again, no second delivery finds the
   * job held, and it is rendered and announced once.
   */
  @Test
  void renderLongerThanTheQueuesVisibilityTimeoutKeepsItsMessageHidden() {
    rig.system().stopWorker();
    HeldReaderSpi.hold();
    try {
      UUID job = rig.upload("S02_orientation_1.jpg");
      rig.replaceOriginal(job, HeldReaderSpi.MAGIC);
      rig.system().startWorker(Map.of("image-service.worker.visibility-extension", "30s"));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(25))
          .until(() -> HeldReaderSpi.holding() == 1);
      double transientBefore = rig.transientFailures();

      // 7 s held (the render's deadline is 10 s): the queue's timeout would have run out twice.
      await()
          .during(Duration.ofSeconds(7))
          .atMost(Duration.ofSeconds(9))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> rig.visibleDepth() == 0 && HeldReaderSpi.holding() == 1);
      HeldReaderSpi.release();
      rig.awaitStatus(List.of(job), "SUCCEEDED", Duration.ofSeconds(30));
      rig.awaitQueuesEmpty();

      int generated = rig.ledger().events(job, GENERATED);
      FaultRig.report("render-longer-than-visibility-timeout", 1, 1, 0, generated - 1);
      assertThat(rig.transientFailures()).isEqualTo(transientBefore);
      assertThat(rig.renders()).isEqualTo(1);
      assertThat(rig.ledger().attempts(job)).isEqualTo(1);
      assertThat(generated).isEqualTo(1);
    } finally {
      HeldReaderSpi.release();
      // The next test starts the worker again, with the rig's settings.
      rig.system().stopWorker();
    }
  }

  @Test
  void jobOfAWorkerKilledMidRenderCompletesOnAnotherWorker(@TempDir Path dir) throws Exception {
    Path image = LargeTestImage.create(dir.resolve("large.jpg"), 6000, 6000);
    rig.system().stopWorker();
    Files.createDirectories(Path.of("target"));
    UUID job;
    try (WorkerProcess doomed =
        WorkerProcess.start(
            rig.system().endpoints(),
            dir.resolve("data"),
            FaultRig.WORKER,
            Path.of("target", "killed-worker.log"))) {
      job = rig.upload(image);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(25))
          .until(() -> rig.ledger().status(job).equals("PROCESSING"));
      doomed.kill();
    }
    // Killed before it could finish: the claim and the message are both left behind.
    assertThat(rig.ledger().status(job)).isEqualTo("PROCESSING");

    rig.system().startWorker(Map.of());
    rig.awaitStatus(List.of(job), "SUCCEEDED", Duration.ofSeconds(60));

    int generated = rig.ledger().events(job, GENERATED);
    FaultRig.report("worker-killed-mid-render", 1, 1, 0, generated - 1);
    assertThat(rig.ledger().attempts(job)).isEqualTo(2);
    assertThat(rig.ledger().thumbnailRows(job)).isEqualTo(3);
    assertThat(generated).isEqualTo(1);
  }

  @Test
  void workerStoppedMidRenderGivesTheJobBackAndItCompletesLater(@TempDir Path dir) {
    Path image = LargeTestImage.create(dir.resolve("large.jpg"), 6000, 6000);
    // Shutdown waits almost nothing for running messages: the render is surely abandoned.
    rig.system().startWorker(Map.of("image-service.worker.shutdown-timeout", "100ms"));
    UUID job = rig.upload(image);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(25))
        .until(() -> rig.ledger().status(job).equals("PROCESSING"));

    rig.system().stopWorker();

    // Released at shutdown: the next worker need not wait out the lease.
    assertThat(rig.ledger().status(job)).isEqualTo("QUEUED");
    rig.system().startWorker(Map.of());
    rig.awaitStatus(List.of(job), "SUCCEEDED", Duration.ofSeconds(60));
    int generated = rig.ledger().events(job, GENERATED);
    FaultRig.report("worker-stopped-mid-render", 1, 1, 0, generated - 1);
    assertThat(rig.ledger().attempts(job)).isEqualTo(2);
    assertThat(generated).isEqualTo(1);
  }

  @Test
  void jobsAcceptedBeforeAnS3OutageSucceedAfterIt() {
    List<UUID> jobs = uploadWithWorkerStopped(3);
    rig.infrastructure().s3().stop();
    try {
      rig.system().startWorker(Map.of());
      await().atMost(Duration.ofSeconds(20)).until(() -> rig.transientFailures() >= 3);
    } finally {
      rig.infrastructure().s3().restart();
    }

    assertAllSucceededOnce("s3-outage", jobs);
    rig.awaitApiReady();
  }

  @Test
  void jobsAcceptedBeforeAPostgresOutageSucceedAfterIt() {
    List<UUID> jobs = uploadWithWorkerStopped(3);
    rig.infrastructure().postgres().stop();
    try {
      // Flyway would need the database at start; the schema is there already.
      rig.system().startWorker(Map.of("spring.flyway.enabled", false));
      await().atMost(Duration.ofSeconds(20)).until(() -> rig.transientFailures() >= 3);
    } finally {
      rig.infrastructure().postgres().restart();
    }

    assertAllSucceededOnce("postgres-outage", jobs);
    rig.awaitApiReady();
  }

  @Test
  void poisonMessagesAreDroppedWithoutBlockingTheQueue() {
    UUID first = rig.upload("S02_orientation_1.jpg");
    String unknownJob =
        rig.ledger()
            .uploadedEvent(first)
            .replaceAll("\"jobId\":\"[^\"]+\"", "\"jobId\":\"" + UUID.randomUUID() + "\"");
    rig.send("{this is not json");
    rig.send(unknownJob);
    UUID after = rig.upload("S05_orientation_4.jpg");

    rig.awaitStatus(List.of(first, after), "SUCCEEDED", Duration.ofSeconds(30));
    rig.awaitQueuesEmpty();

    FaultRig.report("poison-messages(2 dropped)", 2, 2, 0, 0);
    assertThat(rig.ledger().events(after, GENERATED)).isEqualTo(1);
    assertThat(rig.deadLetterDepth()).isZero();
  }

  @Test
  void jobFailsAsRetriesExhaustedOnceItsMessageIsDeadLettered() {
    List<UUID> jobs = uploadWithWorkerStopped(1);
    UUID job = jobs.getFirst();
    rig.infrastructure().s3().stop();
    try {
      rig.system().startWorker(Map.of());
      rig.awaitStatus(jobs, "FAILED", Duration.ofSeconds(60));
    } finally {
      rig.infrastructure().s3().restart();
    }
    rig.awaitQueuesEmpty();
    rig.awaitApiReady();

    FaultRig.report("retries-exhausted", 1, 0, 1, rig.ledger().events(job, FAILED) - 1);
    assertThat(rig.ledger().errorCode(job)).isEqualTo("retries_exhausted");
    assertThat(rig.ledger().attempts(job)).isBetween(1, FaultRig.MAX_RECEIVE_COUNT);
    assertThat(rig.ledger().events(job, FAILED)).isEqualTo(1);
    assertThat(rig.ledger().thumbnailRows(job)).isZero();
  }

  @Test
  void workerExportsItsReliabilityMetricsToPrometheus() throws Exception {
    UUID job = rig.upload("S03_orientation_2.jpg");
    rig.awaitStatus(List.of(job), "SUCCEEDED", Duration.ofSeconds(30));

    String scrape = rig.scrapeWorkerMetrics();

    assertThat(scrape)
        .contains("image_jobs_completed_total{code=\"none\",status=\"SUCCEEDED\"}")
        .contains("image_render_seconds_bucket")
        .contains("image_job_latency_seconds_bucket")
        .contains("image_renders_in_flight")
        .contains("image_render_memory_reserved_bytes")
        .contains("image_queue_messages_visible{queue=\"thumbnail-requests\"}")
        .contains("image_queue_messages_in_flight{queue=\"thumbnail-requests-dlq\"}")
        .contains("image_queue_oldest_message_age_seconds")
        .contains("resilience4j_circuitbreaker_state");
  }

  private static List<UUID> uploadWithWorkerStopped(int count) {
    rig.system().stopWorker();
    List<UUID> jobs =
        IntStream.range(0, count)
            .mapToObj(i -> rig.upload("S0" + (i + 2) + "_orientation_" + (i + 1) + ".jpg"))
            .toList();
    rig.awaitDepthAtLeast(count);
    return jobs;
  }

  @Test
  void jobLeftProcessingByADeadWorkerWithItsMessageGoneCompletesAfterTheSweep() {
    rig.system().stopWorker();
    UUID job = rig.upload("S02_orientation_1.jpg");
    rig.awaitDepthAtLeast(1);
    // Its worker claimed it an hour ago and died, and its message is gone: nothing will ever
    // deliver it again but the sweeper.
    rig.purgeRequests();
    // The API's sweeper may requeue it at once, so check the claim itself, not the status after it.
    assertThat(rig.ledger().claimedByADeadWorker(job, Duration.ofHours(1))).isEqualTo(1);

    rig.system().startWorker(Map.of());
    rig.awaitStatus(List.of(job), "SUCCEEDED", Duration.ofSeconds(60));

    assertThat(rig.ledger().events(job, GENERATED)).isEqualTo(1);
    assertThat(rig.ledger().attempts(job)).isEqualTo(2);
    FaultRig.report("abandoned job swept", 1, 1, 0, 0);
  }

  private static void assertAllSucceededOnce(String fault, List<UUID> jobs) {
    rig.awaitStatus(jobs, "SUCCEEDED", Duration.ofSeconds(60));
    long duplicates = jobs.stream().mapToInt(job -> rig.ledger().events(job, GENERATED) - 1).sum();
    FaultRig.report(fault, jobs.size(), jobs.size(), 0, duplicates);
    for (UUID job : jobs) {
      assertThat(rig.ledger().thumbnailRows(job)).isEqualTo(3);
      assertThat(rig.ledger().events(job, GENERATED)).isEqualTo(1);
    }
  }
}
