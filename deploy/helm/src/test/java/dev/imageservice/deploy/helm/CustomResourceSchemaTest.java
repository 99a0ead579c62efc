package dev.imageservice.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The custom resources (KEDA ScaledObject and TriggerAuthentication, External Secrets'
 * ExternalSecret, the Prometheus Operator's PodMonitor) are valid against the schemas their projects publish, as packaged by npm's
 * {@code @kubernetes-models/keda}, {@code @kubernetes-models/external-secrets} and {@code
 * @kubernetes-models/prometheus-operator} (installed into
 * {@code target/npm} by {@code npm ci} from the committed lock file). Those schemas do not reject
 * unknown fields, so the KEDA objects' keys are also checked against KEDA's documented fields.
 */
class CustomResourceSchemaTest {

  // keda.sh/v1alpha1 ScaledObject.spec and its trigger fields (KEDA 2.17 reference).
  private static final Set<String> SCALED_OBJECT_SPEC =
      Set.of(
          "scaleTargetRef",
          "pollingInterval",
          "cooldownPeriod",
          "initialCooldownPeriod",
          "idleReplicaCount",
          "minReplicaCount",
          "maxReplicaCount",
          "fallback",
          "advanced",
          "triggers");
  private static final Set<String> TRIGGER =
      Set.of("type", "metadata", "name", "useCachedMetrics", "authenticationRef", "metricType");
  // KEDA's aws-sqs-queue scaler parameters.
  // KEDA's aws-cloudwatch scaler parameters (the oldest message's age).
  private static final Set<String> CLOUDWATCH_TRIGGER_METADATA =
      Set.of(
          "namespace",
          "metricName",
          "dimensionName",
          "dimensionValue",
          "expression",
          "metricStat",
          "metricStatPeriod",
          "metricCollectionTime",
          "metricEndTimeOffset",
          "metricUnit",
          "targetMetricValue",
          "activationTargetMetricValue",
          "minMetricValue",
          "ignoreNullValues",
          "awsRegion",
          "awsEndpoint",
          "identityOwner");
  private static final Set<String> SQS_TRIGGER_METADATA =
      Set.of(
          "queueURL",
          "queueURLFromEnv",
          "queueLength",
          "activationQueueLength",
          "awsRegion",
          "awsEndpoint",
          "identityOwner",
          "scaleOnInFlight",
          "scaleOnDelayed");

  @ParameterizedTest
  @ValueSource(
      strings = {"dev", "staging", "prod", "dev-generated", "staging-generated", "prod-generated"})
  void customResourcesConformToTheirPublishedSchemas(String environment) throws Exception {
    Path dir = RenderedChart.renderedDir().resolve(environment + "-custom-resources");
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of("node", validator().toString()));
    int index = 0;
    for (JsonObject manifest : RenderedChart.of(environment).manifests()) {
      if (KubernetesSchemaTest.CUSTOM_RESOURCES.contains(KubernetesSchemaTest.typeOf(manifest))) {
        Path file = dir.resolve(index++ + "-" + KubernetesSchemaTest.nameOf(manifest) + ".json");
        Files.writeString(file, manifest.toString());
        command.add(file.toString());
      }
    }
    assertThat(index).as("custom resources rendered").isEqualTo(5);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"dev", "staging", "prod", "dev-generated", "staging-generated", "prod-generated"})
  void scaledObjectUsesOnlyKnownKedaFields(String environment) {
    JsonObject scaledObject =
        RenderedChart.of(environment).get("ScaledObject", "thumbnail-worker-scaler");
    assertThat(unknownKedaFields(scaledObject)).isEmpty();
  }

  @Test
  void aWrongFieldNameInTheRenderedScaledObjectIsCaught() {
    JsonObject scaledObject =
        RenderedChart.of("prod" + GeneratedValues.SUFFIX)
            .get("ScaledObject", "thumbnail-worker-scaler")
            .deepCopy();
    JsonObject spec = scaledObject.getAsJsonObject("spec");
    spec.add("minReplicas", spec.remove("minReplicaCount")); // the HPA's name, not KEDA's
    JsonObject sqs =
        spec.getAsJsonArray("triggers").get(0).getAsJsonObject().getAsJsonObject("metadata");
    sqs.add("queueUrl", sqs.remove("queueURL"));
    assertThat(unknownKedaFields(scaledObject))
        .containsExactlyInAnyOrder(
            "spec.minReplicas", "sqs metadata.queueUrl", "sqs metadata missing queueURL");
  }

  /** Fields of a ScaledObject that KEDA does not define (its CRD schema would drop them). */
  static List<String> unknownKedaFields(JsonObject scaledObject) {
    List<String> unknown = new ArrayList<>();
    JsonObject spec = scaledObject.getAsJsonObject("spec");
    spec.keySet().stream()
        .filter(k -> !SCALED_OBJECT_SPEC.contains(k))
        .forEach(k -> unknown.add("spec." + k));
    for (var trigger : spec.getAsJsonArray("triggers")) {
      JsonObject t = trigger.getAsJsonObject();
      t.keySet().stream()
          .filter(k -> !TRIGGER.contains(k))
          .forEach(k -> unknown.add("trigger." + k));
      String type = t.get("type").getAsString();
      Set<String> known =
          switch (type) {
            case "aws-cloudwatch" -> CLOUDWATCH_TRIGGER_METADATA;
            case "aws-sqs-queue" -> SQS_TRIGGER_METADATA;
            default -> Set.of();
          };
      String label = type.equals("aws-sqs-queue") ? "sqs" : type;
      t.getAsJsonObject("metadata").keySet().stream()
          .filter(k -> !known.contains(k))
          .forEach(k -> unknown.add(label + " metadata." + k));
      List<String> required =
          type.equals("aws-sqs-queue")
              ? List.of("queueURL", "queueLength", "awsRegion")
              : List.of("namespace", "metricName", "targetMetricValue", "awsRegion");
      required.stream()
          .filter(k -> !t.getAsJsonObject("metadata").has(k))
          .forEach(k -> unknown.add(label + " metadata missing " + k));
    }
    return unknown;
  }

  private static Path validator() throws IOException {
    Path npm = Path.of(System.getProperty("npm.dir", "target/npm"));
    Path script = npm.resolve("validate-crds.mjs");
    assertThat(npm.resolve("node_modules/@kubernetes-models/keda"))
        .as("npm ci has installed the schema packages (generate-test-resources)")
        .isDirectory();
    return script.toAbsolutePath();
  }
}
