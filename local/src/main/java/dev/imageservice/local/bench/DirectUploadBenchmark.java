package dev.imageservice.local.bench;

import dev.imageservice.local.LocalSystem;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /v1/uploads} (the API signs a PUT; no bytes through it) beside today's byte upload
 * ({@code POST /v1/images} of a ~1 MB JPEG), in one run on one local system with its worker
 * stopped: N closed-loop clients each, for a fixed time after a warm-up. The tenant's rate limit is
 * raised out of the way (its database upsert still runs on every request), so the figures are the
 * API's own cost per request.
 */
final class DirectUploadBenchmark {

  private static final String KEY = "bench-tenant-key-0123456789abcdef";

  private DirectUploadBenchmark() {}

  static void run(BenchOptions options) throws Exception {
    int concurrency = options.integer("concurrency", 100);
    int seconds = options.integer("seconds", 20);
    byte[] image = UploadLatencyBenchmark.jpegOfAbout(options.integer("size-kb", 1024) * 1024);
    try (LocalSystem system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
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
      Runnable byteUpload = () -> bytes.upload(image);
      Runnable directUpload = () -> created(http, open);
      int warmUp = Math.max(5, seconds / 4);
      report(
          "POST /v1/images (" + image.length / 1024 + " KB JPEG)",
          byteUpload,
          concurrency,
          warmUp,
          seconds);
      report("POST /v1/uploads (signs a PUT)", directUpload, concurrency, warmUp, seconds);
    }
  }

  private static void created(HttpClient http, HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException("answered " + response.statusCode());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void report(
      String what, Runnable request, int concurrency, int warmUp, int seconds)
      throws InterruptedException {
    load(request, concurrency, warmUp); // discarded
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    List<Double> latencies = load(request, concurrency, seconds, failures);
    double elapsed = (System.nanoTime() - start) / 1e9;
    Stats stats = new Stats(latencies);
    System.out.printf(
        "%s, %d concurrent clients, %d s (after warm-up), %d cores: %d requests, %.0f/s, %d"
            + " failed; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        what,
        concurrency,
        seconds,
        Runtime.getRuntime().availableProcessors(),
        stats.count(),
        stats.count() / elapsed,
        failures.get(),
        stats.percentile(50),
        stats.percentile(90),
        stats.percentile(99),
        stats.percentile(100));
  }

  private static List<Double> load(Runnable request, int concurrency, int seconds)
      throws InterruptedException {
    return load(request, concurrency, seconds, new AtomicInteger());
  }

  private static List<Double> load(
      Runnable request, int concurrency, int seconds, AtomicInteger failures)
      throws InterruptedException {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < concurrency; i++) {
        clients.submit(
            () -> {
              while (System.nanoTime() < deadline) {
                long t = System.nanoTime();
                try {
                  request.run();
                  latencies.add((System.nanoTime() - t) / 1e6);
                } catch (RuntimeException e) {
                  failures.incrementAndGet();
                }
              }
            });
      }
    }
    return latencies;
  }
}
