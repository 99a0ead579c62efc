package dev.imageservice.local.bench;

import dev.imageservice.local.LocalSystem;
import dev.imageservice.localinfra.LocalInfrastructureSettings;
import dev.imageservice.worker.render.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Pushes uploads through the whole local system (API → outbox → SNS → SQS → worker processes → S3 →
 * PostgreSQL) and sets the result beside the pure render time of the same images, measured in the
 * same run: jobs/s per number of worker processes (one render at a time each, two messages held so
 * that S3 transfers overlap the render), the pipeline's overhead over rendering, and
 * upload→SUCCEEDED latency at half load.
 */
final class EndToEndBenchmark {

  private static final String KEY = "bench-tenant-key-0123456789abcdef";

  private EndToEndBenchmark() {}

  static void run(BenchOptions options) throws Exception {
    List<Path> images = images(options.images(), options.imagePrefix());
    List<byte[]> bodies = new ArrayList<>();
    for (Path image : images) {
      bodies.add(Files.readAllBytes(image));
    }
    int jobs = options.integer("jobs", Math.max(60, images.size() * 4));
    // The worker processes start cold: until their JIT has compiled the render and SDK paths, the
    // compiler threads' CPU would be counted as the pipeline's. Both sides warm up until their
    // compiler threads are idle (capped), and the compiler's share of the window is printed.
    WarmUp warmUp = WarmUp.from(options, images.size());
    int concurrency = options.integer("concurrency", 2);
    String formats = options.values().getOrDefault("formats", "");
    List<WorkerVariant> variants = WorkerVariant.parse(options);
    int rounds = options.integer("rounds", 1);
    System.out.printf(
        "e2e: %d images from %s, %d jobs per run after a warm-up until the compiler threads use"
            + " <= %.1f%% of the CPU (%d to %d jobs), %d cores; each worker renders one image at a"
            + " time and holds %d messages%s%n",
        images.size(),
        options.images(),
        jobs,
        warmUp.idlePercent(),
        warmUp.minJobs(),
        warmUp.maxJobs(),
        Runtime.getRuntime().availableProcessors(),
        concurrency,
        formats.isEmpty() ? "" : "; jobs ask for formats=" + formats);

    // Measured the way the workers are: process CPU per job, warmed by as many renders as they get
    // warm-up jobs, rendering what a job renders (see RenderBaseline).
    RenderBaseline baseline =
        RenderBaseline.measure(
            images,
            Arrays.stream(formats.split(","))
                .filter(f -> !f.isBlank())
                .flatMap(f -> OutputFormat.named(f.trim()).stream())
                .toList(),
            warmUp,
            jobs);
    double renderPerJob = baseline.wallMillisPerJob(jobs);
    double renderAllCpuPerJob = baseline.cpuMillisPerJob();
    System.out.printf(
        "pure render (one thread, warm, all presets from one decode): %.1f ms wall, %.1f ms"
            + " process CPU per job on this mix; after %s; in the window compiler %.1f%%, GC %.1f%%;"
            + " heap max %d MB, %s (the workers get this JVM's heap and GC options: %s;"
            + " and the deployed worker's flags: %s)%n",
        renderPerJob,
        renderAllCpuPerJob,
        baseline.warmUp(),
        baseline.window().compilerPercent(),
        baseline.window().gcPercent(),
        Runtime.getRuntime().maxMemory() >> 20,
        collectors(),
        WorkerProcesses.memoryOptions().isEmpty()
            ? "none, defaults"
            : WorkerProcesses.memoryOptions(),
        String.join(" ", WorkerJvmFlags.DEPLOYED));

    Path data = Files.createTempDirectory("bench-e2e");
    E2eReport report = new E2eReport(baseline, renderPerJob, variants.size() > 1 || rounds > 1);
    try (LocalSystem system =
        LocalSystem.start(
            LocalInfrastructureSettings.ephemeral().withVisibilityTimeoutSeconds(120),
            Map.of("server.port", 0, "image-service.auth.keys", "bench:" + KEY),
            Map.of("server.port", 0))) {
      system.stopWorker();
      system.endpoints().writeTo(data.resolve("endpoints.properties"));
      BenchClient client = new BenchClient(system.apiPort(), KEY, formats);
      for (int workers : options.integers("workers", "1,2")) {
        for (int round = 1; round <= rounds; round++) {
          for (WorkerVariant variant : variants) {
            try (WorkerProcesses pool =
                WorkerProcesses.start(
                    workers, concurrency, data, variant.jar(), variant.javaOptions())) {
              ThreadCpu meter = new ThreadCpu(pool.pids());
              ScheduledExecutorService sampler = sampleEverySecond(meter);
              WarmUp.Done warmed;
              ThreadCpu.Totals window;
              long workerCpu;
              long ownCpu;
              double jobsPerSecond;
              try {
                warmed =
                    warmUp.run(
                        meter, images.size(), batch -> JobDriver.complete(client, bodies, batch));
                ThreadCpu.Totals threadsBefore = meter.totals();
                workerCpu = pool.cpuMillis();
                ownCpu = ownCpuMillis();
                jobsPerSecond = JobDriver.drain(client, bodies, jobs);
                window = meter.totals().minus(threadsBefore);
              } finally {
                sampler.shutdownNow();
              }
              System.out.printf(
                  "workers=%d variant=%s: %s; in the window compiler %.1f%%, GC %.1f%% of the"
                      + " workers' CPU%n",
                  workers, variant, warmed, window.compilerPercent(), window.gcPercent());
              double workerAllCpuPerJob = (pool.cpuMillis() - workerCpu) / (double) jobs;
              double ownCpuPerJob = (ownCpuMillis() - ownCpu) / (double) jobs;
              E2eResult result =
                  new E2eResult(
                      workers, jobsPerSecond, workerAllCpuPerJob, window, ownCpuPerJob, warmed);
              boolean first = round == 1 && variant == variants.getFirst();
              report.add(result, first, variant, round);
              if (workers == 1 && first && options.integer("paced", 1) > 0) {
                report.addRow(
                    PacedRun.measure(
                        client,
                        bodies,
                        jobsPerSecond / 2,
                        Math.min(jobs, 60),
                        baseline.wallMillis()));
              }
            }
          }
        }
      }
    }
    report.print();
  }

  /** Samples the worker threads' CPU every second, so that exiting compiler threads are counted. */
  private static ScheduledExecutorService sampleEverySecond(ThreadCpu meter) {
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("bench-thread-cpu").daemon().factory());
    sampler.scheduleAtFixedRate(meter::sample, 1, 1, TimeUnit.SECONDS);
    return sampler;
  }

  private static String collectors() {
    return String.join(
        "+",
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(java.lang.management.GarbageCollectorMXBean::getName)
            .toList());
  }

  /** CPU time of this JVM (the API, the embedded servers and the benchmark client). */
  private static long ownCpuMillis() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(java.time.Duration::toMillis)
        .orElse(0L);
  }

  private static List<Path> images(Path dir, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(
              p -> p.getFileName().toString().matches("(?i).*\\.(jpe?g|png|webp|gif|tiff?|bmp)$"))
          .sorted()
          .toList();
    }
  }
}
