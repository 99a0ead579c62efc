package dev.imageservice.deploy.helm;

import static dev.imageservice.deploy.helm.PodSpecs.container;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Only the API's migration-init migrates, as the migration role; the workers' only waits (flyway
 * validate in a loop) as the runtime role; the services themselves never run Flyway. A scale-out of
 * workers therefore never queues on Flyway's lock (MigrationRolesTest runs both against
 * PostgreSQL).
 */
class MigrationInitTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void onlyTheApiMigratesAndAsTheMigrationRole(String env) {
    RenderedChart chart = RenderedChart.of(env);
    JsonObject api =
        container(
            chart.get("Deployment", "image-service-deployment"),
            "initContainers",
            "migration-init");
    assertThat(api.get("args").toString()).isEqualTo("[\"migrate\"]");
    assertThat(secretKeys(api))
        .containsEntry("FLYWAY_USER", "db-migration-username")
        .containsEntry("FLYWAY_PASSWORD", "db-migration-password")
        .containsEntry("FLYWAY_PLACEHOLDERS_RUNTIMEUSER", "db-username");

    JsonObject worker =
        container(
            chart.get("Deployment", "thumbnail-worker-deployment"),
            "initContainers",
            "migration-init");
    assertThat(worker.toString()).doesNotContain("migrate\"").contains("flyway validate");
    assertThat(secretKeys(worker))
        .containsEntry("FLYWAY_USER", "db-username")
        .doesNotContainValue("db-migration-username")
        .doesNotContainValue("db-migration-password");

    for (String deployment :
        new String[] {"image-service-deployment", "thumbnail-worker-deployment"}) {
      for (String name : new String[] {"api-gateway", "thumbnail-worker"}) {
        if (deployment.startsWith("image-service") == name.equals("api-gateway")) {
          JsonObject service = container(chart.get("Deployment", deployment), "containers", name);
          assertThat(values(service)).containsEntry("SPRING_FLYWAY_ENABLED", "false");
          assertThat(secretKeys(service)).doesNotContainValue("db-migration-password");
        }
      }
    }
  }

  private static Map<String, String> secretKeys(JsonObject container) {
    Map<String, String> keys = new HashMap<>();
    for (JsonElement e : container.getAsJsonArray("env")) {
      JsonObject var = e.getAsJsonObject();
      if (var.has("valueFrom") && var.getAsJsonObject("valueFrom").has("secretKeyRef")) {
        keys.put(
            var.get("name").getAsString(),
            var.getAsJsonObject("valueFrom")
                .getAsJsonObject("secretKeyRef")
                .get("key")
                .getAsString());
      }
    }
    return keys;
  }

  private static Map<String, String> values(JsonObject container) {
    Map<String, String> values = new HashMap<>();
    for (JsonElement e : container.getAsJsonArray("env")) {
      JsonObject var = e.getAsJsonObject();
      if (var.has("value")) {
        values.put(var.get("name").getAsString(), var.get("value").getAsString());
      }
    }
    return values;
  }
}
