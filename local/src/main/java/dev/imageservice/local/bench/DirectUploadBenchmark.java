package dev.imageservice.local.bench;

import dev.imageservice.local.LocalSystem;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /v1/uploads} (the API signs a PUT; no bytes through it) beside the byte upload
 * ({@code POST /v1/images} of a ~1 MB JPEG), in one run on one local system with its worker
 * stopped. The tenant's rate limit is raised out of the way (its database upsert still runs on
 * every request), so the figures are the API's own cost per request.
 *
 * <p>By default an open loop at {@code --rate} requests a second (100), at most {@code
 * --concurrency} in flight (100), latency from each request's scheduled start: the byte uploads
 * first, then the direct uploads, each after its own warm-up. It ends with the line the performance
 * goal reads: {@code direct-upload rate=… p99-ratio=…} (direct p99 / byte p99). {@code --mode
 * closed} runs N back-to-back clients instead.
 */
final class DirectUploadBenchmark {

  private static final String KEY = "bench-tenant-key-0123456789abcdef";

  private DirectUploadBenchmark() {}

  static void run(BenchOptions options) throws Exception {
    int concurrency = options.integer("concurrency", 100);
    int seconds = options.integer("seconds", 20);
    int rate = options.integer("rate", 100);
    boolean closed = "closed".equals(options.values().getOrDefault("mode", "open"));
    byte[] image = UploadLatencyBenchmark.jpegOfAbout(options.integer("size-kb", 1024) * 1024);
    try (ScratchDirectory data = ScratchDirectory.create("bench-upload");
        LocalSystem system =
            LocalSystem.start(
                LocalInfrastructureSettings.ephemeral().withDataDirectory(data.path()),
                Map.of(
                    "server.port", 0,
                    "image-service.auth.keys", "bench:" + KEY,
                    "image-service.rate-limit.tenant-requests.burst", 10_000_000,
                    "image-service.rate-limit.tenant-requests.per-second", 10_000_000),
                Map.of("server.port", 0))) {
      system.stopWorker();
      BenchClient bytes = new BenchClient(system.apiPort(), KEY);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String ticket = "{\"contentType\":\"image/jpeg\",\"size\":" + image.length + "}";
      HttpRequest open =
          HttpRequest.newBuilder(URI.create("http://localhost:" + system.apiPort() + "/v1/uploads"))
              .header("Authorization", "Bearer " + KEY)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(ticket))
              .build();
      Phase byteUpload =
          new Phase(
              "POST /v1/images (" + image.length / 1024 + " KB JPEG)", () -> bytes.upload(image));
      Phase directUpload = new Phase("POST /v1/uploads (signs a PUT)", () -> created(http, open));
      int warmUp = Math.max(5, seconds / 4);
      LoadDriver.Result byteResult;
      LoadDriver.Result directResult;
      if (closed) {
        byteResult = byteUpload.closed(concurrency, warmUp, seconds);
        directResult = directUpload.closed(concurrency, warmUp, seconds);
      } else {
        byteResult = byteUpload.open(concurrency, rate, warmUp, seconds);
        directResult = directUpload.open(concurrency, rate, warmUp, seconds);
      }
      double bytesP99 = byteResult.stats().percentile(99);
      double directP99 = directResult.stats().percentile(99);
      System.out.printf(
          "direct-upload mode=%s rate=%s in-flight<=%d direct-p99-ms=%.1f bytes-p99-ms=%.1f"
              + " p99-ratio=%.3f failed=%d/%d%n",
          closed ? "closed" : "open",
          closed ? "-" : rate + "/s",
          concurrency,
          directP99,
          bytesP99,
          directP99 / bytesP99,
          directResult.failures(),
          byteResult.failures());
    }
  }

  /** One endpoint under load: a warm-up at the same shape, discarded, then the measured phase. */
  private record Phase(String what, Runnable request) {

    LoadDriver.Result closed(int clients, int warmUp, int seconds) throws InterruptedException {
      LoadDriver.closedLoop(request, clients, warmUp);
      LoadDriver.Result result = LoadDriver.closedLoop(request, clients, seconds);
      print("%d concurrent clients, %d s".formatted(clients, seconds), result);
      return result;
    }

    LoadDriver.Result open(int limit, int rate, int warmUp, int seconds)
        throws InterruptedException {
      // Warm-up at a tenth of the rate: the JIT and the pools settle without building a backlog.
      LoadDriver.openLoop(request, limit, Math.max(1, rate / 10), warmUp);
      LoadDriver.Result result = LoadDriver.openLoop(request, limit, rate, seconds);
      print(
          "open loop at %d/s offered for %d s (at most %d in flight, peak %d)"
              .formatted(rate, seconds, limit, result.peakInFlight()),
          result);
      return result;
    }

    private void print(String shape, LoadDriver.Result result) {
      System.out.printf(
          "%s, %s, %d cores: %d requests, %.0f/s done, %d failed; latency %s%n",
          what,
          shape,
          Runtime.getRuntime().availableProcessors(),
          result.stats().count(),
          result.perSecond(),
          result.failures(),
          UploadLatencyBenchmark.percentiles(result.stats()));
    }
  }

  private static void created(HttpClient http, HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException("answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
