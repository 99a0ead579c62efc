package dev.imageservice.local.bench;

import dev.imageservice.local.LocalSystem;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Pushes uploads through the whole local system (API → outbox → SNS → SQS → worker processes → S3 →
 * PostgreSQL) and sets the result beside the pure render time of the same images, measured in the
 * same run: jobs/s per number of worker processes (one render at a time each, two messages held so
 * that S3 transfers overlap the render), the pipeline's overhead over rendering, and
 * upload→SUCCEEDED latency at half load.
 */
final class EndToEndBenchmark {

  private static final String KEY = "bench-tenant-key-0123456789abcdef";

  private final BenchOptions options;
  private final E2eWorkload workload;
  private final List<WorkerVariant> variants;
  private final int rounds;

  private EndToEndBenchmark(BenchOptions options) throws IOException {
    this.options = options;
    this.workload = E2eWorkload.from(options);
    this.variants = WorkerVariant.parse(options);
    this.rounds = options.integer("rounds", 1);
  }

  static void run(BenchOptions options) throws Exception {
    EndToEndBenchmark bench = new EndToEndBenchmark(options);
    E2eWorkload workload = bench.workload;
    System.out.println(workload.describe());
    RenderBaseline baseline = workload.measureRender();
    printBaseline(baseline, workload.jobs());
    boolean labelled = bench.variants.size() > 1 || bench.rounds > 1;
    E2eReport report =
        new E2eReport(baseline, baseline.wallMillisPerJob(workload.jobs()), labelled);
    bench.measureWorkers(baseline, report);
    report.print();
  }

  /**
   * Prints the pure render's cost. Steady state, as a worker running for days is: the ratio leaves
   * the compiler threads' CPU out of both sides ({@link E2eResult#withoutCompiler}); the figures
   * with it follow the ratio on each line, and this line's CPU per job is the one with it.
   */
  private static void printBaseline(RenderBaseline baseline, int jobs) {
    System.out.printf(
        "pure render (one thread, warm, all presets from one decode): %.1f ms wall, %.1f ms"
            + " process CPU per job on this mix; after %s; in the window compiler %.1f%%, GC %.1f%%,"
            + " kernel %.1f%% (%.1f ms per job), minor page faults %.0f per job; heap max %d MB, %s (the workers get this JVM's heap and GC options: %s;"
            + " and the deployed worker's flags: %s)%n",
        baseline.wallMillisPerJob(jobs),
        baseline.cpuMillisPerJob(),
        baseline.warmUp(),
        baseline.window().compilerPercent(),
        baseline.window().gcPercent(),
        baseline.window().systemPercent(),
        baseline.cpuMillisPerJob() * baseline.window().systemPercent() / 100,
        (double) baseline.window().minorFaults() / jobs,
        Runtime.getRuntime().maxMemory() >> 20,
        collectors(),
        WorkerProcesses.memoryOptions().isEmpty()
            ? "none, defaults"
            : WorkerProcesses.memoryOptions(),
        String.join(" ", WorkerJvmFlags.DEPLOYED));
  }

  /**
   * Starts the embedded system with its own worker stopped and measures each worker count ({@code
   * --workers}), each round ({@code --rounds}) and each variant in turn against it.
   */
  private void measureWorkers(RenderBaseline baseline, E2eReport report) throws Exception {
    Path data = Files.createTempDirectory("bench-e2e");
    // The stored objects go to disk: the in-memory S3 store holds at most 4 GB (its Jimfs
    // default), which ran out ("out of disk space") after 2 975 uploads of this mix, fewer than
    // a default run makes (one and two workers, each warmed up with up to 1 440 jobs: 3 132
    // uploads in one run). The store's CPU is this process's, not the workers'.
    try (ScratchDirectory objects = ScratchDirectory.create("bench-e2e-store");
        LocalSystem system =
            LocalSystem.start(
                LocalInfrastructureSettings.ephemeral()
                    .withDataDirectory(objects.path())
                    .withVisibilityTimeoutSeconds(120),
                Map.of("server.port", 0, "image-service.auth.keys", "bench:" + KEY),
                Map.of("server.port", 0))) {
      system.stopWorker();
      system.endpoints().writeTo(data.resolve("endpoints.properties"));
      BenchClient client = new BenchClient(system.apiPort(), KEY, workload.formats());
      for (int workers : options.integers("workers", "1,2")) {
        for (int round = 1; round <= rounds; round++) {
          for (WorkerVariant variant : variants) {
            measure(client, data, workers, round, variant, baseline, report);
          }
        }
      }
    }
  }

  /**
   * One measurement of {@code workers} fresh worker processes; after the first one-worker window,
   * the latency of jobs paced at half its rate ({@code --paced 0}: not).
   */
  private void measure(
      BenchClient client,
      Path data,
      int workers,
      int round,
      WorkerVariant variant,
      RenderBaseline baseline,
      E2eReport report)
      throws Exception {
    try (WorkerProcesses pool =
        WorkerProcesses.start(
            workers, workload.concurrency(), data, variant.jar(), variant.options())) {
      E2eResult result = WorkerWindow.measure(pool, workers, variant, workload, client);
      boolean first = round == 1 && variant == variants.getFirst();
      report.add(result, first, variant, round);
      if (workers == 1 && first && options.integer("paced", 1) > 0) {
        report.addRow(
            PacedRun.measure(
                client,
                workload.bodies(),
                result.jobsPerSecond() / 2,
                Math.min(workload.jobs(), 60),
                baseline.wallMillis()));
      }
    }
  }

  private static String collectors() {
    return String.join(
        "+",
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList());
  }
}
