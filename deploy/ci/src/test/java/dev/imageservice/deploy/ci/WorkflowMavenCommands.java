package dev.imageservice.deploy.ci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The {@code ./mvnw} command lines of the workflows' {@code run} steps, as written, with the
 * environment GitHub would give them. Stateless.
 *
 * <p>Only two things are changed, both needed to run them here: {@code jib:build} (a push to a
 * registry) becomes {@code jib:buildTar}, and each GitHub expression {@code ${{ ... }}} becomes a
 * fixed sample value ({@link #sample}), as the runner would substitute it before bash sees the
 * line.
 */
final class WorkflowMavenCommands {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]*?)\\s*}}");

  private WorkflowMavenCommands() {}

  /**
   * One Maven command of a workflow step.
   *
   * @param where workflow, job and step, for messages
   * @param line the command line, continuations joined, ready for {@code bash -c}
   * @param env the variables of the workflow, job and step (expressions substituted)
   */
  record Command(String where, String line, Map<String, String> env) {
    @Override
    public String toString() {
      return where + ": " + line;
    }
  }

  /** Every {@code ./mvnw} command of every workflow, in file and step order. */
  static List<Command> all() {
    List<Command> commands = new ArrayList<>();
    try (Stream<Path> files = Files.list(Workflows.dir())) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        commands.addAll(of(file.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return commands;
  }

  private static List<Command> of(String file) {
    JsonNode workflow = Workflows.read(file);
    List<Command> commands = new ArrayList<>();
    for (var job : workflow.path("jobs").properties()) {
      int index = 0;
      for (JsonNode step : job.getValue().path("steps")) {
        index++;
        Map<String, String> env = new LinkedHashMap<>();
        putAll(env, workflow.path("env"));
        putAll(env, job.getValue().path("env"));
        putAll(env, step.path("env"));
        String where =
            file
                + " "
                + job.getKey()
                + " step "
                + index
                + " ("
                + step.path("name").asString("")
                + ")";
        for (String line : lines(step.path("run").asString(""))) {
          if (line.startsWith("./mvnw ")) {
            commands.add(new Command(where, variant(line), env));
          }
        }
      }
    }
    return commands;
  }

  /** The command as the test runs it: {@code jib:build} → {@code jib:buildTar}, expressions set. */
  static String variant(String line) {
    return substitute(line).replaceAll("(?<=\\s|^)jib:build(?=\\s|$)", "jib:buildTar");
  }

  // A script's logical lines: backslash-newline continuations joined, as bash reads them.
  private static List<String> lines(String script) {
    List<String> lines = new ArrayList<>();
    for (String line : script.replace("\\\n", " ").split("\n")) {
      lines.add(line.strip().replaceAll("\\s+", " "));
    }
    return lines;
  }

  private static void putAll(Map<String, String> env, JsonNode node) {
    node.properties().forEach(e -> env.put(e.getKey(), substitute(e.getValue().asString())));
  }

  private static String substitute(String text) {
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(sample(m.group(1))));
    }
    return m.appendTail(out).toString();
  }

  /** What an expression stands for in these runs: the dev environment, a sample registry. */
  static String sample(String expression) {
    return switch (expression) {
      case "inputs.environment" -> "dev";
      case "inputs.image-registry" -> "123456789012.dkr.ecr.us-east-1.amazonaws.com";
      case "env.JAVA_VERSION" -> "25";
      default -> "sample-value";
    };
  }
}
