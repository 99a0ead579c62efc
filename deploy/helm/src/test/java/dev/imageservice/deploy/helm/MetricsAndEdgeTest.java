package dev.imageservice.deploy.helm;

import static dev.imageservice.deploy.helm.NetworkPolicyTest.containerPort;
import static dev.imageservice.deploy.helm.PodSpecs.container;
import static dev.imageservice.deploy.helm.PodSpecs.mountPath;
import static dev.imageservice.deploy.helm.PodSpecs.objects;
import static dev.imageservice.deploy.helm.PodSpecs.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Actuator lives on a {@code metrics} port that no Service exposes (PodMonitor and scrape
 * annotations only), the probes and the ALB health check use /livez and /readyz on the main port,
 * OpenAPI stays off, thumbnail links are CloudFront-signed with the key from the ExternalSecret,
 * and the ALB forwards only requests with CloudFront's origin header.
 */
class MetricsAndEdgeTest {

  private static final Map<String, String> MAINS =
      Map.of(
          "image-service-deployment",
          "api-gateway",
          "thumbnail-worker-deployment",
          "thumbnail-worker");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void metricsAreOnTheirOwnPortScrapedByPodMonitorAndAnnotationsAndInNoService(String env) {
    RenderedChart chart = RenderedChart.of(env);
    Map<String, String> config = strings(configMap(chart));
    MAINS.forEach(
        (deployment, name) -> {
          String http = containerPort(chart, deployment, "http");
          String metrics = containerPort(chart, deployment, "metrics");
          assertThat(metrics).isNotEqualTo(http);
          JsonNode app = yaml(config.get(name + ".yml"));
          assertThat(app.at("/server/port").asString()).isEqualTo(http);
          assertThat(app.at("/management/server/port").asString()).isEqualTo(metrics);
          assertThat(app.at("/management/endpoint/health/probes/add-additional-paths").asBoolean())
              .isTrue();
          Map<String, String> annotations =
              strings(
                  chart
                      .get("Deployment", deployment)
                      .getAsJsonObject("spec")
                      .getAsJsonObject("template")
                      .getAsJsonObject("metadata")
                      .getAsJsonObject("annotations"));
          assertThat(annotations)
              .containsEntry("prometheus.io/scrape", "true")
              .containsEntry("prometheus.io/port", metrics)
              .containsEntry("prometheus.io/path", "/actuator/prometheus");
        });
    for (JsonObject service : chart.ofKind("Service")) {
      Set<String> targets =
          objects(service.getAsJsonObject("spec").getAsJsonArray("ports")).stream()
              .map(p -> p.get("targetPort").getAsString())
              .collect(Collectors.toSet());
      assertThat(targets)
          .doesNotContain(
              "metrics",
              containerPort(chart, "image-service-deployment", "metrics"),
              containerPort(chart, "thumbnail-worker-deployment", "metrics"));
    }
    JsonObject monitor = chart.get("PodMonitor", "image-service-metrics").getAsJsonObject("spec");
    JsonObject endpoint = objects(monitor.getAsJsonArray("podMetricsEndpoints")).getFirst();
    assertThat(endpoint.get("port").getAsString()).isEqualTo("metrics");
    assertThat(endpoint.get("path").getAsString()).isEqualTo("/actuator/prometheus");
    assertThat(monitor.getAsJsonObject("selector").toString())
        .contains("api-gateway", "thumbnail-worker");
  }

  @Test
  void withoutThePrometheusOperatorTheDefaultsRenderNoPodMonitor() {
    RenderedChart defaults = RenderedChart.defaults();
    assertThat(defaults.ofKind("PodMonitor")).isEmpty();
    assertThat(defaults.ofKind("Deployment")).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void openApiAndSwaggerStayOffInTheCluster(String env) {
    JsonNode api = yaml(strings(configMap(RenderedChart.of(env))).get("api-gateway.yml"));
    assertThat(api.at("/springdoc/api-docs/enabled").asBoolean(true)).isFalse();
    assertThat(api.at("/springdoc/swagger-ui/enabled").asBoolean(true)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void theApiSignsThumbnailLinksWithTheKeyTheExternalSecretMounts(String env) {
    RenderedChart chart = RenderedChart.of(env);
    Map<String, String> config = strings(configMap(chart));
    JsonNode api = yaml(config.get("api-gateway.yml"));
    JsonNode worker = yaml(config.get("thumbnail-worker.yml"));
    JsonNode cloudfront = api.at("/image-service/storage/cloudfront");
    assertThat(cloudfront.at("/domain").asString()).endsWith(".cloudfront.net");
    assertThat(cloudfront.at("/key-pair-id").asString()).startsWith("K");
    String keyFile = cloudfront.at("/private-key-file").asString();
    JsonObject deployment = chart.get("Deployment", "image-service-deployment");
    String mount =
        mountPath(container(deployment, "containers", "api-gateway"), "thumbnail-signing-key");
    JsonObject volume =
        PodSpecs.volume(deployment, "thumbnail-signing-key").getAsJsonObject("secret");
    JsonObject item = objects(volume.getAsJsonArray("items")).getFirst();
    assertThat(mount + "/" + item.get("path").getAsString()).isEqualTo(keyFile);
    List<String> provided =
        objects(
                chart
                    .get("ExternalSecret", volume.get("secretName").getAsString())
                    .getAsJsonObject("spec")
                    .getAsJsonArray("data"))
            .stream()
            .filter(d -> d.get("secretKey").getAsString().equals(item.get("key").getAsString()))
            .map(d -> d.getAsJsonObject("remoteRef").get("key").getAsString())
            .toList();
    assertThat(provided).containsExactly("image-service/" + env + "/thumbnail-signing-key");
    assertThat(worker.at("/image-service/storage/thumbnail-cache-max-age").asString())
        .as("browser caches never outlive a link")
        .isEqualTo(api.at("/image-service/storage/thumbnail-url-ttl").asString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void theAlbForwardsOnlyRequestsCarryingCloudFrontsOriginHeaderAndAnswersTheRest403(String env) {
    JsonObject ingress = RenderedChart.of(env).get("Ingress", "image-service-ingress");
    Map<String, String> annotations =
        strings(ingress.getAsJsonObject("metadata").getAsJsonObject("annotations"));
    JsonNode conditions =
        yaml(annotations.get("alb.ingress.kubernetes.io/conditions.image-service-svc"));
    assertThat(conditions.at("/0/field").asString()).isEqualTo("http-header");
    assertThat(conditions.at("/0/httpHeaderConfig/httpHeaderName").asString())
        .isEqualTo("X-Origin-Verify");
    assertThat(conditions.at("/0/httpHeaderConfig/values/0").asString())
        .isEqualTo(RenderedChart.ORIGIN_VERIFY_VALUE);
    JsonObject fallback =
        ingress
            .getAsJsonObject("spec")
            .getAsJsonObject("defaultBackend")
            .getAsJsonObject("service");
    assertThat(fallback.getAsJsonObject("port").get("name").getAsString())
        .isEqualTo("use-annotation");
    JsonNode action =
        yaml(
            annotations.get(
                "alb.ingress.kubernetes.io/actions." + fallback.get("name").getAsString()));
    assertThat(action.at("/type").asString()).isEqualTo("fixed-response");
    assertThat(action.at("/fixedResponseConfig/statusCode").asString()).isEqualTo("403");
    assertThat(annotations)
        .containsEntry("alb.ingress.kubernetes.io/healthcheck-path", "/readyz")
        .containsEntry("alb.ingress.kubernetes.io/healthcheck-port", "traffic-port");
  }

  @Test
  void withoutTheOriginSecretTheAlbForwardsNothing() {
    JsonObject ingress = RenderedChart.defaults().get("Ingress", "image-service-ingress");
    assertThat(ingress.getAsJsonObject("spec").has("rules")).as("no rule forwards").isFalse();
    assertThat(ingress.getAsJsonObject("spec").has("defaultBackend")).isTrue();
  }

  private static JsonObject configMap(RenderedChart chart) {
    return chart.get("ConfigMap", "image-service-config").getAsJsonObject("data");
  }

  private static JsonNode yaml(String text) {
    return new YAMLMapper().readTree(text);
  }
}
