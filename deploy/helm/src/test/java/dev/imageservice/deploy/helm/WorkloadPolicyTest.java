package dev.imageservice.deploy.helm;

import static dev.imageservice.deploy.helm.PodSpecs.container;
import static dev.imageservice.deploy.helm.PodSpecs.objects;
import static dev.imageservice.deploy.helm.PodSpecs.podLabels;
import static dev.imageservice.deploy.helm.PodSpecs.podSpec;
import static dev.imageservice.deploy.helm.PodSpecs.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every workload must have beyond the diagram: actuator probes, resource requests and limits,
 * non-root pods, disruption budgets, KEDA scaling of the worker on its queue, and migrations that
 * are the application's own.
 */
class WorkloadPolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void everyContainerHasResourcesAndRunsAsNonRoot(String env) {
    for (JsonObject deployment : RenderedChart.of(env).ofKind("Deployment")) {
      JsonObject pod = podSpec(deployment);
      assertThat(pod.getAsJsonObject("securityContext").get("runAsNonRoot").getAsBoolean())
          .isTrue();
      for (String list : List.of("containers", "initContainers")) {
        for (JsonObject c : objects(pod.getAsJsonArray(list))) {
          JsonObject resources = c.getAsJsonObject("resources");
          assertThat(resources.getAsJsonObject("requests").keySet()).contains("cpu", "memory");
          assertThat(resources.getAsJsonObject("limits").keySet()).contains("memory");
          assertThat(
                  c.getAsJsonObject("securityContext")
                      .get("allowPrivilegeEscalation")
                      .getAsBoolean())
              .isFalse();
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void servicesProbeTheHealthGroupsOnTheMainPortAtLivezAndReadyz(String env) {
    RenderedChart chart = RenderedChart.of(env);
    Map<String, String> mains =
        Map.of(
            "image-service-deployment",
            "api-gateway",
            "thumbnail-worker-deployment",
            "thumbnail-worker");
    mains.forEach(
        (deployment, name) -> {
          JsonObject c = container(chart.get("Deployment", deployment), "containers", name);
          assertThat(probe(c, "startupProbe")).isEqualTo("/livez@http");
          assertThat(probe(c, "livenessProbe")).isEqualTo("/livez@http");
          assertThat(probe(c, "readinessProbe")).isEqualTo("/readyz@http");
          assertThat(objects(c.getAsJsonArray("ports")).getFirst().get("name").getAsString())
              .isEqualTo("http");
        });
    assertThat(
            objects(
                    container(
                            chart.get("Deployment", "thumbnail-worker-deployment"),
                            "containers",
                            "thumbnail-worker")
                        .getAsJsonArray("ports"))
                .getFirst()
                .get("containerPort")
                .getAsInt())
        .isEqualTo(8081);
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void disruptionBudgetsCoverBothServices(String env) {
    RenderedChart chart = RenderedChart.of(env);
    for (String[] pair :
        new String[][] {
          {"image-service-pdb", "image-service-deployment"},
          {"thumbnail-worker-pdb", "thumbnail-worker-deployment"}
        }) {
      JsonObject selector =
          chart
              .get("PodDisruptionBudget", pair[0])
              .getAsJsonObject("spec")
              .getAsJsonObject("selector");
      assertThat(podLabels(chart.get("Deployment", pair[1])))
          .containsAllEntriesOf(strings(selector.getAsJsonObject("matchLabels")));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void kedaScalesTheWorkerOnItsQueueWithItsTriggerAuthentication(String env) {
    RenderedChart chart = RenderedChart.of(env);
    JsonObject spec = chart.get("ScaledObject", "thumbnail-worker-scaler").getAsJsonObject("spec");
    String target = spec.getAsJsonObject("scaleTargetRef").get("name").getAsString();
    JsonObject worker = chart.get("Deployment", target);
    assertThat(worker.getAsJsonObject("spec").has("replicas"))
        .as("replicas owned by KEDA")
        .isFalse();
    JsonObject trigger = spec.getAsJsonArray("triggers").get(0).getAsJsonObject();
    String auth = trigger.getAsJsonObject("authenticationRef").get("name").getAsString();
    JsonObject podIdentity =
        chart
            .get("TriggerAuthentication", auth)
            .getAsJsonObject("spec")
            .getAsJsonObject("podIdentity");
    assertThat(podIdentity.get("provider").getAsString()).isEqualTo("aws");
    String workerConfig =
        chart
            .get("ConfigMap", "image-service-config")
            .getAsJsonObject("data")
            .get("thumbnail-worker.yml")
            .getAsString();
    String queueUrl = trigger.getAsJsonObject("metadata").get("queueURL").getAsString();
    assertThat(workerConfig)
        .contains("queue: " + queueUrl.substring(queueUrl.lastIndexOf('/') + 1));
    assertThat(spec.get("maxReplicaCount").getAsInt())
        .isGreaterThan(spec.get("minReplicaCount").getAsInt());
  }

  @Test
  void migrationsInTheChartAreTheApplicationsOwn() throws Exception {
    Path common =
        Path.of(
            System.getProperty("migrations.dir", "../../common/src/main/resources/db/migration"));
    Path chart = RenderedChart.chartDir().resolve("files/migrations");
    try (Stream<Path> files = Files.list(common)) {
      List<Path> sql = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
      assertThat(sql).isNotEmpty();
      for (Path file : sql) {
        assertThat(chart.resolve(file.getFileName()))
            .as("copy of %s", file)
            .hasSameBinaryContentAs(file);
      }
      try (Stream<Path> copies = Files.list(chart)) {
        assertThat(copies.count()).isEqualTo(sql.size());
      }
    }
  }

  private static String probe(JsonObject container, String kind) {
    JsonObject get = container.getAsJsonObject(kind).getAsJsonObject("httpGet");
    return get.get("path").getAsString() + "@" + get.get("port").getAsString();
  }
}
