package dev.imageservice.local.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The workers a {@code bench e2e} run compares: {@code --worker-jars a.jar,b.jar} (default this
 * jar), each started with {@code --worker-java-options "..."} (e.g. a flight recording). Two
 * builds' workers measured against one embedded system in one run differ only by the build, not by
 * the machine's mood between two runs. {@code --worker-flag-variants "A|B"} does the same for JVM
 * flags: each jar's workers run once with each {@code |}-separated list appended to the options (an
 * empty list: the deployed flags alone), e.g. {@code "|-XX:G1HeapRegionSize=0"}.
 *
 * @param jar the jar the workers start from; null: this one
 * @param javaOptions options before {@code -jar}
 * @param flags this variant's own flags, after {@code javaOptions}
 */
record WorkerVariant(Path jar, List<String> javaOptions, List<String> flags) {

  WorkerVariant(Path jar, List<String> javaOptions) {
    this(jar, javaOptions, List.of());
  }

  static List<WorkerVariant> parse(BenchOptions options) {
    List<String> java = words(options.values().getOrDefault("worker-java-options", ""));
    String jars = options.values().getOrDefault("worker-jars", "");
    List<Path> paths =
        jars.isBlank()
            ? Collections.singletonList(null)
            : Arrays.stream(jars.split(",")).map(j -> Path.of(j.trim())).toList();
    String flagVariants = options.values().getOrDefault("worker-flag-variants", "");
    List<List<String>> flags =
        flagVariants.isBlank()
            ? List.of(List.of())
            : Arrays.stream(flagVariants.split("\\|", -1)).map(WorkerVariant::words).toList();
    List<WorkerVariant> variants = new ArrayList<>();
    for (Path path : paths) {
      for (List<String> own : flags) {
        variants.add(new WorkerVariant(path, java, own));
      }
    }
    return List.copyOf(variants);
  }

  /** What the workers start with before {@code -jar}: the common options, then this variant's. */
  List<String> options() {
    List<String> all = new ArrayList<>(javaOptions);
    all.addAll(flags);
    return all;
  }

  private static List<String> words(String options) {
    return Arrays.stream(options.split(" ")).filter(o -> !o.isBlank()).toList();
  }

  /**
   * The label of the {@code e2e-ab} lines: the jar's file name, or {@code this}; with its own flags
   * after it in brackets, joined by commas (no spaces, so that a line's fields stay words).
   */
  @Override
  public String toString() {
    String name = jar == null ? "this" : String.valueOf(jar.getFileName());
    return flags.isEmpty() ? name : name + "[" + String.join(",", flags) + "]";
  }
}
