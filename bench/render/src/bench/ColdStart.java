package bench;

import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.RenderWarmUp;
import dev.imageservice.worker.render.StepObserver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * First render vs steady state in one fresh JVM: {@code ColdStart IMAGE N [--warm-up]} prints the
 * JVM start-to-ready time, the first render of IMAGE (all default presets; probed, then rendered
 * under a deadline, as the worker's job processor calls the pipeline), and the best of the
 * next N renders, in wall time and in the process's CPU time (which counts the JIT's compiler
 * threads and the GC, and which other processes on a shared machine disturb less). With --warm-up,
 * {@link RenderWarmUp} runs first (as the worker does at start). With {@code -Dsteps=true} it also
 * prints each pipeline step's wall and thread CPU time in the first render against its best in the
 * next N (where a cold first render loses its time), and marks the first render on stdout for
 * {@code -Xlog:class+load} or {@code -XX:+PrintCompilation}.
 */
public final class ColdStart {

  private static final boolean STEPS = Boolean.getBoolean("steps");
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Wall and CPU milliseconds of one render, in total and per step. */
  private record Times(double wall, double cpu, Map<String, double[]> steps) {}

  public static void main(String[] args) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    Path image = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    boolean warm = args.length > 2 && args[2].equals("--warm-up");
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());
    long warmMs = warm ? RenderWarmUp.run(pipeline).toMillis() : 0;
    long ready = System.currentTimeMillis() - jvmStart;
    mark("first render starts");
    Times first = time(pipeline, image);
    mark("first render done");
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    Map<String, double[]> bestSteps = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Times next = time(pipeline, image);
      best = Math.min(best, next.wall());
      bestCpu = Math.min(bestCpu, next.cpu());
      next.steps()
          .forEach(
              (step, t) ->
                  bestSteps.merge(step, t, ColdStart::min));
    }
    System.out.printf(
        "ready_ms=%d warmup_ms=%d first_ms=%.1f best_of_%d_ms=%.1f first/best=%.2f"
            + " cpu_first_ms=%.1f cpu_best_ms=%.1f cpu_first/best=%.2f%n",
        ready, warmMs, first.wall(), n, best, first.wall() / best, first.cpu(), bestCpu,
        first.cpu() / bestCpu);
    if (STEPS) {
      first
          .steps()
          .forEach(
              (step, t) ->
                  System.out.printf(
                      "  step %-16s first %7.1f ms (thread cpu %7.1f, %6.0f page faults)"
                          + "  best %7.1f ms (%7.1f, %6.0f)%n",
                      step,
                      t[0],
                      t[1],
                      t.length > 2 ? t[2] : 0,
                      bestSteps.get(step)[0],
                      bestSteps.get(step)[1],
                      bestSteps.get(step).length > 2 ? bestSteps.get(step)[2] : 0));
    }
  }

  private static double[] min(double[] a, double[] b) {
    double[] min = a.clone();
    for (int i = 0; i < min.length; i++) {
      min[i] = Math.min(a[i], b[i]);
    }
    return min;
  }

  /** This thread's minor page faults (Linux; 0 elsewhere). */
  private static long minorFaults() {
    if (!STEPS) {
      return 0;
    }
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc/thread-self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[7]); // field 10 of stat(5), counted after the name
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  private static void mark(String line) {
    if (STEPS) {
      // The JVM's uptime, as -Xlog's "uptime" decoration prints it, to find the mark in a log file.
      // System.nanoTime is CLOCK_MONOTONIC: the clock of `perf record -k CLOCK_MONOTONIC`.
      System.out.printf(
          "%s at %.3fs (monotonic %.6f)%n",
          line,
          ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0,
          System.nanoTime() / 1e9);
    }
  }

  private static double processCpuMs() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e6;
  }

  private static Times time(RenderPipeline pipeline, Path image) {
    Map<String, double[]> steps = new LinkedHashMap<>();
    StepObserver observer =
        new StepObserver() {
          @Override
          public <T> T around(String step, Supplier<T> run) {
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long faults = minorFaults();
            T result = run.get();
            steps.put(
                step,
                new double[] {
                  (System.nanoTime() - start) / 1e6,
                  (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6,
                  minorFaults() - faults
                });
            return result;
          }
        };
    double cpu = processCpuMs();
    long threadCpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    // As the worker renders a job: probe, then render the probed source under a deadline.
    pipeline.render(
        pipeline.probe(image, RenderProperties.DEFAULT_PRESETS),
        List.of(),
        Instant.now().plus(Duration.ofMinutes(1)),
        observer);
    double wall = (System.nanoTime() - start) / 1e6;
    double threadTotal = (THREADS.getCurrentThreadCpuTime() - threadCpu) / 1e6;
    cpu = processCpuMs() - cpu;
    // Outside the steps: the ThumbHash of the smallest thumbnail and the result's assembly.
    double[] sum = {0, 0};
    steps.values().forEach(t -> {
      sum[0] += t[0];
      sum[1] += t[1];
    });
    steps.put("(between steps)", new double[] {wall - sum[0], threadTotal - sum[1]});
    steps.put("(other threads)", new double[] {0, cpu - threadTotal});
    return new Times(wall, cpu, steps);
  }
}
