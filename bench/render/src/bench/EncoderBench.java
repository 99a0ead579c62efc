package bench;

import dev.imageservice.worker.render.FitMode;
import dev.imageservice.worker.render.OutputFormat;
import dev.imageservice.worker.render.Preset;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.RenderedThumbnail;
import dev.imageservice.worker.render.StepObserver;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The worker's WebP and AVIF thumbnails against {@code vipsthumbnail} writing the same format, in
 * one JVM, interleaved pass by pass. Ours: the production {@link RenderPipeline} (warm JVM, this
 * thread only), fit 1024 and fit 256 from one decode, the preset's format and quality, as {@code
 * formats=} or a preset's {@code format} renders them. vips: {@code vipsthumbnail} in batch mode,
 * one process per box over the whole list, {@code VIPS_CONCURRENCY=1}, pinned to the CPU this JVM
 * is pinned to (the child inherits the affinity), {@code strip} (ours writes no metadata either),
 * each box from the source (shrink-on-load) as ours does.
 *
 * <p>vips' {@code Q} is searched so that its total bytes are within 5% of ours at our production
 * quality: ours is the side that is measured as shipped, vips is the side that is tuned. Prints one
 * tab-separated {@code ROW} line per format and tool (read by {@code encoders.sh}).
 *
 * <pre>java bench.EncoderBench LIST.tsv OUTDIR PASSES FORMAT:QUALITY:VIPS_OPTS:FIRST_Q...</pre>
 *
 * LIST lines are {@code path<TAB>width<TAB>height}; e.g. {@code webp:85::84} or {@code
 * avif:85:effort=1:65} (FIRST_Q: where the search for vips' Q starts).
 */
public final class EncoderBench {

  private static final double TOLERANCE = 0.05;

  public static void main(String[] args) throws Exception {
    List<String[]> list;
    try (Stream<String> lines = Files.lines(Path.of(args[0]))) {
      list = lines.filter(l -> !l.isBlank()).map(l -> l.split("\t")).toList();
    }
    Path outRoot = Path.of(args[1]);
    int passes = Integer.parseInt(args[2]);
    NativeCodecs codecs = NativeCodecs.load();
    if (!codecs.webpEncoding() || !codecs.avifEncoding()) {
      throw new IllegalStateException("needs libwebp7 and libavif15: " + codecs);
    }
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults(), codecs);
    List<Path> files = list.stream().map(f -> Path.of(f[0])).toList();
    double mp =
        list.stream().mapToDouble(f -> Double.parseDouble(f[1]) * Double.parseDouble(f[2])).sum()
            / 1e6;
    for (int a = 3; a < args.length; a++) {
      String[] spec = args[a].split(":", -1);
      OutputFormat format = OutputFormat.valueOf(spec[0].toUpperCase(Locale.ROOT));
      int quality = Integer.parseInt(spec[1]);
      String vipsOpts = spec.length > 2 ? spec[2] : "";
      int guess = spec.length > 3 && !spec[3].isEmpty() ? Integer.parseInt(spec[3]) : 75;
      String ext = spec[0].toLowerCase(Locale.ROOT);
      Ours ours = new Ours(pipeline, format, quality, ext);
      Path oursDir = outRoot.resolve(ext + "-ours");
      Path vipsDir = outRoot.resolve(ext + "-vips");
      // Warm-up: the JIT and each encoder's first call, on the first few images (untimed).
      ours.pass(files.subList(0, Math.min(6, files.size())), outRoot.resolve(ext + "-warm"));
      Result mine = ours.pass(files, oursDir);
      Vips vips = new Vips(ext, vipsOpts);
      int q = vips.search(files, vipsDir, mine.bytes, guess);
      Result theirs = vips.pass(files, vipsDir, q);
      long bestOurs = mine.nanos;
      long bestEncode = mine.encodeNanos;
      long bestVips = theirs.nanos;
      for (int p = 1; p < passes; p++) { // interleaved: both see the same load
        Result v = vips.pass(files, vipsDir, q);
        Result o = ours.pass(files, oursDir);
        bestVips = Math.min(bestVips, v.nanos);
        if (o.nanos < bestOurs) {
          bestOurs = o.nanos;
          bestEncode = o.encodeNanos;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "ROW\t%s\tours\t%s\t%d\t%d\t%.1f\t%.3f\t%.1f%n",
          ext,
          ours.setting(),
          mine.images,
          mine.bytes,
          bestOurs / 1e6 / files.size(),
          mp / (bestOurs / 1e9),
          bestEncode / 1e6 / files.size());
      System.out.printf(
          Locale.ROOT,
          "ROW\t%s\tvips\t%s\t%d\t%d\t%.1f\t%.3f\t-%n",
          ext,
          "Q=" + q + (vipsOpts.isEmpty() ? "" : "," + vipsOpts),
          theirs.images,
          theirs.bytes,
          bestVips / 1e6 / files.size(),
          mp / (bestVips / 1e9));
    }
  }

  record Result(int images, long bytes, long nanos, long encodeNanos) {}

  /** The worker's pipeline, both boxes from one decode; the encode step timed on its own. */
  private static final class Ours {
    private final RenderPipeline pipeline;
    private final List<Preset> presets;
    private final String ext;
    private final int quality;

    Ours(RenderPipeline pipeline, OutputFormat format, int quality, String ext) {
      this.pipeline = pipeline;
      this.ext = ext;
      this.quality = quality;
      this.presets =
          List.of(
              new Preset("1024", 1024, 1024, FitMode.FIT, format, quality),
              new Preset("256", 256, 256, FitMode.FIT, format, quality));
    }

    String setting() {
      return "q"
          + quality
          + ("avif".equals(ext)
              ? " (libavif q" + (quality - 20) + ", speed " + NativeCodecs.DEFAULT_AVIF_SPEED + ")"
              : " (libwebp)");
    }

    Result pass(List<Path> files, Path out) throws IOException {
      Files.createDirectories(out);
      long[] encode = new long[1];
      StepObserver observer =
          new StepObserver() {
            @Override
            public <T> T around(String step, Supplier<T> run) {
              if (!step.equals("Encode")) {
                return run.get();
              }
              long start = System.nanoTime();
              T result = run.get();
              encode[0] += System.nanoTime() - start;
              return result;
            }
          };
      int images = 0;
      long bytes = 0;
      long start = System.nanoTime();
      for (Path file : files) {
        String base = out.resolve(baseName(file)).toString();
        try {
          for (RenderedThumbnail t :
              pipeline.render(file, presets, List.of(), null, observer).thumbnails()) {
            Files.write(Path.of(base + "_" + t.preset() + "." + ext), t.bytes());
            bytes += t.bytes().length;
          }
          images++;
        } catch (RuntimeException e) {
          System.err.println("ours skipped " + file.getFileName() + ": " + e.getMessage());
        }
      }
      return new Result(images, bytes, System.nanoTime() - start, encode[0]);
    }
  }

  /** vipsthumbnail in batch mode, one process per box, one thread, on this JVM's CPU. */
  private record Vips(String ext, String opts) {

    Result pass(List<Path> files, Path out, int q) throws IOException, InterruptedException {
      Files.createDirectories(out);
      try (Stream<Path> old = Files.list(out)) {
        for (Path f : old.toList()) {
          Files.delete(f);
        }
      }
      long start = System.nanoTime();
      for (int box : new int[] {1024, 256}) {
        List<String> cmd = new ArrayList<>();
        cmd.add("vipsthumbnail");
        cmd.add("-s");
        cmd.add(box + "x" + box + ">");
        cmd.add("-o");
        String options = "Q=" + q + ",strip" + (opts.isEmpty() ? "" : "," + opts);
        cmd.add(out + "/%s_" + box + "." + ext + "[" + options + "]");
        files.forEach(f -> cmd.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("VIPS_CONCURRENCY", "1");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.start().waitFor(); // non-zero when one file fails: counted below, as the harness does
      }
      long nanos = System.nanoTime() - start;
      int images = 0;
      long bytes = 0;
      for (Path file : files) {
        Path a = out.resolve(baseName(file) + "_1024." + ext);
        Path b = out.resolve(baseName(file) + "_256." + ext);
        if (Files.exists(a) && Files.exists(b)) {
          images++;
        }
        bytes += imageBytes(a) + imageBytes(b);
      }
      return new Result(images, bytes, nanos, 0);
    }

    /**
     * The Q (1..100) whose total bytes are nearest {@code target}, stopping once within 5%: bytes
     * grow with Q, so bisection on a bracket, stepping by secant between its ends.
     */
    int search(List<Path> files, Path out, long target, int guess)
        throws IOException, InterruptedException {
      int lo = 1;
      int hi = 100;
      long loBytes = -1;
      long hiBytes = -1;
      int q = guess;
      int best = q;
      double bestErr = Double.MAX_VALUE;
      for (int probe = 0; probe < 8; probe++) {
        long bytes = pass(files, out, q).bytes;
        double err = (double) bytes / target - 1;
        System.err.printf(
            Locale.ROOT,
            "vips %s Q=%d: %d bytes (%+.1f%% vs ours %d)%n",
            ext,
            q,
            bytes,
            100 * err,
            target);
        if (Math.abs(err) < bestErr) {
          bestErr = Math.abs(err);
          best = q;
        }
        if (Math.abs(err) <= TOLERANCE) {
          break;
        }
        if (bytes < target) {
          lo = q;
          loBytes = bytes;
        } else {
          hi = q;
          hiBytes = bytes;
        }
        if (hi - lo <= 1) {
          break;
        }
        int next;
        if (loBytes >= 0 && hiBytes >= 0) {
          double share = (double) (target - loBytes) / (hiBytes - loBytes);
          next = lo + (int) Math.round(share * (hi - lo));
        } else {
          next = bytes < target ? q + 12 : q - 12;
        }
        q = Math.clamp(next, lo + 1, hi - 1);
      }
      return best;
    }
  }

  /**
   * A file's bytes less its metadata: vipsthumbnail 8.14 keeps EXIF, XMP and ICC in a WebP even
   * with {@code strip} (its AVIF honours it), and ours writes none, so WebP's {@code EXIF}, {@code
   * XMP } and {@code ICCP} chunks are not counted. 0 when the file is missing.
   */
  static long imageBytes(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    byte[] b = Files.readAllBytes(file);
    long size = b.length;
    if (!file.toString().endsWith(".webp") || b.length < 12) {
      return size;
    }
    for (int at = 12; at + 8 <= b.length; ) {
      String type = new String(b, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
      long chunk =
          (b[at + 4] & 0xffL)
              | (b[at + 5] & 0xffL) << 8
              | (b[at + 6] & 0xffL) << 16
              | (b[at + 7] & 0xffL) << 24;
      long whole = 8 + chunk + (chunk & 1);
      if (type.equals("EXIF") || type.equals("XMP ") || type.equals("ICCP")) {
        size -= whole;
      }
      at += (int) whole;
    }
    return size;
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private EncoderBench() {}
}
