package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker renders the preset definitions recorded with the job, not the ones it is configured
 * with: an API configured with a preset {@code hero} and a worker configured with only the defaults
 * (two configurations that differ on purpose) still give {@code hero}'s box; a tenant's own preset
 * is rendered with its box, format and version. (Before, such a job failed {@code unknown_preset};
 * a worker still fails it so for an old event whose job recorded no definitions.)
 */
class RecordedPresetsIT {

  private static final String KEY = "recorded-presets-key-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalSystem system;
  private static JobLedger ledger;
  private static ApiUploads uploads;
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
                "presets:" + KEY,
                "image-service.presets[0].name",
                "hero",
                "image-service.presets[0].width",
                64,
                "image-service.presets[0].height",
                48,
                "image-service.presets[0].fit",
                "cover"),
            Map.of("server.port", 0, "spring.cloud.aws.sqs.listener.poll-timeout", "1s"));
    ledger = new JobLedger(system.endpoints());
    uploads = new ApiUploads(system.apiPort(), KEY);
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
  void aPresetOnlyTheApiDefinesIsRenderedByAWorkerConfiguredWithoutIt() {
    UUID job = uploads.upload(UploadToThumbnailsIT.corpus("S10_nikon_d2h.jpg"));

    awaitSucceeded(job);
    assertThat(ledger.attempts(job)).isEqualTo(1);
    assertThat(rendition(job, "hero")).isEqualTo("64x48 image/jpeg v1");
  }

  @Test
  void aTenantPresetIsRenderedWithItsBoxFormatAndVersion() throws Exception {
    assertThat(put("avatar", "{\"width\": 90, \"height\": 90, \"fit\": \"cover\"}")).isEqualTo(201);
    assertThat(
            put(
                "avatar",
                "{\"width\": 100, \"height\": 50, \"fit\": \"smart\", \"format\": \"png\"}"))
        .isEqualTo(200);

    HttpResponse<String> accepted =
        HTTP.send(
            HttpRequest.newBuilder(api("/v1/images?presets=avatar"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "image/jpeg")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        Files.readAllBytes(UploadToThumbnailsIT.corpus("S10_nikon_d2h.jpg"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    UUID job = UUID.fromString(accepted.body().replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1"));

    awaitSucceeded(job);
    assertThat(rendition(job, "avatar")).isEqualTo("100x50 image/png v2");
    assertThat(ledger.uploadedEvent(job)).contains("\"presetDefinitions\"", "\"SMART\"");
  }

  private static void awaitSucceeded(UUID job) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> !ledger.status(job).equals("QUEUED") && !ledger.status(job).equals("PROCESSING"));
    assertThat(ledger.status(job)).as(ledger.errorCode(job)).isEqualTo("SUCCEEDED");
  }

  private static String rendition(UUID job, String preset) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select width || 'x' || height || ' ' || content_type || ' v' || preset_version
                    from thumbnails where job_id = :job and preset = :preset
                    """)
                .bind("job", job)
                .bind("preset", preset)
                .mapTo(String.class)
                .one());
  }

  private static int put(String name, String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(api("/v1/presets/" + name))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static URI api(String path) {
    return URI.create("http://localhost:" + system.apiPort() + path);
  }
}
