package dev.imageservice.deploy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint (AWS's CloudFormation linter: resource specs, property types, regional availability) on
 * every synthesised template. Runs where cfn-lint is installed ({@code pip install cfn-lint};
 * looked up on PATH and in pyenv's shims); elsewhere it is skipped with a message saying so, never
 * passed silently. Warnings are reported; errors fail.
 */
class CfnLintTest {

  @Test
  void everyTemplatePassesCfnLint() throws Exception {
    Optional<Path> cfnLint = locate();
    Assumptions.assumeTrue(
        cfnLint.isPresent(), "cfn-lint is not installed on this machine: templates NOT linted");
    Path outdir = Path.of(SynthesizedApp.assembly().app().getOutdir());
    List<String> command =
        new ArrayList<>(List.of(cfnLint.get().toString(), "--format", "parseable"));
    // W: warnings are printed, not failed (e.g. CDK's own Lambda runtimes); E: errors fail.
    command.addAll(List.of("--ignore-checks", "W", "I", "--"));
    try (Stream<Path> files = Files.list(outdir)) {
      files
          .filter(f -> f.toString().endsWith(".template.json"))
          .map(Path::toString)
          .forEach(command::add);
    }
    assertThat(command).anyMatch(c -> c.endsWith("ImageService-prod.template.json"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private static Optional<Path> locate() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(Path.of(dir, "cfn-lint"));
    }
    candidates.add(Path.of(System.getProperty("user.home"), ".pyenv", "shims", "cfn-lint"));
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }
}
