package dev.imageservice.worker.render;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command-line renderer: runs the production pipeline on local files, without Spring or any
 * infrastructure.
 *
 * <pre>
 * render [--threads N] [--presets a,b] [--max-pixels N] [--max-frames N] [--max-bytes N]
 *        OUTDIR FILE_OR_DIR...
 * render --harness THREADS OUTDIR LIST.tsv
 * render --serve STATEFILE [--idle-seconds N]
 * </pre>
 *
 * <p>Writes {@code OUTDIR/<name without extension>_<preset>.<ext>} and prints one line per file
 * (name, source size, format, milliseconds, {@code OK} or the failure code and message), then a
 * summary. Directories contribute their image files (by extension, not recursively). The harness
 * mode serves {@code shared/bench/render/run.sh}: each line of LIST.tsv is {@code
 * path<TAB>width<TAB>height}, rendered to {@code _1024.jpg} and {@code _256.jpg} (fit, JPEG q85).
 * Exit code 0 when every file rendered, 1 when any failed, 2 for a usage error. {@code --serve}
 * keeps a warm JVM for repeated harness calls ({@link RenderServer}).
 */
public final class RenderCommand {

  static final String USAGE =
      """
      usage: render [--threads N] [--presets a,b] [--max-pixels N] [--max-frames N] \
      [--max-bytes N] OUTDIR FILE_OR_DIR...
             render --harness THREADS OUTDIR LIST.tsv
             render --serve STATEFILE [--idle-seconds N]""";

  private RenderCommand() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command; returns the process exit code. Prints to standard output and error. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("--serve")) {
      return serve(args, err);
    }
    BatchRender batch;
    try {
      batch = args.length > 0 && args[0].equals("--harness") ? harness(args) : parse(args);
    } catch (IllegalArgumentException e) {
      err.println("render: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    return batch.run(out) ? 0 : 1;
  }

  private static BatchRender parse(String[] args) {
    int threads = 1;
    List<String> presetNames = List.of();
    long maxPixels = 0;
    int maxFrames = 0;
    long maxBytes = 0;
    int i = 0;
    for (; i < args.length && args[i].startsWith("--"); i += 2) {
      String value = valueOf(args, i);
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(value);
        case "--presets" -> presetNames = Arrays.asList(value.split(","));
        case "--max-pixels" -> maxPixels = Long.parseLong(value);
        case "--max-frames" -> maxFrames = Integer.parseInt(value);
        case "--max-bytes" -> maxBytes = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (args.length - i < 2) {
      throw new IllegalArgumentException("need OUTDIR and at least one file or directory");
    }
    RenderProperties properties = RenderProperties.limits(null, maxPixels, maxFrames, maxBytes);
    RenderPipeline pipeline = new RenderPipeline(properties);
    List<Preset> presets = pipeline.presetsNamed(presetNames);
    List<Path> inputs = new ArrayList<>();
    for (String input : Arrays.asList(args).subList(i + 1, args.length)) {
      inputs.addAll(BatchRender.expand(Path.of(input)));
    }
    return new BatchRender(pipeline, presets, Path.of(args[i]), inputs, threads);
  }

  private static BatchRender harness(String[] args) {
    if (args.length != 4) {
      throw new IllegalArgumentException("--harness needs THREADS OUTDIR LIST.tsv");
    }
    return harness(
        new RenderPipeline(RenderProperties.defaults()),
        Integer.parseInt(args[1]),
        Path.of(args[2]),
        Path.of(args[3]));
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

  private static int serve(String[] args, PrintStream err) {
    Duration idle;
    try {
      if (args.length != 2 && !(args.length == 4 && args[2].equals("--idle-seconds"))) {
        throw new IllegalArgumentException("--serve needs STATEFILE [--idle-seconds N]");
      }
      idle = Duration.ofSeconds(args.length == 4 ? Long.parseLong(args[3]) : 600);
    } catch (IllegalArgumentException e) {
      err.println("render: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    return RenderServer.serve(Path.of(args[1]), idle, RenderServer.WARM_UP_PASSES, err);
  }

  private static String valueOf(String[] args, int i) {
    if (i + 1 >= args.length) {
      throw new IllegalArgumentException(args[i] + " needs a value");
    }
    return args[i + 1];
  }
}
