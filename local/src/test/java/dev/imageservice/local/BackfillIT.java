package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Preset backfills end to end (real API, worker, PostgreSQL, S3Proxy, ElasticMQ): after a preset
 * change exactly the outdated renditions are rendered again, once, also when the backfill is
 * started twice and when the worker is stopped in the middle; jobs keep their status; a job whose
 * original is gone is skipped with the reason; fresh uploads finish while hundreds of backfill
 * items wait. Each test uses its own tenant.
 */
class BackfillIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String KEY_A = "backfill-a-key-0123456789abc";
  private static final String KEY_B = "backfill-b-key-0123456789abc";
  private static final String KEY_C = "backfill-c-key-0123456789abc";

  private static LocalSystem system;
  private static JobLedger ledger;
  private static Jdbi jdbi;

  @BeforeAll
  static void startSystem() {
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of(
                "server.port",
                0,
                "image-service.auth.keys",
                "tenant-a:" + KEY_A + ",tenant-b:" + KEY_B + ",tenant-c:" + KEY_C),
            Map.of(
                "server.port", 0,
                "spring.cloud.aws.sqs.listener.poll-timeout", "1s",
                "image-service.backfill.poll-interval", "200ms",
                "image-service.backfill.lease", "5s"));
    ledger = new JobLedger(system.endpoints());
    jdbi =
        Jdbi.create(
            system.endpoints().jdbcUrl(),
            system.endpoints().dbUsername(),
            system.endpoints().dbPassword());
  }

  @AfterAll
  static void stopSystem() {
    system.close();
  }

  @Test
  void reRendersExactlyTheOutdatedRenditionsOnceEvenWhenStartedTwice() throws Exception {
    List<UUID> before = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      before.add(upload(KEY_A, "S10_nikon_d2h.jpg"));
    }
    UUID gone = upload(KEY_A, "S02_orientation_1.jpg");
    before.forEach(BackfillIT::awaitSucceeded);
    awaitSucceeded(gone);
    // Its original is no longer stored (as retention would leave it).
    sql("update jobs set original_key = original_key || '-deleted' where job_id = '" + gone + "'");
    Map<UUID, String> jobsBefore = jobRows(KEY_A, before);

    assertThat(send(KEY_A, "PUT", "/v1/presets/small", "{\"width\": 100, \"height\": 100}"))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(200);
    UUID after = upload(KEY_A, "S10_nikon_d2h.jpg"); // rendered at version 2 already
    awaitSucceeded(after);

    HttpResponse<String> first = send(KEY_A, "POST", "/v1/presets/small/backfill", null);
    HttpResponse<String> second = send(KEY_A, "POST", "/v1/presets/small/backfill", null);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    assertThat(second.statusCode()).isEqualTo(202);
    String id = JSON.readTree(first.body()).get("id").asString();
    assertThat(JSON.readTree(second.body()).get("id").asString()).isEqualTo(id);

    JsonNode progress = awaitFinished(KEY_A, id, Duration.ofSeconds(120));
    assertThat(progress.get("total").asInt()).isEqualTo(5);
    assertThat(progress.get("done").asInt()).isEqualTo(4);
    assertThat(progress.get("skipped").asInt()).isEqualTo(1);
    assertThat(progress.get("skippedReasons").get("original_missing").asInt()).isEqualTo(1);

    for (UUID job : before) {
      assertThat(rendition(job, "small")).isEqualTo("100x75 v2");
      assertThat(rendition(job, "square")).isEqualTo("256x256 v1");
    }
    assertThat(rendition(gone, "small")).endsWith("v1");
    // Every item was claimed (and rendered) once; the jobs themselves did not move.
    assertThat(
            count(
                "select count(*) from backfill_items where attempts <> 1 and backfill_id = '"
                    + id
                    + "'"))
        .isZero();
    assertThat(jobRows(KEY_A, before)).isEqualTo(jobsBefore);
    // Started again once finished: the same backfill, nothing new to do.
    HttpResponse<String> third = send(KEY_A, "POST", "/v1/presets/small/backfill", null);
    assertThat(JSON.readTree(third.body()).get("id").asString()).isEqualTo(id);
    assertThat(JSON.readTree(third.body()).get("total").asInt()).isEqualTo(5);
    assertThat(send(KEY_B, "GET", "/v1/backfills/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void aWorkerStoppedMidBackfillLeavesEveryRenditionDoneOnce() throws Exception {
    UUID source = upload(KEY_B, "S10_nikon_d2h.jpg");
    awaitSucceeded(source);
    // Enough items that the worker is still in the middle of them when it has stopped: with the
    // vectorised resize, 40 of these small renders sometimes all finished while the worker was
    // stopping (about 30 ms each on this machine), and the stop then proved nothing.
    int clones = 160;
    List<UUID> jobs = cloneSucceeded(source, clones);
    assertThat(
            send(
                    KEY_B,
                    "PUT",
                    "/v1/presets/wide",
                    "{\"width\": 120, \"height\": 40, \"fit\": \"smart\"}")
                .statusCode())
        .isEqualTo(201);
    String id =
        JSON.readTree(send(KEY_B, "POST", "/v1/presets/wide/backfill", null).body())
            .get("id")
            .asString();

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> progress(KEY_B, id).get("done").asInt() >= 5);
    int doneWhenStopped;
    try {
      system.stopWorker();
      doneWhenStopped = progress(KEY_B, id).get("done").asInt();
    } finally {
      // Started again whatever happens: the tests after this one need a worker.
      system.startWorker(Map.of());
    }
    System.out.printf(
        "backfill: %d of %d done when the worker had stopped%n", doneWhenStopped, clones + 1);
    assertThat(doneWhenStopped).isLessThan(clones + 1);

    JsonNode progress = awaitFinished(KEY_B, id, Duration.ofSeconds(180));
    assertThat(progress.get("done").asInt()).isEqualTo(clones + 1);
    for (UUID job : jobs) {
      assertThat(rendition(job, "wide")).isEqualTo("120x40 v1");
    }
    // Only an item in flight when the worker stopped was claimed twice; none finished twice.
    assertThat(
            count(
                "select count(*) from backfill_items where attempts > 2 and backfill_id = '"
                    + id
                    + "'"))
        .isZero();
    assertThat(
            count(
                "select count(*) from backfill_items where attempts = 2 and backfill_id = '"
                    + id
                    + "'"))
        .isLessThanOrEqualTo(1);
    assertThat(
            count(
                "select count(*) from jobs where tenant_id = 'tenant-b' and status <> 'SUCCEEDED'"))
        .isZero();
  }

  @Test
  void freshUploadsFinishWhileABackfillOfHundredsRuns() throws Exception {
    UUID source = upload(KEY_C, "S10_nikon_d2h.jpg");
    awaitSucceeded(source);
    int clones = 300;
    cloneSucceeded(source, clones);
    send(
        KEY_C,
        "PUT",
        "/v1/presets/square",
        "{\"width\": 200, \"height\": 200, \"fit\": \"smart\"}");
    long started = System.nanoTime();
    String id =
        JSON.readTree(send(KEY_C, "POST", "/v1/presets/square/backfill", null).body())
            .get("id")
            .asString();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> progress(KEY_C, id).get("done").asInt() >= 3);

    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      UUID fresh = upload(KEY_C, "S11_tower_oneplus.jpg");
      awaitSucceeded(fresh);
      latencies.add((System.nanoTime() - t0) / 1_000_000);
      assertThat(progress(KEY_C, id).get("pending").asInt())
          .as("the backfill is still running")
          .isPositive();
    }
    JsonNode progress = awaitFinished(KEY_C, id, Duration.ofSeconds(600));
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(progress.get("done").asInt()).isEqualTo(clones + 1);
    System.out.printf(
        "backfill of %d renditions: %.1f s, %.1f renditions/s; fresh uploads during it: %s ms%n",
        clones + 1, seconds, (clones + 1) / seconds, latencies);
  }

  // Copies of a SUCCEEDED job (same original, no renditions): many outdated jobs, cheaply.
  private static List<UUID> cloneSucceeded(UUID source, int n) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    insert into jobs (job_id, tenant_id, status, presets, original_bucket,
                        original_key, original_content_type, original_bytes, original_width,
                        original_height, attempts, created_at, updated_at, completed_at,
                        preset_definitions)
                    select gen_random_uuid(), tenant_id, status, presets, original_bucket,
                        original_key, original_content_type, original_bytes, original_width,
                        original_height, attempts, created_at, updated_at, completed_at,
                        preset_definitions
                    from jobs, generate_series(1, :n) where job_id = :source
                    returning job_id
                    """)
                .bind("n", n)
                .bind("source", source)
                .mapTo(UUID.class)
                .list());
  }

  private static JsonNode awaitFinished(String key, String id, Duration within) throws Exception {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> progress(key, id).get("finished").asBoolean());
    return progress(key, id);
  }

  private static JsonNode progress(String key, String id) throws Exception {
    HttpResponse<String> response = send(key, "GET", "/v1/backfills/" + id, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static UUID upload(String key, String file) {
    return new ApiUploads(system.apiPort(), key).upload(UploadToThumbnailsIT.corpus(file));
  }

  private static void awaitSucceeded(UUID job) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> ledger.status(job).equals("SUCCEEDED") || ledger.status(job).equals("FAILED"));
    assertThat(ledger.status(job)).as(ledger.errorCode(job)).isEqualTo("SUCCEEDED");
  }

  private static String rendition(UUID job, String preset) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select width || 'x' || height || ' v' || preset_version from thumbnails"
                        + " where job_id = :job and preset = :preset")
                .bind("job", job)
                .bind("preset", preset)
                .mapTo(String.class)
                .one());
  }

  private static Map<UUID, String> jobRows(String key, List<UUID> jobs) {
    Map<UUID, String> rows = new java.util.HashMap<>();
    jdbi.useHandle(
        h ->
            jobs.forEach(
                job ->
                    rows.put(
                        job,
                        h.createQuery(
                                "select status || attempts || updated_at::text from jobs where job_id = :job")
                            .bind("job", job)
                            .mapTo(String.class)
                            .one())));
    return rows;
  }

  private static int count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  private static void sql(String sql) {
    jdbi.useHandle(h -> h.execute(sql));
  }

  private static HttpResponse<String> send(String key, String method, String path, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + system.apiPort() + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
