package dev.imageservice.deploy.helm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Navigation in rendered Deployments: pod template, containers, volumes. Stateless. */
final class PodSpecs {

  private PodSpecs() {}

  static JsonObject podSpec(JsonObject deployment) {
    return deployment.getAsJsonObject("spec").getAsJsonObject("template").getAsJsonObject("spec");
  }

  static Map<String, String> podLabels(JsonObject deployment) {
    return strings(
        deployment
            .getAsJsonObject("spec")
            .getAsJsonObject("template")
            .getAsJsonObject("metadata")
            .getAsJsonObject("labels"));
  }

  static JsonObject container(JsonObject deployment, String list, String name) {
    return objects(podSpec(deployment).getAsJsonArray(list)).stream()
        .filter(c -> c.get("name").getAsString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(list + " has no " + name));
  }

  static JsonObject volume(JsonObject deployment, String name) {
    return objects(podSpec(deployment).getAsJsonArray("volumes")).stream()
        .filter(v -> v.get("name").getAsString().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  /** The mount path of volume {@code volume} in {@code container}; fails when not mounted. */
  static String mountPath(JsonObject container, String volume) {
    return objects(container.getAsJsonArray("volumeMounts")).stream()
        .filter(m -> m.get("name").getAsString().equals(volume))
        .map(m -> m.get("mountPath").getAsString())
        .findFirst()
        .orElseThrow(() -> new AssertionError("volume " + volume + " not mounted"));
  }

  /** Names of the Secrets the container's environment reads, with the keys it reads. */
  static Map<String, List<String>> secretKeyRefs(JsonObject container) {
    Map<String, List<String>> refs = new HashMap<>();
    for (JsonObject env : objects(container.getAsJsonArray("env"))) {
      JsonObject from = env.getAsJsonObject("valueFrom");
      if (from != null && from.has("secretKeyRef")) {
        JsonObject ref = from.getAsJsonObject("secretKeyRef");
        refs.computeIfAbsent(ref.get("name").getAsString(), k -> new java.util.ArrayList<>())
            .add(ref.get("key").getAsString());
      }
    }
    return refs;
  }

  static List<JsonObject> objects(JsonArray array) {
    return array == null
        ? List.of()
        : StreamSupport.stream(array.spliterator(), false)
            .map(JsonElement::getAsJsonObject)
            .toList();
  }

  static Map<String, String> strings(JsonObject object) {
    Map<String, String> map = new HashMap<>();
    object.entrySet().forEach(e -> map.put(e.getKey(), e.getValue().getAsString()));
    return map;
  }
}
