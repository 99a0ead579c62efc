package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructureSettings;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Output formats through the running system: an upload with {@code formats=webp,avif} stores each
 * preset once per format, the job view lists every rendition, and {@code GET
 * /v1/jobs/{id}/thumbnails/{preset}} redirects by {@code Accept}. Skips, naming the library, where
 * libwebp or libavif is not installed ({@code .ci/run} installs both).
 */
class FormatNegotiationIT {

  private static final String KEY = "formats-tenant-key-0123456789abcdef";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private static LocalSystem system;
  private static String jobId;

  @BeforeAll
  static void startSystemAndUpload() {
    NativeCodecs codecs = NativeCodecs.detected();
    Assumptions.assumeTrue(codecs.webpEncoding(), "libwebp.so.7 not installed: no WebP output");
    Assumptions.assumeTrue(codecs.avifEncoding(), "libavif.so.15 not installed: no AVIF output");
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of("server.port", 0, "image-service.auth.keys", "formats:" + KEY),
            Map.of("server.port", 0));
    jobId = upload("S10_nikon_d2h.jpg", "?presets=small,square&formats=webp,avif");
  }

  @AfterAll
  static void stopSystem() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void everyPresetIsStoredOncePerFormatAndListedInTheJob() {
    JsonNode job = awaitSucceeded(jobId);
    List<String> listed = new ArrayList<>();
    for (JsonNode thumbnail : job.get("thumbnails")) {
      String type = thumbnail.get("contentType").asString();
      listed.add(thumbnail.get("preset").asString() + " " + type);
      HttpResponse<byte[]> object = fetch(URI.create(thumbnail.get("url").asString()));
      assertThat(object.statusCode()).isEqualTo(200);
      assertThat(object.headers().firstValue("Content-Type")).hasValue(type);
      assertThat(thumbnail.get("bytes").asLong()).isEqualTo(object.body().length);
      int width = thumbnail.get("width").asInt();
      int height = thumbnail.get("height").asInt();
      assertThat(Math.max(width, height)).isLessThanOrEqualTo(256);
      if (type.equals("image/avif")) {
        // ImageIO has no AVIF reader here; the worker tests decode AVIF with libavif.
        assertThat(new String(object.body(), 4, 12, StandardCharsets.ISO_8859_1))
            .isEqualTo("ftypavif\0\0\0\0");
      } else {
        BufferedImage image = decode(object.body());
        assertThat(new int[] {image.getWidth(), image.getHeight()}).containsExactly(width, height);
      }
    }
    // Each preset's own format first, then its extras.
    assertThat(listed)
        .containsExactly(
            "small image/jpeg",
            "small image/avif",
            "small image/webp",
            "square image/jpeg",
            "square image/avif",
            "square image/webp");
  }

  @ParameterizedTest(name = "Accept: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "image/avif,image/webp | avif",
        "image/webp | webp",
        "image/jpeg | jpg",
        "image/avif,image/webp,image/apng,image/*,*/*;q=0.8 | avif",
        "image/webp;q=0.9,image/avif;q=0.5,image/jpeg;q=0.1 | webp",
        "text/html | jpg",
        "'' | jpg",
        "not a media type;;; | jpg"
      })
  void thumbnailLinkPicksTheRenditionByAccept(String accept, String extension) {
    awaitSucceeded(jobId);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api("/v1/jobs/" + jobId + "/thumbnails/small"))
            .header("Authorization", "Bearer " + KEY)
            .GET();
    if (!accept.isEmpty()) {
      request.header("Accept", accept);
    }

    HttpResponse<byte[]> redirect = send(request);

    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().allValues("Vary")).contains("Accept");
    URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
    assertThat(location.getPath()).endsWith("/small." + extension);
    assertThat(fetch(location).statusCode()).isEqualTo(200);
  }

  private static JsonNode awaitSucceeded(String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> job(id).get("status").asString(),
            s -> s.equals("SUCCEEDED") || s.equals("FAILED"));
    JsonNode job = job(id);
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    return job;
  }

  private static JsonNode job(String id) {
    HttpResponse<byte[]> response =
        send(
            HttpRequest.newBuilder(api("/v1/jobs/" + id))
                .header("Authorization", "Bearer " + KEY)
                .GET());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String upload(String file, String query) {
    try {
      byte[] body = Files.readAllBytes(UploadToThumbnailsIT.corpus(file));
      HttpResponse<byte[]> response =
          send(
              HttpRequest.newBuilder(api("/v1/images" + query))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Content-Type", "image/jpeg")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
      assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(202);
      return JSON.readTree(response.body()).get("jobId").asString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpResponse<byte[]> fetch(URI url) {
    return send(HttpRequest.newBuilder(url).GET());
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static URI api(String path) {
    return URI.create("http://localhost:" + system.apiPort() + path);
  }

  private static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      assertThat(image).as("thumbnail decodes").isNotNull();
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
