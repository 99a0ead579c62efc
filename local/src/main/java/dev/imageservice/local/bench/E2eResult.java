package dev.imageservice.local.bench;

/**
 * What one measured window of {@code bench e2e} found, and how it is printed beside the pure render
 * cost ({@link RenderBaseline}): the {@code e2e workers=…} line (parsed by the performance checks,
 * so its fields, their order and number formats are fixed) and the row of the closing table.
 *
 * @param workers worker processes
 * @param jobsPerSecond the steady completion rate ({@link JobDriver#drain})
 * @param workerAllCpuPerJob the worker processes' CPU per job, every thread
 * @param window the workers' CPU in the window by thread kind (compiler and GC shares)
 * @param ownCpuPerJob this JVM's CPU per job (the API, the embedded servers, the client)
 * @param warmed what the workers' warm-up did
 * @param renderInWorkerCpuPerJob the render's own CPU inside the workers per job (the jobs' {@code
 *     timings.cpuMs}: the rendering thread's CPU during the render)
 */
record E2eResult(
    int workers,
    double jobsPerSecond,
    double workerAllCpuPerJob,
    ThreadCpu.Totals window,
    double ownCpuPerJob,
    WarmUp.Done warmed,
    double renderInWorkerCpuPerJob) {

  /**
   * CPU per job less the compiler threads' share of the window it was measured in: steady state, as
   * a worker running for days is (the code the compiler has not compiled yet still runs slower, so
   * this is on the worker's side conservative).
   */
  static double withoutCompiler(double cpuPerJob, ThreadCpu.Totals window) {
    return cpuPerJob * (1 - window.compilerPercent() / 100);
  }

  double workerCpuPerJob() {
    return withoutCompiler(workerAllCpuPerJob, window);
  }

  private static double renderCpuPerJob(RenderBaseline render) {
    return withoutCompiler(render.cpuMillisPerJob(), render.window());
  }

  /** The {@code e2e workers=…} line. */
  String line(RenderBaseline render) {
    double renderCpuPerJob = renderCpuPerJob(render);
    return "e2e workers=%d jobs/s=%.2f worker-cpu-ms/job=%.1f render-cpu-ms/job=%.1f ratio=%.2f"
            .formatted(
                workers,
                jobsPerSecond,
                workerCpuPerJob(),
                renderCpuPerJob,
                workerCpuPerJob() / renderCpuPerJob)
        // After the ratio, so that nothing in it hides: the ratio with the compiler threads' CPU,
        // the compiler's and GC's shares of each side's measured window, and the warm-up it took.
        + (" ratio-with-jit=%.2f (%.1f/%.1f ms) worker-jit=%.1f%% render-jit=%.1f%%"
                + " worker-gc=%.1f%% render-gc=%.1f%% warm-up-jobs=%d"
                // The worker against the render it ran itself, in the same window: the baseline is
                // measured minutes earlier in another JVM, and the same render's CPU moves by up
                // to a third between such runs here (docs/performance.md, "Round six"), all of
                // which the ratio above books on the worker.
                + " ratio-to-own-render=%.2f (own-render-cpu-ms/job=%.1f)")
            .formatted(
                workerAllCpuPerJob / render.cpuMillisPerJob(),
                workerAllCpuPerJob,
                render.cpuMillisPerJob(),
                window.compilerPercent(),
                render.window().compilerPercent(),
                window.gcPercent(),
                render.window().gcPercent(),
                warmed.jobs(),
                workerCpuPerJob() / renderInWorkerCpuPerJob,
                renderInWorkerCpuPerJob);
  }

  /**
   * The table row ({@link E2eReport#HEADER}): {@code renderWallPerJob} is the pure render's wall
   * time per job, {@code single} the jobs/s of one worker (0: not measured, no scaling printed).
   */
  String row(RenderBaseline render, double renderWallPerJob, double single) {
    double renderCpuPerJob = renderCpuPerJob(render);
    double overhead = workers / jobsPerSecond * 1000 / renderWallPerJob - 1;
    return "%-8d %10.2f %13.2f %14s %13.1f%% %17.1f %20.1f %19.1f%%"
        .formatted(
            workers,
            jobsPerSecond,
            1000 / renderWallPerJob * workers,
            single > 0 ? "%.2f".formatted(jobsPerSecond / (single * workers)) : "-",
            overhead * 100,
            workerCpuPerJob(),
            ownCpuPerJob,
            (workerCpuPerJob() / renderCpuPerJob - 1) * 100);
  }
}
