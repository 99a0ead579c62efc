package dev.imageservice.local.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Worker processes started from this jar ({@code ... worker}) against the system whose endpoints
 * are in {@code dataDirectory}, one render at a time each ({@code render-threads} 1), holding
 * {@code concurrency} messages so that the others' S3 transfers overlap the render, with the JVM
 * flags of the deployed worker ({@link WorkerJvmFlags}). Closing stops them, and so does this JVM's
 * exit until then ({@link ChildProcesses}).
 */
final class WorkerProcesses implements AutoCloseable {

  private final ChildProcesses processes = ChildProcesses.stoppedAtExit();

  private WorkerProcesses() {}

  static WorkerProcesses start(int count, int concurrency, Path dataDirectory) throws IOException {
    return start(count, concurrency, dataDirectory, null, List.of());
  }

  /**
   * As {@link #start(int, int, Path)}, the workers started from {@code jar} (null: this one) with
   * {@code javaOptions} before {@code -jar}: an A/B comparison runs two builds' workers against one
   * embedded system in one run, and a profile is taken with {@code -XX:StartFlightRecording=...}.
   */
  static WorkerProcesses start(
      int count, int concurrency, Path dataDirectory, Path jar, List<String> javaOptions)
      throws IOException {
    WorkerProcesses workers = new WorkerProcesses();
    try {
      for (int i = 0; i < count; i++) {
        workers.startOne(concurrency, dataDirectory, jar, javaOptions);
      }
    } catch (IOException | RuntimeException e) {
      workers.close();
      throw e;
    }
    return workers;
  }

  private void startOne(int concurrency, Path dataDirectory, Path jar, List<String> javaOptions)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(WorkerJvmFlags.DEPLOYED);
    command.addAll(memoryOptions());
    command.addAll(javaOptions);
    if (jar == null) {
      List<String> self = ThisJar.command(java, List.of("worker"));
      command.addAll(self.subList(1, self.size()));
    } else {
      command.addAll(List.of("-jar", jar.toString(), "worker"));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("IMAGE_SERVICE_DATA_DIR", dataDirectory.toString());
    builder.environment().put("IMAGE_SERVICE_WORKER_CONCURRENCY", Integer.toString(concurrency));
    builder.environment().put("IMAGE_SERVICE_JOB_RENDER_THREADS", "1");
    awaitReady(processes.start(builder));
  }

  /**
   * This JVM's heap and GC options, given to the workers too: the render baseline is measured in
   * this JVM, and a worker with a smaller heap (or another collector) would pay for more GC cycles
   * than the baseline does. Without such options both get the same defaults on the same machine.
   * Options given with {@code --worker-java-options} come later and win.
   */
  static List<String> memoryOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            o ->
                o.startsWith("-Xmx")
                    || o.startsWith("-Xms")
                    || o.startsWith("-Xmn")
                    || o.matches("-XX:(Max|Min|Initial)RAM(Percentage|Fraction)?=.*")
                    || o.matches("-XX:[+-]Use\\w*GC")
                    || o.startsWith("-XX:MaxHeapSize=")
                    || o.startsWith("-XX:InitialHeapSize="))
        .toList();
  }

  /** Process ids of the workers, for {@link ThreadCpu}. */
  List<Long> pids() {
    return processes.processes().stream().map(Process::pid).toList();
  }

  /**
   * Reads the worker's output on a virtual thread until its ready line, then keeps draining it so
   * that the process never blocks on a full pipe.
   */
  private static void awaitReady(Process process) throws IOException {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader output =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output
                    .lines()
                    .filter(line -> line.contains("extra thumbnail-worker ready"))
                    .forEach(line -> ready.complete(true));
              } catch (IOException | java.io.UncheckedIOException closed) {
                // the process was stopped: nothing left to read
              }
              ready.complete(false);
            });
    if (!ready.join()) {
      throw new IOException("worker process exited before it was ready");
    }
  }

  /** CPU time the worker processes have used so far, in milliseconds. */
  long cpuMillis() {
    return processes.processes().stream()
        .mapToLong(
            p ->
                p.toHandle().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L))
        .sum();
  }

  @Override
  public void close() {
    processes.close();
  }
}
