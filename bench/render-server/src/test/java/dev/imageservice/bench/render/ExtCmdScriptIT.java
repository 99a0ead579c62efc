package dev.imageservice.bench.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/render/ext-cmd.sh}, the worker's renderer in the shared harness's EXT_CMD form, run
 * the way the harness runs it, against the executable jar this build made ({@code
 * target/render-server.jar}, which the script finds by itself).
 */
class ExtCmdScriptIT {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @AfterEach
  void stopServer() throws Exception {
    run(List.of("--stop"), Map.of());
  }

  @Test
  void firstCallStartsAWarmServerThatLaterCallsReuseUntilStopped() throws Exception {
    Path list =
        list(
            "S01_iphone4s_orient6.jpg",
            "S21_yellow_rose_rgba.png",
            "S39_yellow_rose_lossy_alpha.webp");

    Result first = run(List.of("1", dir.resolve("t1").toString(), list.toString()), Map.of());
    long server = serverPid();
    Result second = run(List.of("2", dir.resolve("t2").toString(), list.toString()), Map.of());

    assertThat(first.code()).as(first.output()).isZero();
    assertThat(second.code()).as(second.output()).isZero();
    assertThat(second.output()).contains("3 files: 3 ok, 0 failed").contains("2 threads");
    assertThat(serverPid()).as("the second call reused the server").isEqualTo(server);
    for (String out : List.of("t1", "t2")) {
      assertThat(dir.resolve(out).resolve("S01_iphone4s_orient6_1024.jpg")).isNotEmptyFile();
      assertThat(dir.resolve(out).resolve("S39_yellow_rose_lossy_alpha_256.jpg")).isNotEmptyFile();
    }

    run(List.of("--stop"), Map.of());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ProcessHandle.of(server).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void withoutTheServerEachCallIsAFreshJvmWithTheSameOutput() throws Exception {
    Path list = list("S02_orientation_1.jpg");

    Result result =
        run(
            List.of("1", dir.resolve("cold").toString(), list.toString()),
            Map.of("RENDER_SERVER", "0"));

    assertThat(result.code()).as(result.output()).isZero();
    assertThat(dir.resolve("cold").resolve("S02_orientation_1_1024.jpg")).isNotEmptyFile();
    assertThat(stateFiles()).isEmpty();
  }

  @Test
  void aFailedImageMakesTheCallFailWithItsReason() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.jpg"), "not an image");
    Path list = Files.writeString(dir.resolve("list.tsv"), bad + "\t0\t0\n");

    Result result = run(List.of("1", dir.resolve("out").toString(), list.toString()), Map.of());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.output()).contains("bad.jpg").contains("unsupported_format");
  }

  private record Result(int code, String output) {}

  private Result run(List<String> args, Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", script().toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TMPDIR", dir.toString());
    // No JAR: the script must find the jar the build left, whatever its version (held-out reruns
    // call it that way). The check below only makes sure there is one to find.
    jar();
    builder.environment().put("JAVA", ProcessHandle.current().info().command().orElse("java"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("ext-cmd.sh did not finish: " + output);
    }
    return new Result(process.exitValue(), output);
  }

  private long serverPid() throws IOException {
    List<Path> states = stateFiles();
    assertThat(states).hasSize(1);
    return Long.parseLong(Files.readString(states.getFirst()).trim().split(" ")[2]);
  }

  private List<Path> stateFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().matches("image-service-render-\\d+-\\d+"))
          .toList();
    }
  }

  private Path list(String... names) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (String name : names) {
      lines.append(Corpus.committed().resolve(name)).append("\t0\t0\n");
    }
    return Files.writeString(dir.resolve("list.tsv"), lines);
  }

  private static Path script() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("bench/render/ext-cmd.sh");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("bench/render/ext-cmd.sh not found");
  }

  private static Path jar() {
    Path jar = Path.of("target", "render-server.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no executable jar " + jar + ": run package first");
    }
    return jar;
  }
}
