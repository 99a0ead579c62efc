package dev.imageservice.deploy.helm;

import static dev.imageservice.deploy.helm.PodSpecs.objects;
import static dev.imageservice.deploy.helm.PodSpecs.podLabels;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The namespace is default-deny both ways; the API's public port admits only the VPC (the ALB's
 * ENIs and the kubelet), metrics only the scraper's namespace, and egress reaches only DNS, the
 * database, HTTPS (log store, AWS endpoints) and never the instance metadata service.
 */
class NetworkPolicyTest {

  private static final String API = "image-service-deployment";
  private static final String WORKER = "thumbnail-worker-deployment";

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void everyPodIsDeniedBothWaysUnlessAPolicyOpensIt(String env) {
    JsonObject spec = policy(env, "image-service-default-deny");
    assertThat(spec.getAsJsonObject("podSelector").entrySet()).as("selects every pod").isEmpty();
    assertThat(strings(spec.getAsJsonArray("policyTypes"))).contains("Ingress", "Egress");
    assertThat(spec.has("ingress") || spec.has("egress")).as("allows nothing").isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void theApiAdmitsTheVpcOnItsPublicPortAndOnlyTheScraperOnMetrics(String env) {
    RenderedChart chart = RenderedChart.of(env);
    JsonObject spec = policy(env, "image-service-api-ingress");
    assertThat(podLabels(chart.get("Deployment", API)))
        .containsAllEntriesOf(
            PodSpecs.strings(spec.getAsJsonObject("podSelector").getAsJsonObject("matchLabels")));
    List<String> rules = new ArrayList<>();
    for (JsonObject rule : objects(spec.getAsJsonArray("ingress"))) {
      for (JsonObject from : objects(rule.getAsJsonArray("from"))) {
        for (JsonObject port : objects(rule.getAsJsonArray("ports"))) {
          rules.add(source(from) + "->" + port.get("port").getAsString());
        }
      }
    }
    String vpc = vpcCidr(env);
    assertThat(rules)
        .containsExactlyInAnyOrder(
            "cidr:" + vpc + "->" + containerPort(chart, API, "http"),
            "namespace:monitoring->" + containerPort(chart, API, "metrics"));
    assertThat(vpc).isNotEqualTo("0.0.0.0/0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void theWorkerAdmitsOnlyProbesAndTheScraper(String env) {
    RenderedChart chart = RenderedChart.of(env);
    JsonObject spec = policy(env, "thumbnail-worker-ingress");
    Set<String> ports =
        objects(spec.getAsJsonArray("ingress")).stream()
            .flatMap(r -> objects(r.getAsJsonArray("ports")).stream())
            .map(p -> p.get("port").getAsString())
            .collect(Collectors.toSet());
    assertThat(ports)
        .containsExactlyInAnyOrder(
            containerPort(chart, WORKER, "http"), containerPort(chart, WORKER, "metrics"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void egressReachesDnsTheDatabaseAndHttpsButNeverTheInstanceMetadata(String env) {
    JsonObject spec = policy(env, "image-service-egress");
    JsonObject selector = spec.getAsJsonObject("podSelector");
    assertThat(selector.toString()).contains("api-gateway", "thumbnail-worker");
    List<JsonObject> rules = objects(spec.getAsJsonArray("egress"));
    List<String> allowed = new ArrayList<>();
    for (JsonObject rule : rules) {
      assertThat(rule.has("ports")).as("every egress rule names its ports: %s", rule).isTrue();
      for (JsonObject to : objects(rule.getAsJsonArray("to"))) {
        for (JsonObject port : objects(rule.getAsJsonArray("ports"))) {
          allowed.add(
              source(to) + "->" + port.get("protocol").getAsString() + "/" + port.get("port"));
        }
        if (to.has("ipBlock")
            && to.getAsJsonObject("ipBlock").get("cidr").getAsString().equals("0.0.0.0/0")) {
          assertThat(strings(to.getAsJsonObject("ipBlock").getAsJsonArray("except")))
              .contains("169.254.0.0/16", "10.0.0.0/8");
        }
      }
    }
    String vpc = vpcCidr(env);
    assertThat(allowed)
        .contains(
            "namespace:kube-system+k8s-app=kube-dns->UDP/53",
            "namespace:kube-system+k8s-app=kube-dns->TCP/53",
            "cidr:" + vpc + "->TCP/5432",
            "cidr:" + vpc + "->TCP/443",
            "cidr:0.0.0.0/0->TCP/443")
        .noneMatch(a -> a.startsWith("cidr:0.0.0.0/0") && !a.endsWith("/443"))
        .noneMatch(a -> a.contains("169.254.169.254"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "staging", "prod"})
  void noServiceAccountTokenIsMountedButIrsaStaysAnnotated(String env) {
    RenderedChart chart = RenderedChart.of(env);
    for (JsonObject account : chart.ofKind("ServiceAccount")) {
      assertThat(account.get("automountServiceAccountToken").getAsBoolean()).isFalse();
      assertThat(
              account
                  .getAsJsonObject("metadata")
                  .getAsJsonObject("annotations")
                  .get("eks.amazonaws.com/role-arn")
                  .getAsString())
          .startsWith("arn:aws:iam::");
    }
    assertThat(chart.ofKind("ServiceAccount")).hasSize(2);
    for (JsonObject deployment : chart.ofKind("Deployment")) {
      assertThat(PodSpecs.podSpec(deployment).get("automountServiceAccountToken").getAsBoolean())
          .isFalse();
    }
  }

  private static String source(JsonObject peer) {
    if (peer.has("ipBlock")) {
      return "cidr:" + peer.getAsJsonObject("ipBlock").get("cidr").getAsString();
    }
    String namespace =
        peer.getAsJsonObject("namespaceSelector")
            .getAsJsonObject("matchLabels")
            .get("kubernetes.io/metadata.name")
            .getAsString();
    if (!peer.has("podSelector")) {
      return "namespace:" + namespace;
    }
    Map<String, String> pods =
        PodSpecs.strings(peer.getAsJsonObject("podSelector").getAsJsonObject("matchLabels"));
    return "namespace:"
        + namespace
        + "+"
        + pods.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  static String containerPort(RenderedChart chart, String deployment, String name) {
    JsonObject main =
        objects(PodSpecs.podSpec(chart.get("Deployment", deployment)).getAsJsonArray("containers"))
            .getFirst();
    return objects(main.getAsJsonArray("ports")).stream()
        .filter(p -> p.get("name").getAsString().equals(name))
        .map(p -> p.get("containerPort").getAsString())
        .findFirst()
        .orElseThrow(() -> new AssertionError(deployment + " has no port " + name));
  }

  private static String vpcCidr(String env) {
    return switch (env) {
      case "dev" -> "10.10.0.0/16";
      case "staging" -> "10.20.0.0/16";
      default -> "10.30.0.0/16";
    };
  }

  private static JsonObject policy(String env, String name) {
    return RenderedChart.of(env).get("NetworkPolicy", name).getAsJsonObject("spec");
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    for (JsonElement e : array) {
      values.add(e.getAsString());
    }
    return values;
  }
}
