package bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Old against new renderer in one JVM: {@code AbBench PASSES OUTDIR CP_A CP_B FILE...} loads
 * {@link WorkerRenderer} twice, each from its own class path (A: the old worker classes, B: the
 * new; each with this class's directory and the dependencies), and renders the files with each in
 * turn (A B B A ...), timing this thread's CPU per pass. Prints the best pass of each and B/A.
 */
public final class AbBench {

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int passes = Integer.parseInt(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    Object[] renderers = new Object[2];
    Method[] process = new Method[2];
    for (int v = 0; v < 2; v++) {
      List<URL> urls = new ArrayList<>();
      for (String entry : args[2 + v].split(File.pathSeparator)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
      ClassLoader loader =
          new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> type = loader.loadClass("bench.WorkerRenderer");
      renderers[v] = type.getConstructor().newInstance();
      process[v] = type.getMethod("process", File.class, String.class);
    }
    List<File> files = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      files.add(new File(args[i]));
    }
    long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
    for (int pass = -2; pass < passes; pass++) {
      for (int turn = 0; turn < 2; turn++) {
        int v = (pass & 1) == 0 ? turn : 1 - turn;
        long start = threads.getCurrentThreadCpuTime();
        for (File file : files) {
          String base = out.resolve((v == 0 ? "a_" : "b_") + file.getName()).toString();
          process[v].invoke(renderers[v], file, base.substring(0, base.lastIndexOf('.')));
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (pass >= 0) {
          best[v] = Math.min(best[v], cpu);
        }
        System.out.printf("pass %d %s %.1f ms%n", pass, v == 0 ? "A" : "B", cpu / 1e6);
      }
    }
    System.out.printf(
        "best A %.1f ms, B %.1f ms cpu; B/A = %.3f (A/B speed-up %.3f)%n",
        best[0] / 1e6, best[1] / 1e6, (double) best[1] / best[0], (double) best[0] / best[1]);
  }
}
