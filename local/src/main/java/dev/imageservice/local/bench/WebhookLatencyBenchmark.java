package dev.imageservice.local.bench;

import com.sun.net.httpserver.HttpServer;
import dev.imageservice.local.LocalSystem;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receiver-side webhook latency through the whole local system: a real receiver on 127.0.0.1 takes
 * {@code job.succeeded} deliveries for {@code --jobs} uploads (sent {@code --concurrency} at a
 * time) and measures, per job, from the completion event's time (the body's {@code timestamp}, set
 * when the worker committed SUCCEEDED) to the request's arrival: outbox relay → SNS → the webhook
 * queue → the API's consumer → PostgreSQL schedule → dispatcher → receiver.
 */
final class WebhookLatencyBenchmark {

  private static final String KEY = "bench-tenant-key-0123456789abcdef";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WebhookLatencyBenchmark() {}

  static void run(BenchOptions options) throws Exception {
    int jobs = options.integer("jobs", 200);
    int concurrency = options.integer("concurrency", 4);
    byte[] image = UploadLatencyBenchmark.jpegOfAbout(options.integer("size-kb", 64) * 1024);
    Map<String, Double> latencies = new ConcurrentHashMap<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    receiver.createContext(
        "/hook",
        exchange -> {
          Instant arrived = Instant.now();
          JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
          Instant completed = Instant.parse(body.get("timestamp").asString());
          latencies.putIfAbsent(
              body.at("/data/jobId").asString(),
              Duration.between(completed, arrived).toNanos() / 1e6);
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try (LocalSystem system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            Map.of("server.port", 0, "image-service.auth.keys", "bench:" + KEY),
            Map.of("server.port", 0))) {
      register(system.apiPort(), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
      BenchClient client = new BenchClient(system.apiPort(), KEY);
      long start = System.nanoTime();
      try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
        for (int i = 0; i < jobs; i++) {
          pool.execute(() -> client.upload(image));
        }
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (latencies.size() < jobs && System.nanoTime() < deadline) {
        Thread.sleep(200); // a benchmark polling its own tally, not a test
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      Stats stats = new Stats(List.copyOf(latencies.values()));
      System.out.printf(
          "webhook latency (completion event -> receiver), %d jobs of a %d KB JPEG, %d uploading"
              + " clients, %d cores, %.0f s: %d delivered; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms,"
              + " max %.1f ms%n",
          jobs,
          image.length / 1024,
          concurrency,
          Runtime.getRuntime().availableProcessors(),
          elapsed,
          stats.count(),
          stats.percentile(50),
          stats.percentile(90),
          stats.percentile(99),
          stats.percentile(100));
    } finally {
      receiver.stop(0);
    }
  }

  private static void register(int apiPort, String url) throws Exception {
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + apiPort + "/v1/webhooks"))
                    .header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"url\":\"" + url + "\",\"events\":[\"job.succeeded\"]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("registration answered " + created.body());
    }
  }
}
