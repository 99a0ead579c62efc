package bench;

import dev.imageservice.worker.render.FitMode;
import dev.imageservice.worker.render.OutputFormat;
import dev.imageservice.worker.render.Preset;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.StepObserver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where a warm render's CPU goes, step by step: {@code StageTimes PASSES FILE...} renders the
 * harness's two presets (fit 1024 and 256, JPEG q85) of every file once per pass after two untimed
 * passes, and prints the thread CPU per pipeline step summed over the files (best pass per step).
 */
public final class StageTimes {

  private static final List<Preset> PRESETS =
      List.of(
          new Preset("1024", 1024, 1024, FitMode.FIT, OutputFormat.JPEG, 85),
          new Preset("256", 256, 256, FitMode.FIT, OutputFormat.JPEG, 85));

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int passes = Integer.parseInt(args[0]);
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());
    Map<String, Long> best = new LinkedHashMap<>();
    long bestTotal = Long.MAX_VALUE;
    for (int pass = -2; pass < passes; pass++) {
      Map<String, Long> cpu = new LinkedHashMap<>();
      StepObserver observer =
          new StepObserver() {
            @Override
            public <T> T around(String step, Supplier<T> run) {
              long before = threads.getCurrentThreadCpuTime();
              T result = run.get();
              cpu.merge(step, threads.getCurrentThreadCpuTime() - before, Long::sum);
              return result;
            }
          };
      long start = threads.getCurrentThreadCpuTime();
      long processStart = processCpu();
      for (int i = 1; i < args.length; i++) {
        Map<String, Long> before = new LinkedHashMap<>(cpu);
        pipeline.render(Path.of(args[i]), PRESETS, List.of(), null, observer);
        if (pass == passes - 1 && Boolean.getBoolean("perFile")) {
          StringBuilder line = new StringBuilder(String.format("%-36s", Path.of(args[i]).getFileName()));
          cpu.forEach((k, v) -> {
            double ms = (v - before.getOrDefault(k, 0L)) / 1e6;
            if (ms >= 0.5) {
              line.append(String.format(" %s=%.1f", k, ms));
            }
          });
          System.out.println(line);
        }
      }
      long total = threads.getCurrentThreadCpuTime() - start;
      long process = processCpu() - processStart;
      System.out.printf("pass %d: render thread %.1f ms, whole process %.1f ms cpu%n", pass, total / 1e6, process / 1e6);
      if (pass >= 0) {
        bestTotal = Math.min(bestTotal, total);
        cpu.forEach((k, v) -> best.merge(k, v, Math::min));
      }
    }
    final long all = bestTotal;
    System.out.printf("total %.1f ms cpu (best pass)%n", all / 1e6);
    best.forEach((k, v) -> System.out.printf("  %-16s %8.1f ms %5.1f %%%n", k, v / 1e6, 100.0 * v / all));
  }
}
