package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.common.format.HostileImages;
import dev.imageservice.common.testing.StallingReaderSpi;
import dev.imageservice.localinfra.LocalEndpoints;
import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Hostile originals reach a real worker process (small heap, as in the chart) and each job ends
 * FAILED with its code within seconds: a progressive JPEG of 20,000 scans, a PNG of 6,000 zTXt
 * chunks, a TIFF of a million chained directories, and a file whose decoder stalls (the render
 * deadline aborts it). The worker's peak RSS stays bounded and it renders a good image afterwards.
 *
 * <p>The API refuses the first three itself (422), so the test uploads a good image with the worker
 * stopped and replaces the stored original before the worker starts: this is what a file accepted
 * under laxer API limits, or an older API, would hand the worker.
 */
class HostileImagesIT {

  private static final String KEY = "hostile-tenant-key-0123456789abcdef";
  private static final Map<String, String> WORKER =
      Map.of(
          "spring.cloud.aws.sqs.listener.poll-timeout", "1s",
          "image-service.render.time-base", "3s",
          "image-service.render.time-per-megapixel", "100ms");

  private static LocalSystem system;
  private static JobLedger ledger;
  private static ApiUploads uploads;
  private static Jdbi jdbi;

  @TempDir static Path dir;

  @BeforeAll
  static void startSystem() {
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of("server.port", 0, "image-service.auth.keys", "hostile:" + KEY),
            Map.of("server.port", 0));
    system.stopWorker();
    ledger = new JobLedger(system.endpoints());
    uploads = new ApiUploads(system.apiPort(), KEY);
    LocalEndpoints endpoints = system.endpoints();
    jdbi = Jdbi.create(endpoints.jdbcUrl(), endpoints.dbUsername(), endpoints.dbPassword());
  }

  @AfterAll
  static void stopSystem() {
    system.close();
  }

  @Test
  void hostileOriginalsFailWithTheirCodeAndTheWorkerKeepsRendering() throws IOException {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put("too_many_scans", HostileImages.manyScanJpeg(7000, 7000, 20_000));
    hostile.put("too_many_chunks", HostileImages.textChunkPng(6000));
    hostile.put(
        "too_many_frames",
        Files.readAllBytes(HostileImages.chainedTiff(dir.resolve("chain.tif"), 1_000_000)));
    hostile.put("render_timeout", StallingReaderSpi.MAGIC);
    Path good = UploadToThumbnailsIT.corpus("S02_orientation_1.jpg");

    Map<String, UUID> jobs = new LinkedHashMap<>();
    try (S3Client s3 =
        LocalInfrastructure.client(
            S3Client.builder().forcePathStyle(true), system.endpoints().s3())) {
      hostile.forEach(
          (code, bytes) -> jobs.put(code, replaceOriginal(s3, uploads.upload(good), bytes)));
    }

    try (WorkerProcess worker =
        WorkerProcess.start(
            system.endpoints(),
            dir.resolve("data"),
            WORKER,
            Path.of("target", "hostile-worker.log"))) {
      long started = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> jobs.values().stream().allMatch(j -> ledger.status(j).equals("FAILED")));
      long seconds = (System.nanoTime() - started) / 1_000_000_000;
      jobs.forEach((code, job) -> assertThat(ledger.errorCode(job)).as(code).isEqualTo(code));

      UUID after = uploads.upload(good);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> ledger.status(after).equals("SUCCEEDED"));
      long peakRssKb = peakRssKb(worker.pid());
      System.out.printf(
          "HOSTILE all four FAILED with their codes %d s after the worker process started"
              + " (JVM start included); worker peak RSS %d MB (-Xmx384m); good image after:"
              + " SUCCEEDED%n",
          seconds, peakRssKb / 1024);
      assertThat(peakRssKb).isLessThan(1024 * 1024);
      jobs.values().forEach(job -> assertThat(ledger.attempts(job)).isEqualTo(1));
    }
  }

  private static UUID replaceOriginal(S3Client s3, UUID job, byte[] bytes) {
    List<String> location =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select original_bucket || '/' || original_key from jobs where job_id = :id")
                    .bind("id", job)
                    .mapTo(String.class)
                    .list());
    String[] parts = location.getFirst().split("/", 2);
    s3.putObject(r -> r.bucket(parts[0]).key(parts[1]), RequestBody.fromBytes(bytes));
    return job;
  }

  private static long peakRssKb(long pid) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
        .filter(line -> line.startsWith("VmHWM:"))
        .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElseThrow();
  }
}
