package dev.imageservice.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metric names that the chart's alert rules and dashboard query, read from their PromQL: label
 * matchers, grouping clauses, ranges and strings are dropped, then every identifier that is not a
 * function or keyword is a metric. Every one must be exported by the services: the alerts use the
 * workers' own queue gauges, not CloudWatch's, so no exporter-side metric is named.
 */
final class MonitoringMetrics {

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "bool",
          "offset",
          "le");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

  private MonitoringMetrics() {}

  static Path monitoringDir() {
    return Path.of(
        System.getProperty("monitoring.dir", "../deploy/helm/image-service/files/monitoring"));
  }

  static Path rulesFile() {
    return monitoringDir().resolve("prometheus-rules.yaml");
  }

  static Path dashboardFile() {
    return monitoringDir().resolve("image-service-dashboard.json");
  }

  @SuppressWarnings("unchecked")
  static Set<String> inRules(Path file) throws IOException {
    Map<String, Object> doc = new Yaml().load(Files.readString(file));
    Set<String> names = new TreeSet<>();
    for (Object group : (List<Object>) doc.get("groups")) {
      for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
        names.addAll(inExpression(String.valueOf(((Map<String, Object>) rule).get("expr"))));
      }
    }
    return names;
  }

  static Set<String> inDashboard(Path file) throws IOException {
    JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
    Set<String> names = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        names.addAll(inExpression(target.get("expr").asString()));
      }
    }
    return names;
  }

  static List<String> inExpression(String promql) {
    String bare =
        promql
            .replaceAll("\"[^\"]*\"", "")
            .replaceAll("\\{[^}]*}", "")
            .replaceAll("\\[[^]]*]", "")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
    List<String> names = new ArrayList<>();
    Matcher m = IDENTIFIER.matcher(bare);
    while (m.find()) {
      String word = m.group(1);
      boolean call = m.group(2) != null;
      if (!call && !KEYWORDS.contains(word) && !word.matches("\\d.*")) {
        names.add(word);
      }
    }
    return names;
  }
}
