package dev.imageservice.deploy.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the few numbers of the Helm chart's values that size the cluster (requests and maximum
 * replicas of a top-level block such as {@code worker}), from {@code values-<env>.yaml} with the
 * chart's {@code values.yaml} as default. Line-based: the module has no YAML parser, and these keys
 * are written in one flow-mapping line each. Stateless.
 */
final class ChartValues {

  private static final Path CHART = Path.of("..", "helm", "image-service");
  private static final Pattern REQUESTS =
      Pattern.compile("requests: \\{cpu: \"?([0-9.]+)(m?)\"?, memory: ([0-9]+)(Mi|Gi)}");
  private static final Pattern MAX_REPLICAS = Pattern.compile("maxReplicas: ([0-9]+)");

  /** One workload's ceiling: replicas times requests. */
  record Workload(int maxReplicas, double cpu, double memoryGib) {
    double totalCpu() {
      return maxReplicas * cpu;
    }

    double totalMemoryGib() {
      return maxReplicas * memoryGib;
    }
  }

  private ChartValues() {}

  static Workload workload(String environment, String block) throws IOException {
    List<String> files = List.of("values-" + environment + ".yaml", "values.yaml");
    Matcher requests = null;
    Integer max = null;
    for (String file : files) {
      List<String> lines = block(Files.readAllLines(CHART.resolve(file)), block);
      if (requests == null) {
        requests = first(lines, REQUESTS).orElse(null);
      }
      if (max == null) {
        max = first(lines, MAX_REPLICAS).map(m -> Integer.parseInt(m.group(1))).orElse(null);
      }
    }
    if (requests == null || max == null) {
      throw new IllegalStateException("no requests/maxReplicas for " + block + " in " + files);
    }
    double cpu = Double.parseDouble(requests.group(1)) / (requests.group(2).isEmpty() ? 1 : 1000);
    double memory =
        Double.parseDouble(requests.group(3)) / (requests.group(4).equals("Mi") ? 1024 : 1);
    return new Workload(max, cpu, memory);
  }

  private static List<String> block(List<String> lines, String name) {
    int start = lines.indexOf(name + ":");
    if (start < 0) {
      return List.of();
    }
    int end = start + 1;
    while (end < lines.size() && (lines.get(end).startsWith(" ") || lines.get(end).isBlank())) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  private static Optional<Matcher> first(List<String> lines, Pattern pattern) {
    return lines.stream().map(pattern::matcher).filter(Matcher::find).findFirst();
  }
}
