package dev.imageservice.local.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of a benchmark, with defaults. */
record BenchOptions(Map<String, String> values) {

  static BenchOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return new BenchOptions(values);
  }

  int integer(String name, int defaultValue) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
  }

  List<Integer> integers(String name, String defaultValue) {
    return Arrays.stream(values.getOrDefault(name, defaultValue).split(","))
        .map(Integer::parseInt)
        .toList();
  }

  /**
   * The images to push: {@code --images DIR}, else the medium-size photos of the shared corpus
   * (files M*), else the committed test subset.
   */
  Path images() {
    if (values.containsKey("images")) {
      return Path.of(values.get("images"));
    }
    Path shared = Path.of("../shared/corpus");
    return Files.isDirectory(shared) ? shared : Path.of("testdata/corpus");
  }

  String imagePrefix() {
    return values.getOrDefault("prefix", values.containsKey("images") ? "" : "M");
  }
}
