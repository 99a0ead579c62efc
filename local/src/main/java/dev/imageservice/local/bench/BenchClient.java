package dev.imageservice.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public API as a benchmark drives it: uploads and job status. Thread-safe. */
final class BenchClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String key;
  private final String uploadPath;

  BenchClient(int port, String key) {
    this(port, key, "");
  }

  /** A client whose uploads ask for the extra output {@code formats} (none when blank). */
  BenchClient(int port, String key, String formats) {
    this.base = URI.create("http://localhost:" + port);
    this.key = key;
    this.uploadPath = formats.isBlank() ? "/v1/images" : "/v1/images?formats=" + formats;
  }

  /** Uploads and answers the new job id; throws unless the API accepted it. */
  String upload(byte[] image) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(base.resolve(uploadPath))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(image))
                .build());
    if (response.statusCode() != 202) {
      throw new IllegalStateException(
          "upload answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body()).get("jobId").asString();
  }

  JsonNode job(String jobId) {
    return JSON.readTree(
        send(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + jobId))
                .header("Authorization", "Bearer " + key)
                .build())
            .body());
  }

  /**
   * Job timing as the server recorded it: accepted at {@code createdAt}, finished at {@code
   * updatedAt}; {@code renderCpuMs} is the CPU the worker's rendering thread spent on the render
   * ({@code timings.cpuMs}; 0 when the job has no timings).
   */
  record Finished(String status, Instant created, Instant finished, long renderCpuMs) {
    double latencyMillis() {
      return Duration.between(created, finished).toNanos() / 1e6;
    }
  }

  Finished finished(String jobId) {
    JsonNode job = job(jobId);
    return new Finished(
        job.get("status").asString(),
        Instant.parse(job.get("createdAt").asString()),
        Instant.parse(job.get("updatedAt").asString()),
        job.path("timings").path("cpuMs").asLong(0));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
