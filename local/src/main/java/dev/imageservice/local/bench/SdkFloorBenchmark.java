package dev.imageservice.local.bench;

import dev.imageservice.localinfra.LocalInfrastructure;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * {@code bench sdk-floor}: the CPU that one job's AWS and database calls cost the worker on their
 * own, without the render or anything else of a job: an S3 PUT of a thumbnail, the original's GET,
 * the relay's SNS publish, the listener's SQS receive and acknowledgement, a statement through
 * Jdbi, each repeated in a window after a short and after a long warm-up, and their sum at a job's
 * counts of each ({@link CallKind}): the floor under what a worker spends on a job beyond its
 * render (docs/performance.md, goal 4).
 *
 * <p>This JVM runs the embedded servers (S3Proxy, ElasticMQ, the local SNS endpoint, and
 * PostgreSQL, in its own processes) with their data in a scratch directory; the calls run in a
 * second JVM ({@link SdkFloorClient}), started from this jar with the deployed worker's JVM flags
 * and this JVM's heap options as {@code bench e2e}'s workers are, with the worker's clients ({@link
 * WorkerClients}). Only the second JVM's CPU is measured, so none of the servers' counts.
 */
final class SdkFloorBenchmark {

  /** The file in the data directory that tells the client process where the servers listen. */
  static final String ENDPOINTS = "endpoints.properties";

  private SdkFloorBenchmark() {}

  static void run(BenchOptions options) throws Exception {
    infoLogging();
    try (ScratchDirectory data = ScratchDirectory.create("bench-sdk-floor");
        LocalInfrastructure servers =
            LocalInfrastructure.start(
                LocalInfrastructureSettings.ephemeral().withDataDirectory(data.path()))) {
      servers.endpoints().writeTo(data.path().resolve(ENDPOINTS));
      List<String> arguments =
          new ArrayList<>(List.of("bench", "sdk-floor-client", "--data", data.path().toString()));
      options.values().forEach((name, value) -> arguments.addAll(List.of("--" + name, value)));
      List<String> command = new ArrayList<>(WorkerJvmFlags.DEPLOYED);
      command.addAll(WorkerProcesses.memoryOptions());
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> self = ThisJar.command(java, arguments);
      command.add(0, self.getFirst());
      command.addAll(self.subList(1, self.size()));
      try (ChildProcesses children = ChildProcesses.stoppedAtExit()) {
        Process client = children.start(new ProcessBuilder(command).inheritIO());
        if (client.waitFor() != 0) {
          throw new IllegalStateException("the client process failed: " + client.exitValue());
        }
      }
    }
  }

  /**
   * Spring Boot's default levels (root INFO) in a JVM that starts no Spring application: without a
   * configuration logback logs everything from DEBUG on, every SDK request and server read.
   */
  static void infoLogging() {
    LoggingSystem.get(SdkFloorBenchmark.class.getClassLoader())
        .setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
  }
}
