package dev.imageservice.deploy.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StorageClass;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every built-in manifest is valid against the Kubernetes API schema of its kind, strictly: the
 * official Java client's generated models reject unknown fields, wrong types and missing required
 * fields ({@code validateJsonElement}). Custom resources go to {@link CustomResourceSchemaTest}.
 */
class KubernetesSchemaTest {

  /** Validates one JSON manifest, throwing when it does not conform. */
  @FunctionalInterface
  interface Validator {
    void validate(JsonElement json) throws IOException;
  }

  static final Map<String, Validator> VALIDATORS =
      Map.of(
          "apps/v1/Deployment", V1Deployment::validateJsonElement,
          "v1/Service", V1Service::validateJsonElement,
          "networking.k8s.io/v1/Ingress", V1Ingress::validateJsonElement,
          "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy::validateJsonElement,
          "v1/ConfigMap", V1ConfigMap::validateJsonElement,
          "v1/ServiceAccount", V1ServiceAccount::validateJsonElement,
          "v1/PersistentVolumeClaim", V1PersistentVolumeClaim::validateJsonElement,
          "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget::validateJsonElement,
          "storage.k8s.io/v1/StorageClass", V1StorageClass::validateJsonElement,
          "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler::validateJsonElement);

  static final Set<String> CUSTOM_RESOURCES =
      Set.of(
          "keda.sh/v1alpha1/ScaledObject",
          "keda.sh/v1alpha1/TriggerAuthentication",
          "external-secrets.io/v1/ExternalSecret",
          "monitoring.coreos.com/v1/PodMonitor",
          "monitoring.coreos.com/v1/PrometheusRule");

  @ParameterizedTest
  @ValueSource(
      strings = {"dev", "staging", "prod", "dev-generated", "staging-generated", "prod-generated"})
  void everyBuiltInManifestConformsToItsKubernetesSchema(String environment) {
    List<String> problems = new ArrayList<>();
    for (JsonObject manifest : RenderedChart.of(environment).manifests()) {
      String type = typeOf(manifest);
      if (CUSTOM_RESOURCES.contains(type)) {
        continue;
      }
      Validator validator = VALIDATORS.get(type);
      if (validator == null) {
        problems.add(type + ": no schema check for this kind");
        continue;
      }
      try {
        validator.validate(manifest);
      } catch (IOException | RuntimeException e) {
        problems.add(type + " " + nameOf(manifest) + ": " + e.getMessage());
      }
    }
    assertThat(problems).isEmpty();
  }

  static String typeOf(JsonObject manifest) {
    return manifest.get("apiVersion").getAsString() + "/" + manifest.get("kind").getAsString();
  }

  static String nameOf(JsonObject manifest) {
    return manifest.getAsJsonObject("metadata").get("name").getAsString();
  }
}
