package dev.imageservice.local.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The workers a {@code bench e2e} run compares: {@code --worker-jars a.jar,b.jar} (default this
 * jar), each started with {@code --worker-java-options "..."} (e.g. a flight recording). Two
 * builds' workers measured against one embedded system in one run differ only by the build, not by
 * the machine's mood between two runs.
 *
 * @param jar the jar the workers start from; null: this one
 * @param javaOptions options before {@code -jar}
 */
record WorkerVariant(Path jar, List<String> javaOptions) {

  static List<WorkerVariant> parse(BenchOptions options) {
    List<String> java =
        Arrays.stream(options.values().getOrDefault("worker-java-options", "").split(" "))
            .filter(o -> !o.isBlank())
            .toList();
    String jars = options.values().getOrDefault("worker-jars", "");
    if (jars.isBlank()) {
      return List.of(new WorkerVariant(null, java));
    }
    return Arrays.stream(jars.split(","))
        .map(j -> new WorkerVariant(Path.of(j.trim()), java))
        .toList();
  }

  /** The label of the {@code e2e-ab} lines: the jar's file name, or {@code this}. */
  @Override
  public String toString() {
    return jar == null ? "this" : String.valueOf(jar.getFileName());
  }
}
