package bench;

import dev.imageservice.worker.render.Preset;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.RenderResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU per job for the capacity table (docs/operations.md): {@code CpuPerJob RUNS FILE...} renders
 * each file with all default presets and with {@code small} only, warm, and prints the median
 * render CPU time of RUNS renders (this thread's CPU, as the worker's {@code cpuMs} measures it),
 * then the mean per input format.
 */
public final class CpuPerJob {

  public static void main(String[] args) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int runs = Integer.parseInt(args[0]);
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());
    Map<String, List<Preset>> sets =
        Map.of(
            "all", RenderProperties.DEFAULT_PRESETS,
            "small", RenderProperties.DEFAULT_PRESETS.subList(0, 1));
    Map<String, List<double[]>> byFormat = new TreeMap<>();
    for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
      Path file = Path.of(arg);
      double[] medians = new double[2];
      String format = "?";
      double mp = 0;
      long thumbnailBytes = 0;
      int i = 0;
      for (String set : List.of("all", "small")) {
        List<Preset> presets = sets.get(set);
        for (int w = 0; w < 3; w++) {
          pipeline.render(file, presets);
        }
        List<Double> cpu = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          long before = threads.getCurrentThreadCpuTime();
          RenderResult result = pipeline.render(file, presets);
          cpu.add((threads.getCurrentThreadCpuTime() - before) / 1e6);
          format = result.sourceFormat();
          mp = (double) result.sourceWidth() * result.sourceHeight() / 1e6;
          if (set.equals("all")) {
            thumbnailBytes = result.thumbnails().stream().mapToLong(t -> t.bytes().length).sum();
          }
        }
        cpu.sort(null);
        medians[i++] = cpu.get(cpu.size() / 2);
      }
      System.out.printf(
          "%-32s %-5s %6.2f MP  cpu_ms all=%7.1f small=%7.1f  thumbnails_kb=%d%n",
          file.getFileName(), format, mp, medians[0], medians[1], thumbnailBytes / 1024);
      byFormat
          .computeIfAbsent(format, f -> new ArrayList<>())
          .add(new double[] {mp, medians[0], medians[1]});
    }
    System.out.println("format  files  mean_MP  mean_cpu_ms_all  mean_cpu_ms_small  cpu_ms_per_MP_all");
    byFormat.forEach(
        (format, rows) -> {
          double mp = rows.stream().mapToDouble(r -> r[0]).average().orElse(0);
          double all = rows.stream().mapToDouble(r -> r[1]).average().orElse(0);
          double small = rows.stream().mapToDouble(r -> r[2]).average().orElse(0);
          System.out.printf(
              "%-6s  %5d  %7.2f  %15.1f  %17.1f  %17.1f%n",
              format, rows.size(), mp, all, small, all / mp);
        });
  }
}
