package bench;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Old against new resampler in one JVM: {@code LanczosAb PASSES CP_A CP_B [ORDER]} loads {@code
 * render.pixel.Lanczos3} from each class path (the worker's classes, or any directory holding that
 * class), and times both on the renderer's typical shapes, alternating A B B A per pass. Prints the
 * best thread CPU per shape and version, B/A, and the results' equality (the resize must be
 * bit-identical). A microbenchmark of the resize alone: the render's other steps are not in it.
 *
 * <p>ORDER: {@code opaque} (default) or {@code alpha} times that kind first; {@code mixed} first
 * warms both versions up on opaque and alpha images alternately, as a render server would. The JIT
 * compiles for what a process has seen, so the order can decide whether a loop becomes vector code.
 */
public final class LanczosAb {

  private static final int[][] SHAPES = {
    {2016, 1512, 1024, 768}, {1024, 768, 256, 192}, {1200, 1600, 768, 1024}, {1057, 595, 1024, 576}
  };

  public static void main(String[] args) throws Throwable {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int passes = Integer.parseInt(args[0]);
    MethodHandle[] resize = new MethodHandle[2];
    for (int v = 0; v < 2; v++) {
      List<URL> urls = new ArrayList<>();
      for (String entry : args[1 + v].split(File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      ClassLoader loader =
          new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      Class<?> type = loader.loadClass("dev.imageservice.worker.render.pixel.Lanczos3");
      MethodType signature =
          MethodType.methodType(
              int[].class, int[].class, int.class, int.class, int.class, int.class, boolean.class);
      resize[v] = MethodHandles.publicLookup().findStatic(type, "resize", signature);
    }
    String order = args.length > 3 ? args[3] : "opaque";
    if (order.equals("mixed")) {
      for (int warm = 0; warm < 40; warm++) {
        for (int v = 0; v < 2; v++) {
          for (int[] s : SHAPES) {
            boolean a = (warm + s[0]) % 2 == 0;
            int[] src = picture(s[0] / 4, s[1] / 4, a);
            resize[v].invoke(src, s[0] / 4, s[1] / 4, s[2] / 4, s[3] / 4, a);
          }
        }
      }
    }
    boolean alphaFirst = order.equals("alpha");
    for (boolean alpha : new boolean[] {alphaFirst, !alphaFirst}) {
      for (int[] s : SHAPES) {
        int[] src = picture(s[0], s[1], alpha);
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        boolean same = true;
        for (int pass = 0; pass < passes; pass++) {
          int[] results = new int[0];
          for (int turn = 0; turn < 2; turn++) {
            int v = pass % 2 == turn ? 0 : 1; // A B, B A, A B ...
            long start = threads.getCurrentThreadCpuTime();
            int[] out = (int[]) resize[v].invoke(src, s[0], s[1], s[2], s[3], alpha);
            best[v] = Math.min(best[v], threads.getCurrentThreadCpuTime() - start);
            same &= turn == 0 || java.util.Arrays.equals(out, results);
            results = out;
          }
        }
        System.out.printf(
            "%4dx%-4d -> %4dx%-4d alpha=%-5s A %7.2f ms  B %7.2f ms  B/A %.3f  identical=%s%n",
            s[0], s[1], s[2], s[3], alpha, best[0] / 1e6, best[1] / 1e6,
            (double) best[1] / best[0], same);
      }
    }
  }

  /** Smooth gradients under noise, premultiplied where there is alpha: a photo's statistics. */
  private static int[] picture(int width, int height, boolean alpha) {
    Random random = new Random(width * 31 + height);
    int[] pixels = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int a = alpha ? (x * 255 / width) : 255;
        int r = (x * 200 / width + random.nextInt(40)) * a / 255;
        int g = (y * 200 / height + random.nextInt(40)) * a / 255;
        int b = ((x + y) * 100 / (width + height) + random.nextInt(40)) * a / 255;
        pixels[y * width + x] = a << 24 | r << 16 | g << 8 | b;
      }
    }
    return pixels;
  }
}
