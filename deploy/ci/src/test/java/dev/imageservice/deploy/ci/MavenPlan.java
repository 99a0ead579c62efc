package dev.imageservice.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.deploy.ci.WorkflowMavenCommands.Command;
import dev.imageservice.deploy.ci.plan.PlanOnlyParticipant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What one Maven command line would run, found by running it through the repository's wrapper with
 * the {@link PlanOnlyParticipant} extension: Maven parses the command, reads the reactor, applies
 * the project selection and resolves each module's mojos, then stops before the first one runs (a
 * few seconds instead of the build). Additions to the command, through {@code MAVEN_ARGS} only: the
 * extension, this build's local repository, and {@code -o} when this build is offline.
 *
 * @param mojos the planned mojos, one per line: {@code module packaging plugin goal execution
 *     declared}
 * @param problems what would fail the command in the pipeline
 */
record MavenPlan(List<String> mojos, List<String> problems) {

  static MavenPlan of(Command command) {
    try {
      Path file = Files.createTempFile("maven-plan", ".tsv");
      ProcessBuilder builder =
          new ProcessBuilder("bash", "-c", command.line())
              .directory(root().toFile())
              .redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.putAll(command.env());
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("IMAGE_SERVICE_PLAN_FILE", file.toString());
      // Planning is start-up work: the quick JIT tier halves it; nothing here needs C2.
      env.put("MAVEN_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1");
      env.put("MAVEN_ARGS", command.env().getOrDefault("MAVEN_ARGS", "") + additions());
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command.toString()).isTrue();
      List<String> lines = Files.readAllLines(file);
      Files.delete(file);
      return parse(command, output, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static MavenPlan parse(Command command, String output, List<String> lines) {
    if (!output.contains(PlanOnlyParticipant.MARKER)) {
      // Offline (a developer's -o build), a plugin never downloaded cannot be planned: say so.
      Assumptions.assumeFalse(
          offline() && output.contains("offline"),
          () -> "needs a plugin this offline build has never downloaded: " + command);
      return new MavenPlan(List.of(), List.of(errorOf(output)));
    }
    List<String> mojos = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f[0].equals("missing-profile")) {
        problems.add("-P " + f[1] + " names no profile");
        continue;
      }
      mojos.add(line.substring(5));
      // Jib builds an image of whatever module it reaches; only modules that configure it (main
      // class, image name) have one. It skips pom modules by itself.
      if (f[3].equals("com.google.cloud.tools:jib-maven-plugin")
          && !f[2].equals("pom")
          && !Boolean.parseBoolean(f[6])) {
        problems.add("jib:" + f[4] + " would run on " + f[1] + ", which builds no image");
      }
    }
    return new MavenPlan(mojos, problems);
  }

  private static String errorOf(String output) {
    return output
        .lines()
        .filter(l -> l.startsWith("[ERROR]"))
        .findFirst()
        .orElse("no plan and no error: " + output);
  }

  private static String additions() {
    return " -Dmaven.ext.class.path="
        + System.getProperty("plan.extension.dir", "target/test-classes")
        + " -Dmaven.repo.local="
        + System.getProperty(
            "maven.local.repository", System.getProperty("user.home") + "/.m2/repository")
        + (offline() ? " -o" : "");
  }

  private static boolean offline() {
    return System.getProperty("maven.offline", "").equals("offline=true");
  }

  private static Path root() {
    return Path.of(System.getProperty("repository.root", "../.."));
  }
}
