package bench;

import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.RenderWarmUp;
import java.nio.file.Path;

/**
 * First render vs steady state in one fresh JVM: {@code ColdStart IMAGE N [--warm-up]} prints the
 * JVM start-to-ready time, the first render of IMAGE (all default presets), and the best of the
 * next N renders. With --warm-up, {@link RenderWarmUp} runs first (as the worker does at start).
 */
public final class ColdStart {

  public static void main(String[] args) {
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    Path image = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    boolean warm = args.length > 2 && args[2].equals("--warm-up");
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());
    long warmMs = warm ? RenderWarmUp.run(pipeline).toMillis() : 0;
    long ready = System.currentTimeMillis() - jvmStart;
    double first = time(pipeline, image);
    double best = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      best = Math.min(best, time(pipeline, image));
    }
    System.out.printf(
        "ready_ms=%d warmup_ms=%d first_ms=%.1f best_of_%d_ms=%.1f first/best=%.2f%n",
        ready, warmMs, first, n, best, first / best);
  }

  private static double time(RenderPipeline pipeline, Path image) {
    long start = System.nanoTime();
    pipeline.render(image, RenderProperties.DEFAULT_PRESETS);
    return (System.nanoTime() - start) / 1e6;
  }
}
