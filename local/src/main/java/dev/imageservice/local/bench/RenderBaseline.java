package dev.imageservice.local.bench;

import dev.imageservice.common.preset.ImagingProperties;
import dev.imageservice.worker.render.ImageSource;
import dev.imageservice.worker.render.OutputFormat;
import dev.imageservice.worker.render.Preset;
import dev.imageservice.worker.render.ProbedSource;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.StepObserver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure render cost of the jobs a benchmark pushes, measured the way the worker processes are:
 * as process CPU (render, GC and JIT threads together) per job, in a JVM started with the same
 * defaults as the workers, before the embedded system starts in it. It renders what a job renders:
 * the presets the API records with a job (the shared defaults, {@link
 * ImagingProperties#DEFAULT_PRESETS}, through {@link Preset#from} as the worker reads them), the
 * extra formats the jobs ask for, the chosen output format ({@code auto}) and the ThumbHash, one
 * image at a time on one thread, over the same sequence of images as the jobs, after a warm-up that
 * ends the way the workers' does (its compiler threads idle, {@link WarmUp}). It renders through
 * the calls a worker makes: from the image's bytes in native memory (where a worker holds an
 * original up to 16 MB, read from S3), probed once, under the deadline the probe's estimate sets.
 * Rendering from the file instead cost 1.0-2.7 ms more per job on this mix (opening, reading and
 * mapping it; two same-JVM A/B runs), which a worker does not pay there: its bytes come over the
 * network, a cost that is the worker's own and counted on its side.
 *
 * @param cpuMillisPerJob process CPU per render
 * @param wallMillis mean wall time of each image's render, in the order of the images
 * @param warmUp what the warm-up did
 * @param window the measured renders' CPU by thread kind (compiler and GC shares)
 */
record RenderBaseline(
    double cpuMillisPerJob, double[] wallMillis, WarmUp.Done warmUp, ThreadCpu.Totals window) {

  static RenderBaseline measure(
      List<Path> images, List<byte[]> bodies, List<OutputFormat> formats, WarmUp warmUp, int jobs) {
    try (Arena arena = Arena.ofConfined()) {
      List<ImageSource> sources = new ArrayList<>();
      for (int i = 0; i < images.size(); i++) {
        MemorySegment bytes = arena.allocate(bodies.get(i).length);
        MemorySegment.copy(MemorySegment.ofArray(bodies.get(i)), 0, bytes, 0, bytes.byteSize());
        sources.add(ImageSource.of(bytes, String.valueOf(images.get(i).getFileName())));
      }
      return measure(sources, formats, warmUp, jobs);
    }
  }

  private static RenderBaseline measure(
      List<ImageSource> images, List<OutputFormat> formats, WarmUp warmUp, int jobs) {
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());
    List<Preset> presets = ImagingProperties.DEFAULT_PRESETS.stream().map(Preset::from).toList();
    ThreadCpu meter = ThreadCpu.of(ProcessHandle.current().pid());
    WarmUp.Done warmed =
        warmUp.run(
            meter,
            images.size(),
            batch -> {
              for (int i = 0; i < batch; i++) {
                render(pipeline, images.get(i % images.size()), presets, formats);
              }
            });
    double[] wall = new double[images.size()];
    int[] count = new int[images.size()];
    // No sampling thread here: it would add its own CPU to the render's.
    ThreadCpu.Totals threadsBefore = meter.totals();
    long cpuBefore = processCpuNanos();
    for (int i = 0; i < jobs; i++) {
      int image = i % images.size();
      long start = System.nanoTime();
      render(pipeline, images.get(image), presets, formats);
      wall[image] += (System.nanoTime() - start) / 1e6;
      count[image]++;
    }
    double cpuPerJob = (processCpuNanos() - cpuBefore) / 1e6 / jobs;
    ThreadCpu.Totals window = meter.totals().minus(threadsBefore);
    for (int i = 0; i < wall.length; i++) {
      wall[i] = count[i] == 0 ? 0 : wall[i] / count[i];
    }
    return new RenderBaseline(cpuPerJob, wall, warmed, window);
  }

  /** What a worker's job does to render: probe once, then render under the estimate's deadline. */
  private static void render(
      RenderPipeline pipeline,
      ImageSource source,
      List<Preset> presets,
      List<OutputFormat> formats) {
    ProbedSource probed = pipeline.probe(source, presets);
    Instant deadline = Instant.now().plus(probed.estimate().timeLimit());
    pipeline.render(probed, formats, deadline, StepObserver.NONE);
  }

  /** Mean wall time per job over {@code jobs} jobs cycling through the images. */
  double wallMillisPerJob(int jobs) {
    double sum = 0;
    for (int i = 0; i < jobs; i++) {
      sum += wallMillis[i % wallMillis.length];
    }
    return sum / jobs;
  }

  /** CPU time of this whole JVM (every thread), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
