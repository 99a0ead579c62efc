package dev.imageservice.bench.render;

import dev.imageservice.worker.render.BatchRender;
import dev.imageservice.worker.render.FitMode;
import dev.imageservice.worker.render.OutputFormat;
import dev.imageservice.worker.render.Preset;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The benchmark's entry into the worker's renderer ({@code target/render-server.jar}, called by
 * {@code bench/render/ext-cmd.sh}); kept out of the worker's jar and image.
 *
 * <pre>
 * --harness THREADS OUTDIR LIST.tsv
 * --serve STATEFILE [--idle-seconds N]
 * </pre>
 *
 * <p>{@code --harness} serves the shared harness ({@code shared/bench/render/run.sh}): each line of
 * LIST.tsv is {@code path<TAB>width<TAB>height}, rendered to {@code _1024.jpg} and {@code _256.jpg}
 * (fit, JPEG q85) with the worker's default settings; it prints what the worker's {@code render}
 * command prints. {@code --serve} keeps a warm JVM for repeated harness calls ({@link
 * RenderServer}). Exit code 0 when every file rendered, 1 when any failed, 2 for a usage error.
 */
public final class HarnessCommand {

  static final String USAGE =
      """
      usage: render-server.jar --harness THREADS OUTDIR LIST.tsv
             render-server.jar --serve STATEFILE [--idle-seconds N]""";

  private HarnessCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length > 0 && args[0].equals("--serve")) {
        Duration idle = idle(args);
        return RenderServer.serve(Path.of(args[1]), idle, RenderServer.WARM_UP_PASSES, err);
      }
      if (args.length != 4 || !args[0].equals("--harness")) {
        throw new IllegalArgumentException("need --harness THREADS OUTDIR LIST.tsv or --serve");
      }
      BatchRender batch =
          harness(
              new RenderPipeline(RenderProperties.defaults()),
              Integer.parseInt(args[1]),
              Path.of(args[2]),
              Path.of(args[3]));
      return batch.run(out) ? 0 : 1;
    } catch (IllegalArgumentException e) {
      err.println("render: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
  }

  /** The shared harness's task: fit 1024 and 256, JPEG q85, for each {@code path} line of LIST. */
  static BatchRender harness(RenderPipeline pipeline, int threads, Path outDir, Path list) {
    List<Preset> presets =
        List.of(
            new Preset("1024", 1024, 1024, FitMode.FIT, OutputFormat.JPEG, 85),
            new Preset("256", 256, 256, FitMode.FIT, OutputFormat.JPEG, 85));
    List<Path> inputs;
    try {
      inputs =
          Files.readAllLines(list).stream()
              .filter(line -> !line.isBlank())
              .map(line -> Path.of(line.split("\t")[0]))
              .toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + list + ": " + e.getMessage(), e);
    }
    return new BatchRender(pipeline, presets, outDir, inputs, threads);
  }

  private static Duration idle(String[] args) {
    if (args.length != 2 && !(args.length == 4 && args[2].equals("--idle-seconds"))) {
      throw new IllegalArgumentException("--serve needs STATEFILE [--idle-seconds N]");
    }
    return Duration.ofSeconds(args.length == 4 ? Long.parseLong(args[3]) : 600);
  }
}
