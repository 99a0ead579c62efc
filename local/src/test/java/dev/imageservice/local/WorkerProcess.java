package dev.imageservice.local;

import dev.imageservice.localinfra.LocalEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A thumbnail worker in its own OS process ({@code LocalImageService worker}, on the test's
 * classpath), joined to a running {@link LocalSystem} through an {@code endpoints.properties} file.
 * It can be killed like a crashed pod: {@code SIGKILL}, no shutdown hook, nothing cleaned up.
 */
final class WorkerProcess implements AutoCloseable {

  private final Process process;

  private WorkerProcess(Process process) {
    this.process = process;
  }

  /**
   * @param dataDirectory a folder of its own; the endpoints file is written there
   * @param properties Spring properties for the worker, passed as system properties
   * @param log where its output goes
   */
  static WorkerProcess start(
      LocalEndpoints endpoints, Path dataDirectory, Map<String, String> properties, Path log) {
    endpoints.writeTo(dataDirectory.resolve("endpoints.properties"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A small heap and the C1 compiler only: starts faster, and enough for one render at a time.
    command.addAll(
        List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            LocalImageService.class.getName(),
            "worker"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("IMAGE_SERVICE_DATA_DIR", dataDirectory.toString());
    try {
      return new WorkerProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a worker process", e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL, then waits for the process to be gone. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
