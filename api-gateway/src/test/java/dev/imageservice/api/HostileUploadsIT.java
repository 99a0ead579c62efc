package dev.imageservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.format.HostileImages;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Uploads whose container structure is over the limits the worker applies (too many JPEG scans, PNG
 * ancillary chunks, TIFF directories) are refused at once with 422 and the failure code the job
 * would have got; no job row and no event is written.
 */
class HostileUploadsIT extends ApiIntegrationTest {

  @Autowired Jdbi jdbi;

  @TempDir Path dir;

  @Test
  void progressiveJpegWithTooManyScansIs422() {
    byte[] jpeg = HostileImages.manyScanJpeg(7000, 7000, 500);
    assertRefused(jpeg, "image/jpeg", "too_many_scans");
  }

  @Test
  void pngWithThousandsOfTextChunksIs422() {
    assertRefused(HostileImages.textChunkPng(1500), "image/png", "too_many_chunks");
  }

  @Test
  void tiffWithThousandsOfChainedDirectoriesIs422() throws Exception {
    byte[] tiff = Files.readAllBytes(HostileImages.chainedTiff(dir.resolve("chain.tif"), 50_000));
    assertRefused(tiff, "image/tiff", "too_many_frames");
  }

  @Test
  void theSameStructuresUnderTheLimitsAreAccepted() throws Exception {
    assertThat(upload(HostileImages.manyScanJpeg(64, 64, 10), "image/jpeg").statusCode())
        .isEqualTo(202);
    assertThat(upload(HostileImages.textChunkPng(10), "image/png").statusCode()).isEqualTo(202);
    byte[] tiff = Files.readAllBytes(HostileImages.chainedTiff(dir.resolve("few.tif"), 3));
    assertThat(upload(tiff, "image/tiff").statusCode()).isEqualTo(202);
  }

  private void assertRefused(byte[] image, String contentType, String code) {
    long jobsBefore = count("jobs");
    long eventsBefore = count("outbox");

    HttpResponse<String> response = upload(image, contentType);

    assertProblem(response, 422, code);
    assertThat(ApiClient.json(response).get("type").asString())
        .isEqualTo("https://image-service.dev/problems/image-rejected");
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(count("jobs")).isEqualTo(jobsBefore);
    assertThat(count("outbox")).isEqualTo(eventsBefore);
  }

  private HttpResponse<String> upload(byte[] image, String contentType) {
    return api()
        .send(
            api()
                .request("/v1/images", KEY_B)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)));
  }

  private long count(String table) {
    return jdbi.withHandle(
        h -> h.createQuery("select count(*) from " + table).mapTo(Long.class).one());
  }
}
