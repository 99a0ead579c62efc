package dev.imageservice.deploy.ci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the repository's GitHub workflows. Stateless. */
final class Workflows {

  private Workflows() {}

  static Path dir() {
    return Path.of(System.getProperty("workflows.dir", "../../.github/workflows"));
  }

  /** The number of workflow files. */
  static long count() {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(f -> f.toString().matches(".*\\.ya?ml$")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One workflow, parsed. */
  static JsonNode read(String file) {
    return new YAMLMapper().readTree(dir().resolve(file).toFile());
  }

  /** The jobs a job needs (its {@code needs}, one name or a list). */
  static List<String> needs(JsonNode job) {
    List<String> needs = new ArrayList<>();
    JsonNode node = job.path("needs");
    if (node.isArray()) {
      node.forEach(n -> needs.add(n.asString()));
    } else if (!node.isMissingNode()) {
      needs.add(node.asString());
    }
    return needs;
  }

  /** Every {@code run} script and {@code uses} of a job's steps, joined. */
  static String steps(JsonNode job) {
    StringBuilder text = new StringBuilder();
    job.path("steps")
        .forEach(
            s ->
                text.append(s.path("uses").asString(""))
                    .append('\n')
                    .append(s.path("run").asString(""))
                    .append('\n'));
    return text.toString();
  }
}
