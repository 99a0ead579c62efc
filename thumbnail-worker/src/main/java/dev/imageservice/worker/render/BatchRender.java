package dev.imageservice.worker.render;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Renders a list of files on a thread pool and reports in input order: for {@link RenderCommand}
 * and the benchmark's harness entry ({@code bench/render-server}).
 */
public final class BatchRender {

  private static final Set<String> IMAGE_EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "gif", "webp", "tif", "tiff", "bmp", "heic", "heif", "avif");

  private final RenderPipeline pipeline;
  private final List<Preset> presets;
  private final Path outDir;
  private final List<Path> inputs;
  private final int threads;

  /** Renders {@code inputs} with {@code presets} into {@code outDir} on {@code threads} threads. */
  public BatchRender(
      RenderPipeline pipeline, List<Preset> presets, Path outDir, List<Path> inputs, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    this.pipeline = pipeline;
    this.presets = presets;
    this.outDir = outDir;
    this.inputs = inputs;
    this.threads = threads;
  }

  /** A file as given, or a directory's image files by name (not recursive). */
  static List<Path> expand(Path input) {
    if (!Files.isDirectory(input)) {
      return List.of(input);
    }
    try (Stream<Path> children = Files.list(input)) {
      return children
          .filter(Files::isRegularFile)
          .filter(BatchRender::isImageName)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders everything; true when every file succeeded. */
  public boolean run(PrintStream out) {
    long start = System.nanoTime();
    int failed = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      Files.createDirectories(outDir);
      List<Future<String>> lines = new ArrayList<>();
      for (Path input : inputs) {
        lines.add(pool.submit(() -> renderOne(input)));
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = outcome(lines.get(i), inputs.get(i));
        failed += line.endsWith("\tOK") ? 0 : 1;
        out.println(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    out.printf(
        Locale.ROOT,
        "%d files: %d ok, %d failed, %d ms, %d threads%n",
        inputs.size(),
        inputs.size() - failed,
        failed,
        millis,
        threads);
    return failed == 0;
  }

  private String renderOne(Path input) throws IOException {
    long start = System.nanoTime();
    String name = String.valueOf(input.getFileName());
    try {
      RenderResult result = pipeline.render(input, presets);
      String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
      for (RenderedThumbnail thumbnail : result.thumbnails()) {
        Path target =
            outDir.resolve(base + "_" + thumbnail.preset() + "." + thumbnail.format().extension());
        Files.write(target, thumbnail.bytes());
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      return "%s\t%dx%d\t%s\t%d ms\tOK"
          .formatted(
              name, result.sourceWidth(), result.sourceHeight(), result.sourceFormat(), millis);
    } catch (ImageRejectedException e) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      return "%s\t-\t-\t%d ms\t%s: %s".formatted(name, millis, e.code(), e.getMessage());
    }
  }

  private static String outcome(Future<String> line, Path input) {
    try {
      return line.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return "%s\t-\t-\t-\terror: %s".formatted(input.getFileName(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "%s\t-\t-\t-\tinterrupted".formatted(input.getFileName());
    }
  }

  private static boolean isImageName(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
