package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A direct upload on the whole local system (API, worker, S3Proxy, ElasticMQ, local SNS): the
 * client asks for a URL, PUTs the bytes straight to S3, completes, and the worker renders every
 * preset; completing again changes nothing.
 */
class DirectUploadToThumbnailsIT {

  private static final String KEY = "direct-tenant-key-0123456789abcdef";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalSystem system;

  @BeforeAll
  static void startSystem() {
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of("server.port", 0, "image-service.auth.keys", "direct:" + KEY),
            Map.of("server.port", 0));
  }

  @AfterAll
  static void stopSystem() {
    system.close();
  }

  @Test
  void aPresignedPutThenCompleteEndsSucceededWithEveryThumbnailAndASecondCompleteChangesNothing()
      throws IOException {
    byte[] image = Files.readAllBytes(corpus("S01_iphone4s_orient6.jpg"));
    HttpResponse<String> opened =
        send(
            api("/v1/uploads")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"contentType\":\"image/jpeg\",\"size\":" + image.length + "}")));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
    JsonNode ticket = JSON.readTree(opened.body());
    String jobId = ticket.get("jobId").asString();
    JsonNode upload = ticket.get("upload");
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
            .header("Content-Type", upload.get("headers").get("Content-Type").asString())
            .PUT(HttpRequest.BodyPublishers.ofByteArray(image));
    assertThat(send(put).statusCode()).isEqualTo(200);

    HttpResponse<String> completed = complete(jobId);
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> job(jobId).get("status").asString(),
            s -> s.equals("SUCCEEDED") || s.equals("FAILED"));

    JsonNode done = job(jobId);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("original").get("bytes").asLong()).isEqualTo(image.length);
    assertThat(done.get("thumbnails")).hasSize(3);
    for (JsonNode thumbnail : done.get("thumbnails")) {
      HttpResponse<String> bytes =
          send(HttpRequest.newBuilder(URI.create(thumbnail.get("url").asString())).GET());
      assertThat(bytes.statusCode()).isEqualTo(200);
    }

    HttpResponse<String> again = complete(jobId);
    assertThat(again.statusCode()).isEqualTo(202);
    JsonNode after = job(jobId);
    assertThat(after.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(after.get("attempts").asInt()).isEqualTo(done.get("attempts").asInt());
    assertThat(after.get("updatedAt").asString()).isEqualTo(done.get("updatedAt").asString());
  }

  private static HttpResponse<String> complete(String jobId) {
    return send(
        api("/v1/uploads/" + jobId + "/complete").POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static JsonNode job(String jobId) {
    HttpResponse<String> response = send(api("/v1/jobs/" + jobId).GET());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpRequest.Builder api(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + system.apiPort() + path))
        .header("Authorization", "Bearer " + KEY);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path corpus(String file) {
    return Path.of(System.getProperty("testdata.dir", "../testdata/corpus")).resolve(file);
  }
}
