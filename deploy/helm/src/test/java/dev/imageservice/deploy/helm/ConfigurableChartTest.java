package dev.imageservice.deploy.helm;

import static dev.imageservice.deploy.helm.PodSpecs.container;
import static dev.imageservice.deploy.helm.PodSpecs.objects;
import static dev.imageservice.deploy.helm.PodSpecs.secretKeyRefs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart is configured, not forked: any application property set under {@code config:} in the
 * values lands in the services' configuration files (as a later YAML document, which Spring lets
 * override the chart's own), the schema refuses what is not a property value, and the admin keys
 * come from the External Secret like the tenants' keys.
 */
class ConfigurableChartTest {

  @TempDir Path dir;

  @Test
  void aPropertySetThroughConfigReachesTheServicesThatShareIt() throws IOException {
    Path values =
        values(
            """
            config:
              shared:
                image-service.limits.max-bytes: 20MB
                image-service.presets[0].name: hero
                image-service.presets[0].width: 2048
                image-service.presets[0].quality: 85
              api:
                image-service.upload.max-size: 10MB
                image-service.rate-limit.enabled: false
              worker:
                image-service.render.warm-up: false
                image-service.limits.max-bytes: 30MB
            """);
    JsonObject configMap = render(values).get("ConfigMap", "image-service-config");
    List<JsonNode> api = documents(configMap, "api-gateway.yml");
    List<JsonNode> worker = documents(configMap, "thumbnail-worker.yml");

    assertThat(api).hasSize(2);
    JsonNode apiOwn = api.get(1);
    assertThat(apiOwn.get("image-service.limits.max-bytes").asString()).isEqualTo("20MB");
    assertThat(apiOwn.get("image-service.presets[0].name").asString()).isEqualTo("hero");
    assertThat(apiOwn.get("image-service.presets[0].quality").asInt()).isEqualTo(85);
    assertThat(apiOwn.get("image-service.upload.max-size").asString()).isEqualTo("10MB");
    assertThat(apiOwn.get("image-service.rate-limit.enabled").asBoolean()).isFalse();
    assertThat(apiOwn.has("image-service.render.warm-up")).isFalse();

    assertThat(worker).hasSize(2);
    JsonNode workerOwn = worker.get(1);
    assertThat(workerOwn.get("image-service.presets[0].name").asString()).isEqualTo("hero");
    assertThat(workerOwn.get("image-service.render.warm-up").asBoolean()).isFalse();
    // A service's own value wins over the shared one.
    assertThat(workerOwn.get("image-service.limits.max-bytes").asString()).isEqualTo("30MB");
    assertThat(workerOwn.has("image-service.upload.max-size")).isFalse();
  }

  @Test
  void withoutConfigTheFilesAreTheChartsAlone() {
    JsonObject configMap = RenderedChart.of("dev").get("ConfigMap", "image-service-config");
    assertThat(documents(configMap, "api-gateway.yml")).hasSize(1);
    assertThat(documents(configMap, "thumbnail-worker.yml")).hasSize(1);
  }

  @Test
  void theSchemaRefusesWhatIsNotAPropertyValue() throws IOException {
    Path nested =
        values(
            """
            config:
              api:
                image-service:
                  upload: {max-size: 10MB}
            """);
    assertThatThrownBy(() -> render(nested)).hasMessageContaining("config");
    Path badName =
        values(
            """
            config:
              shared:
                "Image Service": 1
            """);
    assertThatThrownBy(() -> render(badName))
        .hasMessageContaining("'Image Service' does not match pattern");
    Path unknownMap = values("config:\n  gateway: {}\n");
    assertThatThrownBy(() -> render(unknownMap)).hasMessageContaining("gateway");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void adminKeysComeFromTheExternalSecret(String env) {
    RenderedChart chart = RenderedChart.of(env);
    JsonObject secret = chart.get("ExternalSecret", "image-service-secrets");
    JsonObject adminKeys =
        objects(secret.getAsJsonObject("spec").getAsJsonArray("data")).stream()
            .filter(d -> d.get("secretKey").getAsString().equals("admin-keys"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no admin-keys in the ExternalSecret"));
    assertThat(adminKeys.getAsJsonObject("remoteRef").get("key").getAsString())
        .isEqualTo("image-service/" + env + "/admin-keys");

    JsonObject api =
        container(chart.get("Deployment", "image-service-deployment"), "containers", "api-gateway");
    assertThat(secretKeyRefs(api).get("image-service-secrets")).contains("api-keys", "admin-keys");
    JsonObject adminEnv =
        objects(api.getAsJsonArray("env")).stream()
            .filter(e -> e.get("name").getAsString().equals("IMAGE_SERVICE_ADMIN_KEYS"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("IMAGE_SERVICE_ADMIN_KEYS not set"));
    assertThat(
            adminEnv
                .getAsJsonObject("valueFrom")
                .getAsJsonObject("secretKeyRef")
                .get("key")
                .getAsString())
        .isEqualTo("admin-keys");
  }

  private Path values(String yaml) throws IOException {
    Path file = dir.resolve("config-" + Math.abs(yaml.hashCode()) + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static RenderedChart render(Path extraValues) {
    String yaml =
        new Helm(RenderedChart.chartDir())
            .template()
            .withName("image-service")
            .withNamespace(RenderedChart.NAMESPACE)
            .withKubeVersion("1.33.0")
            .withValuesFile(RenderedChart.chartDir().resolve("values-dev.yaml"))
            .withValuesFile(extraValues)
            .set("ingress.originVerify.value", RenderedChart.ORIGIN_VERIFY_VALUE)
            .call();
    return RenderedChart.parsed("config", yaml);
  }

  private static List<JsonNode> documents(JsonObject configMap, String file) {
    String text = configMap.getAsJsonObject("data").get(file).getAsString();
    try (MappingIterator<JsonNode> docs =
        new YAMLMapper().readerFor(JsonNode.class).readValues(text)) {
      return docs.readAll().stream().filter(d -> d != null && !d.isNull()).toList();
    }
  }
}
