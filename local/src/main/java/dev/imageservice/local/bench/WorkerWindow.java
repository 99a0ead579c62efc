package dev.imageservice.local.bench;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One measurement of started worker processes in {@code bench e2e}: they are warmed up until their
 * compiler threads are idle (capped, {@link WarmUp}), then a backlog of jobs is drained while the
 * CPU of both sides is read, the workers' split by thread kind so that the compiler's and GC's
 * shares of the window are known rather than hidden in the cost per job.
 */
final class WorkerWindow {

  private WorkerWindow() {}

  /**
   * Measures {@code pool} ({@code workers} processes of {@code variant}) and prints its warm-up.
   */
  static E2eResult measure(
      WorkerProcesses pool,
      int workers,
      WorkerVariant variant,
      E2eWorkload workload,
      BenchClient client)
      throws Exception {
    ThreadCpu meter = new ThreadCpu(pool.pids());
    ScheduledExecutorService sampler = sampleEverySecond(meter);
    WarmUp.Done warmed;
    ThreadCpu.Totals window;
    Map<String, Long> kindsBefore;
    Map<String, Long> kindsAfter;
    long workerCpu;
    long ownCpu;
    JobDriver.Drain drain;
    try {
      warmed = warmUp(meter, workload, client);
      ThreadCpu.Totals threadsBefore = meter.totals();
      kindsBefore = meter.byKind();
      workerCpu = pool.cpuMillis();
      ownCpu = ownCpuMillis();
      drain = JobDriver.drain(client, workload.bodies(), workload.jobs());
      window = meter.totals().minus(threadsBefore);
      kindsAfter = meter.byKind();
    } finally {
      sampler.shutdownNow();
    }
    System.out.printf(
        "workers=%d variant=%s: %s; in the window compiler %.1f%%, GC %.1f%% of the workers' CPU%n",
        workers, variant, warmed, window.compilerPercent(), window.gcPercent());
    double jobs = workload.jobs();
    double allCpuPerJob = (pool.cpuMillis() - workerCpu) / jobs;
    System.out.printf(
        "workers=%d variant=%s: the workers' CPU per job by thread in the window: %s; of the"
            + " listener threads', the render itself (the jobs' timings.cpuMs) %.1f ms%n",
        workers,
        variant,
        CpuByThread.describe(kindsBefore, kindsAfter, allCpuPerJob),
        drain.renderCpuMsPerJob());
    System.out.printf(
        "workers=%d variant=%s: in the window the kernel took %.1f%% of the workers' CPU (%.1f ms"
            + " per job); minor page faults %.0f per job%n",
        workers,
        variant,
        window.systemPercent(),
        allCpuPerJob * window.systemPercent() / 100,
        window.minorFaults() / jobs);
    return new E2eResult(
        workers,
        drain.jobsPerSecond(),
        allCpuPerJob,
        window,
        (ownCpuMillis() - ownCpu) / jobs,
        warmed,
        drain.renderCpuMsPerJob());
  }

  /** Runs warm-up batches of whole jobs, one per image of the mix, until the workers are warm. */
  private static WarmUp.Done warmUp(ThreadCpu meter, E2eWorkload workload, BenchClient client) {
    return workload
        .warmUp()
        .run(
            meter,
            workload.images().size(),
            batch -> JobDriver.complete(client, workload.bodies(), batch));
  }

  /** Samples the worker threads' CPU every second, so that exiting compiler threads are counted. */
  private static ScheduledExecutorService sampleEverySecond(ThreadCpu meter) {
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("bench-thread-cpu").daemon().factory());
    sampler.scheduleAtFixedRate(meter::sample, 1, 1, TimeUnit.SECONDS);
    return sampler;
  }

  /** CPU time of this JVM (the API, the embedded servers and the benchmark client). */
  private static long ownCpuMillis() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(java.time.Duration::toMillis)
        .orElse(0L);
  }
}
