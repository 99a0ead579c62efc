package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.common.format.HostileImages;
import dev.imageservice.localinfra.LocalEndpoints;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.info.InfoEndpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HEIC and AVIF through the running system: the API accepts them by their brands, the worker
 * renders them with libheif and records a ThumbHash, and hostile ones (a 17000x17000 {@code ispe}
 * bomb of a kilobyte, truncated and scrambled files) end FAILED with a code, never stuck.
 */
class HeifUploadsIT {

  private static final String KEY = "heif-uploads-key-0123456789abcdef";
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
            Map.of("server.port", 0, "image-service.auth.keys", "heif:" + KEY),
            Map.of("server.port", 0, "spring.cloud.aws.sqs.listener.poll-timeout", "1s"));
    ledger = new JobLedger(system.endpoints());
    uploads = new ApiUploads(system.apiPort(), KEY);
    LocalEndpoints endpoints = system.endpoints();
    jdbi = Jdbi.create(endpoints.jdbcUrl(), endpoints.dbUsername(), endpoints.dbPassword());
  }

  @AfterAll
  static void stopSystem() {
    system.close();
  }

  static Path heif(String name) {
    return UploadToThumbnailsIT.corpus("").resolveSibling("heif").resolve(name);
  }

  @Test
  void actuatorInfoListsTheCodecs() {
    Map<String, Object> info = system.worker().getBean(InfoEndpoint.class).info();
    assertThat(info).containsKey("renderer");
    assertThat(info.get("renderer").toString()).contains("libturbojpeg", "libwebp", "libheif");
  }

  @Test
  void anAvifRendersWithAThumbHashInTheViewAndTheEvent() throws Exception {
    Assumptions.assumeTrue(
        info().contains("libheif=true"), "libheif1 not installed here: only refusals tested");
    UUID job = uploads.upload(heif("rose_alpha_10bit.avif"));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> !ledger.status(job).equals("QUEUED") && !ledger.status(job).equals("PROCESSING"));
    assertThat(ledger.status(job)).isEqualTo("SUCCEEDED");
    JsonNode view = view(job);
    assertThat(view.get("original").get("contentType").asString()).isEqualTo("image/avif");
    assertThat(view.get("original").get("width").asInt()).isEqualTo(400);
    String thumbhash = view.get("thumbhash").asString();
    assertThat(java.util.Base64.getDecoder().decode(thumbhash).length).isBetween(6, 40);
    String event =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select payload::text from outbox where payload::text like :job"
                            + " and payload::text like '%thumbnails.generated%'")
                    .bind("job", "%" + job + "%")
                    .mapTo(String.class)
                    .one());
    assertThat(event).contains("\"thumbhash\"", thumbhash);
  }

  @Test
  void hostileHeifFilesFailWithACode() throws IOException {
    byte[] rose = Files.readAllBytes(heif("rose_alpha_10bit.avif"));
    Map<String, UUID> jobs = new LinkedHashMap<>();
    jobs.put(
        "too_many_pixels",
        upload(
            "bomb.avif",
            HostileImages.heifDeclaring(
                Files.readAllBytes(heif("orient_irot1.avif")), 17_000, 17_000)));
    jobs.put("corrupt_image", upload("cut.avif", Arrays.copyOf(rose, rose.length / 2)));
    UUID scrambled = upload("noise.avif", HostileImages.scrambledFrom(rose, rose.length / 2, 7));
    boolean heifHere = info().contains("libheif=true");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                jobs.values().stream().allMatch(j -> ledger.status(j).equals("FAILED"))
                    && ledger.status(scrambled).matches("FAILED|SUCCEEDED"));
    // Without libheif the truncated file fails as unsupported (said so), the bomb as before.
    jobs.forEach(
        (code, job) ->
            assertThat(ledger.errorCode(job))
                .as(code)
                .isEqualTo(
                    heifHere || code.equals("too_many_pixels") ? code : "unsupported_format"));
    if (ledger.status(scrambled).equals("FAILED")) {
      assertThat(ledger.errorCode(scrambled)).isIn("corrupt_image", "unsupported_format");
    }
    jobs.values().forEach(job -> assertThat(ledger.attempts(job)).isEqualTo(1));
  }

  private static String info() {
    return system.worker().getBean(InfoEndpoint.class).info().toString();
  }

  private static UUID upload(String name, byte[] bytes) throws IOException {
    return uploads.upload(Files.write(dir.resolve(name), bytes));
  }

  private static JsonNode view(UUID job) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + system.apiPort() + "/v1/jobs/" + job))
                    .header("Authorization", "Bearer " + KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JsonMapper.builder().build().readTree(response.body());
  }
}
