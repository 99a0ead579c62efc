package dev.imageservice.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What operators get for each job, on the whole local system: one upload is one trace from the
 * API's request through the outbox relay, SNS and SQS to the worker, with a span per pipeline step,
 * and on to the webhook delivery of its completion (spans read from an in-memory exporter that both
 * services export to), and the job view names it; the job's timings add up and its render CPU is
 * measured for every input format; and every metric that the chart's dashboard and alerts name is
 * exported once a few jobs ran.
 */
class JobTelemetryIT {

  private static final String KEY = "telemetry-tenant-key-0123456789abcdef";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

  private static LocalSystem system;

  /** Added to both services: Boot's OpenTelemetry set-up exports to every SpanExporter bean. */
  @Configuration(proxyBeanMethods = false)
  static class InMemorySpans {
    @Bean
    SpanExporter inMemorySpanExporter() {
      return SPANS;
    }
  }

  @BeforeAll
  static void startSystem() {
    Map<String, Object> fastExport =
        Map.of("management.opentelemetry.tracing.export.schedule-delay", "100ms");
    Map<String, Object> api = new LinkedHashMap<>(fastExport);
    api.put("server.port", 0);
    api.put("image-service.auth.keys", "telemetry:" + KEY);
    Map<String, Object> worker = new LinkedHashMap<>(fastExport);
    worker.put("server.port", 0);
    system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral(),
            api,
            worker,
            app -> app.addPrimarySources(List.of(InMemorySpans.class)));
  }

  @AfterAll
  static void stopSystem() {
    system.close();
  }

  @Test
  void oneUploadIsOneTraceFromTheRequestThroughRelayAndWorkerToEveryPipelineStepAndTheWebhook()
      throws IOException {
    // A real receiver, so that the job's completion is delivered and that delivery is traced too.
    AtomicInteger received = new AtomicInteger();
    HttpServer receiver = receiver(received);
    String endpointId = register(receiver);
    String traceId;
    List<SpanData> trace;
    try {
      JsonNode accepted = upload(UploadToThumbnailsIT.corpus("S02_orientation_1.jpg"));
      traceId = accepted.get("traceId").asString();
      assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

      JsonNode job = awaitTimings(accepted.get("jobId").asString());
      assertThat(job.get("traceId").asString()).isEqualTo(traceId);
      trace = awaitTrace(traceId);
    } finally {
      receiver.stop(0);
      unregister(endpointId);
    }
    assertThat(received).hasPositiveValue();
    assertThat(trace)
        .as("the webhook attempt: its span, with the attempt and the receiver's status")
        .anyMatch(
            s ->
                s.getName().equals("webhook deliver job.succeeded")
                    && "204".equals(attribute(s, "http.response.status_code"))
                    && "1".equals(attribute(s, "webhook.attempt")));
    assertThat(trace.stream().map(s -> s.getResource().getAttributes().asMap().toString()))
        .as("spans from both services")
        .anyMatch(r -> r.contains("api-gateway"))
        .anyMatch(r -> r.contains("thumbnail-worker"));
    // Exactly one root: every other span's parent is in the same trace.
    Set<String> ids = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    assertThat(trace.stream().filter(s -> !ids.contains(s.getParentSpanId())))
        .as("roots")
        .hasSize(1);
    System.out.println("one job's trace " + traceId + ":\n" + asText(trace));
  }

  /** Awaits every span the job's trace must have, the successful webhook attempt among them. */
  private static List<SpanData> awaitTrace(String traceId) {

    Set<String> expected =
        Set.of(
            "outbox publish image.uploaded",
            "thumbnail job",
            "db claim",
            "s3 get original",
            "render ProbeHeader",
            "render Decode",
            "render Resize",
            "render Encode",
            "s3 put thumbnails",
            "db succeed",
            "outbox publish thumbnails.generated",
            "webhook deliver job.succeeded");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> names(spansOf(traceId)).containsAll(expected));
    List<SpanData> trace = spansOf(traceId);
    assertThat(trace)
        .as("the API's request span")
        .anyMatch(s -> s.getName().toLowerCase().contains("post"));
    return trace;
  }

  private static @Nullable String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  @ParameterizedTest(name = "{0} presets={1}")
  @CsvSource({
    "S11_tower_oneplus.jpg, all",
    "S11_tower_oneplus.jpg, small",
    "S10_nikon_d2h.jpg, all",
    "S26_astronaut_rgb.png, all",
    "S26_astronaut_rgb.png, small",
    "S32_video001_interlaced.gif, all",
    "S34_video001_deflate.tiff, all",
    "S42_yellow_rose_lossy.webp, all",
    "S43_video001_24bit.bmp, all"
  })
  void timingsAddUpFromClaimToSucceededAndRenderCpuIsMeasured(String file, String presets) {
    String query = presets.equals("all") ? "" : "?presets=" + presets;
    JsonNode job =
        awaitTimings(upload(UploadToThumbnailsIT.corpus(file), query).get("jobId").asString());
    JsonNode t = job.get("timings");

    long steps =
        t.get("downloadMs").asLong()
            + t.get("decodeMs").asLong()
            + t.get("resizeMs").asLong()
            + t.get("encodeMs").asLong()
            + t.get("uploadMs").asLong();
    long total = t.get("totalMs").asLong();
    // Each part is rounded down to whole ms on its own: six parts lose at most 6 ms together.
    assertThat(total - (steps + t.get("otherMs").asLong())).isBetween(0L, 6L);
    // Whole milliseconds, each rounded down: a tiny image (the 150x103 BMP) may decode, resize and
    // encode within one each; the photos never do.
    if (!file.endsWith(".bmp")) {
      assertThat(
              t.get("decodeMs").asLong() + t.get("resizeMs").asLong() + t.get("encodeMs").asLong())
          .isPositive();
    }
    assertThat(t.get("cpuMs").asLong()).as("render CPU").isPositive();
    assertThat(t.get("decodePeakBytes").asLong()).isPositive();
    // Upload to SUCCEEDED as the database saw it = queued + claim-to-SUCCEEDED, give or take the
    // claim's round trip and the SUCCEEDED commit, which totalMs includes and updatedAt (stamped as
    // that transaction starts) does not: a few ms on a quiet machine, 255 ms seen at load 20.
    long storedSpan =
        Duration.between(
                Instant.parse(job.get("createdAt").asString()),
                Instant.parse(job.get("updatedAt").asString()))
            .toMillis();
    assertThat(t.get("queuedMs").asLong() + total - storedSpan).isBetween(-250L, 1000L);
    JsonNode original = job.get("original");
    System.out.printf(
        "cost %s presets=%s %.1f MP: cpuMs=%d decodeMs=%d resizeMs=%d encodeMs=%d totalMs=%d"
            + " decodePeakBytes=%d%n",
        file,
        presets,
        original.get("width").asLong() * original.get("height").asLong() / 1e6,
        t.get("cpuMs").asLong(),
        t.get("decodeMs").asLong(),
        t.get("resizeMs").asLong(),
        t.get("encodeMs").asLong(),
        total,
        t.get("decodePeakBytes").asLong());
  }

  @Test
  void everyMetricTheDashboardAndAlertsNameIsExportedAfterAFewJobs() throws IOException {
    // A real receiver, so that the webhook delivery metrics the alerts use exist too.
    AtomicInteger received = new AtomicInteger();
    HttpServer receiver = receiver(received);
    String endpointId = register(receiver);
    try {
      for (String file : List.of("S02_orientation_1.jpg", "S21_yellow_rose_rgba.png")) {
        awaitTimings(upload(UploadToThumbnailsIT.corpus(file)).get("jobId").asString());
      }
      await().atMost(Duration.ofMinutes(2)).until(() -> received.get() >= 2);
    } finally {
      receiver.stop(0);
      unregister(endpointId);
    }
    Set<String> named = new TreeSet<>(MonitoringMetrics.inRules(MonitoringMetrics.rulesFile()));
    named.addAll(MonitoringMetrics.inDashboard(MonitoringMetrics.dashboardFile()));
    assertThat(named).contains("image_render_cpu_seconds_bucket", "image_service_outbox_backlog");

    String exported =
        scrape(system.apiManagementPort())
            + system.worker().getBean(PrometheusMeterRegistry.class).scrape();
    Set<String> missing =
        named.stream()
            .filter(name -> !exported.matches("(?s).*(^|\\n)" + name + "[{ ].*"))
            .collect(Collectors.toCollection(TreeSet::new));
    System.out.println("metrics named by the dashboard and alerts: " + named);
    assertThat(missing).as("named by the dashboard or the alerts but not exported").isEmpty();
  }

  /** A webhook receiver on loopback that counts what it receives and answers 204. */
  private static HttpServer receiver(AtomicInteger received) throws IOException {
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    return receiver;
  }

  /** Registers the receiver for both completion events; its endpoint id. */
  private static String register(HttpServer receiver) {
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    HttpResponse<String> registered =
        send(
            HttpRequest.newBuilder(api("/v1/webhooks"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"url\":\""
                            + url
                            + "\",\"events\":[\"job.succeeded\",\"job.failed\"]}")));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    return JSON.readTree(registered.body()).get("id").asString();
  }

  /** Removes the endpoint, so that no later test's jobs are owed to a stopped receiver. */
  private static void unregister(String endpointId) {
    HttpResponse<String> deleted =
        send(
            HttpRequest.newBuilder(api("/v1/webhooks/" + endpointId))
                .header("Authorization", "Bearer " + KEY)
                .DELETE());
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
  }

  private static String asText(List<SpanData> trace) {
    Map<String, SpanData> byId =
        trace.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s, (a, b) -> a));
    StringBuilder text = new StringBuilder();
    long start = trace.stream().mapToLong(SpanData::getStartEpochNanos).min().orElse(0);
    for (SpanData span :
        trace.stream().sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList()) {
      int depth = 0;
      for (SpanData p = byId.get(span.getParentSpanId());
          p != null;
          p = byId.get(p.getParentSpanId())) {
        depth++;
      }
      text.append(
          "%7.1f ms  %s%s  %.1f ms%n"
              .formatted(
                  (span.getStartEpochNanos() - start) / 1e6,
                  "  ".repeat(depth),
                  span.getName(),
                  (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6));
    }
    return text.toString();
  }

  private static List<SpanData> spansOf(String traceId) {
    return SPANS.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .toList();
  }

  private static Set<String> names(List<SpanData> spans) {
    return spans.stream().map(SpanData::getName).collect(Collectors.toSet());
  }

  private static JsonNode awaitTimings(String jobId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> job(jobId), j -> j.has("timings") || "FAILED".equals(status(j)));
    JsonNode job = job(jobId);
    assertThat(status(job)).as(job.toString()).isEqualTo("SUCCEEDED");
    return job;
  }

  private static String status(JsonNode job) {
    return job.get("status").asString();
  }

  private static JsonNode job(String jobId) {
    return JSON.readTree(
        send(HttpRequest.newBuilder(api("/v1/jobs/" + jobId))
                .header("Authorization", "Bearer " + KEY))
            .body());
  }

  private static JsonNode upload(Path file) {
    return upload(file, "");
  }

  private static JsonNode upload(Path file, String query) {
    try {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(api("/v1/images" + query))
                  .header("Authorization", "Bearer " + KEY)
                  .header("Content-Type", "application/octet-stream")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(file))));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String scrape(int port) {
    return send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/actuator/prometheus")))
        .body();
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

  private static URI api(String path) {
    return URI.create("http://localhost:" + system.apiPort() + path);
  }
}
