package dev.imageservice.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chart's monitoring for clusters with the Prometheus Operator: the alerts pass {@code promtool
 * check rules} (Debian package {@code prometheus}; .ci/run installs it) and each links to its
 * runbook section in docs/operations.md, the Grafana dashboard is a ConfigMap the sidecar loads,
 * and KEDA scales on queue length and on the age of the oldest message, down to zero where asked.
 */
class MonitoringTest {

  static final Set<String> ALERTS =
      Set.of(
          "ImageServiceOldestMessageTooOld",
          "ImageServiceDeadLetters",
          "ImageServiceJobFailureRatio",
          "ImageServiceRenderP99Slow",
          "ImageServiceWorkersSaturated",
          "ImageServiceOutboxBacklog",
          "ImageServiceWebhookFailures");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void everyAlertLinksToItsRunbookSectionInTheOperationsGuide(String env) throws IOException {
    List<JsonObject> rules = rules(env);
    assertThat(rules.stream().map(r -> r.get("alert").getAsString()))
        .containsExactlyInAnyOrderElementsOf(ALERTS);
    Set<String> anchors = headingAnchors(Files.readString(operationsGuide()));
    for (JsonObject rule : rules) {
      String url = rule.getAsJsonObject("annotations").get("runbook_url").getAsString();
      assertThat(url).as(rule.get("alert").getAsString()).contains("/docs/operations.md#alert-");
      assertThat(anchors).as(url).contains(url.substring(url.indexOf('#') + 1));
    }
  }

  @Test
  void renderedAlertsPassPromtool() throws Exception {
    Path promtool = onPath("promtool");
    assumeTrue(
        promtool != null,
        "promtool is not installed (Debian package prometheus: apt-get install prometheus, as"
            + " .ci/run does): the rules were NOT checked by promtool");
    JsonObject spec =
        RenderedChart.of("prod")
            .get("PrometheusRule", "image-service-alerts")
            .getAsJsonObject("spec");
    Path file = RenderedChart.renderedDir().resolve("prod-prometheus-rules.json");
    Files.createDirectories(file.getParent());
    // JSON is YAML: promtool reads the rendered spec ({groups: [...]}) as it is.
    Files.writeString(file, spec.toString());
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS: " + ALERTS.size() + " rules found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void dashboardIsAConfigMapGrafanasSidecarLoads(String env) {
    JsonObject map = RenderedChart.of(env).get("ConfigMap", "image-service-dashboard");
    assertThat(map.getAsJsonObject("metadata").getAsJsonObject("labels").get("grafana_dashboard"))
        .hasToString("\"1\"");
    JsonObject dashboard =
        JsonParser.parseString(map.getAsJsonObject("data").get("image-service.json").getAsString())
            .getAsJsonObject();
    assertThat(dashboard.get("uid").getAsString()).isEqualTo("image-service");
    assertThat(dashboard.getAsJsonArray("panels").size()).isGreaterThan(10);
  }

  @Test
  void withoutThePrometheusOperatorTheDefaultsRenderNoRulesAndNoDashboard() {
    RenderedChart defaults = RenderedChart.defaults();
    assertThat(defaults.ofKind("PrometheusRule")).isEmpty();
    assertThat(
            defaults.ofKind("ConfigMap").stream()
                .map(m -> m.getAsJsonObject("metadata").get("name").getAsString()))
        .doesNotContain("image-service-dashboard");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void workersScaleOnQueueLengthAndOnTheAgeOfTheOldestMessage(String env) {
    JsonObject spec =
        RenderedChart.of(env)
            .get("ScaledObject", "thumbnail-worker-scaler")
            .getAsJsonObject("spec");
    List<JsonObject> triggers = PodSpecs.objects(spec.getAsJsonArray("triggers"));
    assertThat(triggers.stream().map(t -> t.get("type").getAsString()))
        .containsExactly("aws-sqs-queue", "aws-cloudwatch");
    JsonObject age = triggers.get(1).getAsJsonObject("metadata");
    assertThat(age.get("namespace").getAsString()).isEqualTo("AWS/SQS");
    assertThat(age.get("metricName").getAsString()).isEqualTo("ApproximateAgeOfOldestMessage");
    assertThat(age.get("dimensionName").getAsString()).isEqualTo("QueueName");
    assertThat(triggers.get(0).getAsJsonObject("metadata").get("queueURL").getAsString())
        .endsWith("/" + age.get("dimensionValue").getAsString());
    assertThat(Integer.parseInt(age.get("targetMetricValue").getAsString())).isPositive();
    assertThat(triggers.get(1).getAsJsonObject("authenticationRef").get("name").getAsString())
        .isEqualTo("thumbnail-worker-keda-auth");
    int min = spec.get("minReplicaCount").getAsInt();
    if (env.equals("dev")) {
      assertThat(min).as("dev scales to zero").isZero();
    } else {
      assertThat(min).as(env + " keeps a worker warm").isPositive();
    }
  }

  private static List<JsonObject> rules(String env) {
    List<JsonObject> rules = new ArrayList<>();
    JsonObject spec =
        RenderedChart.of(env).get("PrometheusRule", "image-service-alerts").getAsJsonObject("spec");
    for (JsonElement group : spec.getAsJsonArray("groups")) {
      rules.addAll(PodSpecs.objects(group.getAsJsonObject().getAsJsonArray("rules")));
    }
    return rules;
  }

  // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens.
  static Set<String> headingAnchors(String markdown) {
    Matcher m = Pattern.compile("(?m)^#{1,6} (.+)$").matcher(markdown);
    List<String> anchors = new ArrayList<>();
    while (m.find()) {
      anchors.add(
          m.group(1)
              .trim()
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9 _-]", "")
              .replace(' ', '-'));
    }
    return anchors.stream().collect(Collectors.toSet());
  }

  private static Path operationsGuide() {
    return RenderedChart.chartDir()
        .toAbsolutePath()
        .getParent()
        .getParent()
        .getParent()
        .resolve("docs/operations.md");
  }

  private static Path onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
