package dev.imageservice.worker.render;

import java.io.PrintStream;
import java.nio.file.Path;
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
 * </pre>
 *
 * <p>Writes {@code OUTDIR/<name without extension>_<preset>.<ext>} and prints one line per file
 * (name, source size, format, milliseconds, {@code OK} or the failure code and message), then a
 * summary. Directories contribute their image files (by extension, not recursively). Exit code 0
 * when every file rendered, 1 when any failed, 2 for a usage error. The benchmark's harness entry
 * and warm render server live in {@code bench/render-server}, outside the service jar.
 */
public final class RenderCommand {

  static final String USAGE =
      """
      usage: render [--threads N] [--presets a,b] [--max-pixels N] [--max-frames N] \
      [--max-bytes N] OUTDIR FILE_OR_DIR...""";

  private RenderCommand() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command; returns the process exit code. Prints to standard output and error. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    BatchRender batch;
    try {
      batch = parse(args);
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

  private static String valueOf(String[] args, int i) {
    if (i + 1 >= args.length) {
      throw new IllegalArgumentException(args[i] + " needs a value");
    }
    return args[i + 1];
  }
}
