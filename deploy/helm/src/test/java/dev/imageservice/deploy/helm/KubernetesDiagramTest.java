package dev.imageservice.deploy.helm;

import static dev.imageservice.deploy.helm.PodSpecs.container;
import static dev.imageservice.deploy.helm.PodSpecs.mountPath;
import static dev.imageservice.deploy.helm.PodSpecs.objects;
import static dev.imageservice.deploy.helm.PodSpecs.podLabels;
import static dev.imageservice.deploy.helm.PodSpecs.podSpec;
import static dev.imageservice.deploy.helm.PodSpecs.secretKeyRefs;
import static dev.imageservice.deploy.helm.PodSpecs.strings;
import static dev.imageservice.deploy.helm.PodSpecs.volume;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every box and arrow of the Kubernetes diagram (shared/design/seed-deployment.md) in the rendered
 * chart: Deployment → ReplicaSet (3 replicas) → pod template (image-service:v1.0.0, migration-init,
 * fluent-bit); Container → ConfigMap, Secret, ServiceAccount, PVC; Service → Container; Ingress →
 * Service.
 */
class KubernetesDiagramTest {

  private static final String DEPLOYMENT = "image-service-deployment";

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void deploymentRunsAReplicaSetOfThreeWithTheDiagramsPodTemplate(String env) {
    JsonObject deployment = RenderedChart.of(env).get("Deployment", DEPLOYMENT);
    // Three replicas at least: the HPA's minimum; the Deployment leaves replicas to it.
    JsonObject hpa = RenderedChart.of(env).get("HorizontalPodAutoscaler", "image-service-hpa");
    assertThat(hpa.getAsJsonObject("spec").get("minReplicas").getAsInt()).isGreaterThanOrEqualTo(3);
    assertThat(
            hpa.getAsJsonObject("spec").getAsJsonObject("scaleTargetRef").get("name").getAsString())
        .isEqualTo(DEPLOYMENT);
    assertThat(deployment.getAsJsonObject("spec").has("replicas")).isFalse();
    JsonObject api = container(deployment, "containers", "api-gateway");
    assertThat(api.get("image").getAsString()).endsWith("/image-service:v1.0.0");
    JsonObject migration = container(deployment, "initContainers", "migration-init");
    assertThat(migration.get("args").toString()).contains("migrate");
    JsonObject fluentBit = container(deployment, "initContainers", "fluent-bit");
    assertThat(fluentBit.get("restartPolicy").getAsString())
        .as("native sidecar")
        .isEqualTo("Always");
    assertThat(mountPath(fluentBit, "logs")).isEqualTo(mountPath(api, "logs"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void containerReadsItsConfigMapAndTheConfigPointsAtTheMountedFiles(String env) {
    RenderedChart chart = RenderedChart.of(env);
    JsonObject deployment = chart.get("Deployment", DEPLOYMENT);
    JsonObject api = container(deployment, "containers", "api-gateway");
    JsonObject config = volume(deployment, "config").getAsJsonObject("configMap");
    assertThat(config.get("name").getAsString()).isEqualTo("image-service-config");
    String mount = mountPath(api, "config");
    assertThat(envValue(api, "SPRING_CONFIG_ADDITIONAL_LOCATION")).endsWith(mount + "/");
    Map<String, String> data =
        strings(chart.get("ConfigMap", "image-service-config").getAsJsonObject("data"));
    assertThat(data).containsKeys("api-gateway.yml", "thumbnail-worker.yml");
    assertThat(data.get("api-gateway.yml"))
        .contains("topic-arn: arn:aws:sns:", "images-bucket: images-bucket-" + env);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void containerReadsOnlyKeysTheExternalSecretProvides(String env) {
    RenderedChart chart = RenderedChart.of(env);
    JsonObject secret = chart.get("ExternalSecret", "image-service-secrets");
    JsonObject spec = secret.getAsJsonObject("spec");
    assertThat(spec.getAsJsonObject("target").get("name").getAsString())
        .isEqualTo("image-service-secrets");
    Set<String> provided =
        objects(spec.getAsJsonArray("data")).stream()
            .map(d -> d.get("secretKey").getAsString())
            .collect(Collectors.toCollection(java.util.HashSet::new));
    // Keys the ExternalSecret's template renders from those (api-keys: tenant:key entries).
    JsonObject template = spec.getAsJsonObject("target").getAsJsonObject("template");
    if (template != null) {
      provided.addAll(template.getAsJsonObject("data").keySet());
    }
    for (JsonObject deployment : chart.ofKind("Deployment")) {
      for (String list : List.of("containers", "initContainers")) {
        for (JsonObject c : objects(podSpec(deployment).getAsJsonArray(list))) {
          secretKeyRefs(c)
              .forEach(
                  (name, keys) -> {
                    assertThat(name).isEqualTo("image-service-secrets");
                    assertThat(provided).containsAll(keys);
                  });
        }
      }
    }
    assertThat(
            secretKeyRefs(
                container(chart.get("Deployment", DEPLOYMENT), "containers", "api-gateway")))
        .containsKey("image-service-secrets");
    assertThat(chart.ofKind("Secret")).as("no secret values in the chart").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void podsRunAsTheirIrsaServiceAccounts(String env) {
    RenderedChart chart = RenderedChart.of(env);
    Map<String, String> accounts =
        Map.of(
            DEPLOYMENT, "image-service-sa", "thumbnail-worker-deployment", "thumbnail-worker-sa");
    accounts.forEach(
        (deployment, account) -> {
          assertThat(
                  podSpec(chart.get("Deployment", deployment))
                      .get("serviceAccountName")
                      .getAsString())
              .isEqualTo(account);
          Map<String, String> annotations =
              strings(
                  chart
                      .get("ServiceAccount", account)
                      .getAsJsonObject("metadata")
                      .getAsJsonObject("annotations"));
          assertThat(annotations.get("eks.amazonaws.com/role-arn"))
              .matches("arn:aws:iam::\\d{12}:role/.+");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void imageCacheClaimIsMountedWhereTheServicesSpool(String env) {
    RenderedChart chart = RenderedChart.of(env);
    chart.get("PersistentVolumeClaim", "image-cache-pvc");
    String config =
        chart.get("ConfigMap", "image-service-config").getAsJsonObject("data").toString();
    for (JsonObject deployment : chart.ofKind("Deployment")) {
      JsonObject claim = volume(deployment, "image-cache").getAsJsonObject("persistentVolumeClaim");
      assertThat(claim.get("claimName").getAsString()).isEqualTo("image-cache-pvc");
      JsonObject main = objects(podSpec(deployment).getAsJsonArray("containers")).getFirst();
      assertThat(config).contains("spool-directory: " + mountPath(main, "image-cache"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void serviceSelectsTheApiPodsAndTargetsTheirContainerPort(String env) {
    RenderedChart chart = RenderedChart.of(env);
    JsonObject service = chart.get("Service", "image-service-svc").getAsJsonObject("spec");
    JsonObject deployment = chart.get("Deployment", DEPLOYMENT);
    assertThat(podLabels(deployment))
        .containsAllEntriesOf(strings(service.getAsJsonObject("selector")));
    String component = strings(service.getAsJsonObject("selector")).get("app.kubernetes.io/name");
    assertThat(podLabels(chart.get("Deployment", "thumbnail-worker-deployment")))
        .as("the Service selects the API pods only")
        .doesNotContainEntry("app.kubernetes.io/name", component);
    JsonObject api = container(deployment, "containers", "api-gateway");
    JsonObject port = objects(api.getAsJsonArray("ports")).getFirst();
    String targetPort =
        objects(service.getAsJsonArray("ports")).getFirst().get("targetPort").getAsString();
    assertThat(List.of(port.get("name").getAsString(), port.get("containerPort").getAsString()))
        .contains(targetPort);
    assertThat(port.get("containerPort").getAsInt()).isEqualTo(8080);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void ingressRoutesThroughAnInternetFacingAlbToTheService(String env) {
    RenderedChart chart = RenderedChart.of(env);
    JsonObject ingress = chart.get("Ingress", "image-service-ingress");
    assertThat(ingress.getAsJsonObject("spec").get("ingressClassName").getAsString())
        .isEqualTo("alb");
    Map<String, String> annotations =
        strings(ingress.getAsJsonObject("metadata").getAsJsonObject("annotations"));
    assertThat(annotations)
        .containsEntry("alb.ingress.kubernetes.io/scheme", "internet-facing")
        .containsEntry("alb.ingress.kubernetes.io/target-type", "ip")
        .containsKey("alb.ingress.kubernetes.io/security-groups");
    JsonObject backend =
        objects(
                objects(ingress.getAsJsonObject("spec").getAsJsonArray("rules"))
                    .getFirst()
                    .getAsJsonObject("http")
                    .getAsJsonArray("paths"))
            .getFirst()
            .getAsJsonObject("backend")
            .getAsJsonObject("service");
    assertThat(backend.get("name").getAsString()).isEqualTo("image-service-svc");
    Set<String> servicePorts =
        objects(
                chart
                    .get("Service", "image-service-svc")
                    .getAsJsonObject("spec")
                    .getAsJsonArray("ports"))
            .stream()
            .map(p -> p.get("name").getAsString())
            .collect(Collectors.toSet());
    assertThat(servicePorts).contains(backend.getAsJsonObject("port").get("name").getAsString());
  }

  static String envValue(JsonObject container, String name) {
    return objects(container.getAsJsonArray("env")).stream()
        .filter(e -> e.get("name").getAsString().equals(name))
        .map(e -> e.get("value").getAsString())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }
}
