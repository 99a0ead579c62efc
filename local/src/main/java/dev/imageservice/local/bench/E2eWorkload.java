package dev.imageservice.local.bench;

import dev.imageservice.worker.render.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code bench e2e} pushes through the system and renders beside it, from its options: the
 * images of the mix ({@code --images}, {@code --prefix}) and their bytes, {@code --jobs} jobs
 * cycling through them, asking for the extra {@code --formats}, workers holding {@code
 * --concurrency} messages each, and the warm-up both sides get ({@link WarmUp}).
 *
 * @param directory where the images are
 * @param formats the extra formats the jobs ask for, comma-separated; empty: none
 */
record E2eWorkload(
    Path directory,
    List<Path> images,
    List<byte[]> bodies,
    int jobs,
    WarmUp warmUp,
    int concurrency,
    String formats) {

  static E2eWorkload from(BenchOptions options) throws IOException {
    List<Path> images = images(options.images(), options.imagePrefix());
    List<byte[]> bodies = new ArrayList<>();
    for (Path image : images) {
      bodies.add(Files.readAllBytes(image));
    }
    return new E2eWorkload(
        options.images(),
        images,
        bodies,
        options.integer("jobs", Math.max(60, images.size() * 4)),
        // The worker processes start cold: until their JIT has compiled the render and SDK paths,
        // the compiler threads' CPU would be counted as the pipeline's. Both sides warm up until
        // their compiler threads are idle (capped), and the compiler's share of the window is
        // printed.
        WarmUp.from(options, images.size()),
        options.integer("concurrency", 2),
        options.values().getOrDefault("formats", ""));
  }

  /**
   * The pure render cost of these jobs, measured the way the workers are: process CPU per job,
   * warmed by as many renders as they get warm-up jobs, rendering what a job renders.
   */
  RenderBaseline measureRender() {
    return RenderBaseline.measure(images, bodies, outputFormats(), warmUp, jobs);
  }

  /** The extra formats as the renderer knows them, so that the render baseline renders them too. */
  private List<OutputFormat> outputFormats() {
    return Arrays.stream(formats.split(","))
        .filter(f -> !f.isBlank())
        .flatMap(f -> OutputFormat.named(f.trim()).stream())
        .toList();
  }

  /** The run's first line: what it pushes, how both sides warm up, on how many cores. */
  String describe() {
    return ("e2e: %d images from %s, %d jobs per run after a warm-up until the compiler threads use"
            + " <= %.1f%% of the CPU (%d to %d jobs), %d cores; each worker renders one image at a"
            + " time and holds %d messages%s")
        .formatted(
            images.size(),
            directory,
            jobs,
            warmUp.idlePercent(),
            warmUp.minJobs(),
            warmUp.maxJobs(),
            Runtime.getRuntime().availableProcessors(),
            concurrency,
            formats.isEmpty() ? "" : "; jobs ask for formats=" + formats);
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
