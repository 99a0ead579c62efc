package bench;

import dev.imageservice.worker.render.FitMode;
import dev.imageservice.worker.render.OutputFormat;
import dev.imageservice.worker.render.Preset;
import dev.imageservice.worker.render.RenderPipeline;
import dev.imageservice.worker.render.RenderProperties;
import dev.imageservice.worker.render.RenderedThumbnail;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Bytes per thumbnail and encode time per output format on a corpus directory: each image is
 * rendered once per box (fit 1024 and 256, lossless PNG out of the production pipeline), and those
 * pixels are encoded as JPEG q85 (TurboJPEG), WebP q85 (libwebp) and AVIF at the quality the worker
 * uses for q85 and at each given speed (libavif/libaom). Encoding only: decode and resize are the
 * same for every format. Prints a Markdown table.
 *
 * <pre>java -cp ... bench.FormatBench CORPUS_DIR [AVIF_SPEED...]</pre>
 */
public final class FormatBench {

  private static final int QUALITY = 85;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int[] speeds =
        args.length > 1
            ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {NativeCodecs.DEFAULT_AVIF_SPEED};
    NativeCodecs codecs = NativeCodecs.load();
    if (!codecs.jpeg() || !codecs.webpEncoding() || !codecs.avifEncoding()) {
      throw new IllegalStateException("needs libturbojpeg0, libwebp7 and libavif15: " + codecs);
    }
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults(), codecs);
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(f -> f.toString().matches(".*\\.(jpg|png|webp|gif|tiff?|bmp)$"))
              .sorted()
              .toList();
    }
    Map<String, long[]> totals = new LinkedHashMap<>(); // row -> {thumbnails, bytes, nanos}
    int images = 0;
    for (Path file : files) {
      List<RenderedThumbnail> boxes;
      try {
        boxes =
            pipeline
                .render(
                    file,
                    List.of(
                        new Preset("1024", 1024, 1024, FitMode.FIT, OutputFormat.PNG, QUALITY),
                        new Preset("256", 256, 256, FitMode.FIT, OutputFormat.PNG, QUALITY)))
                .thumbnails();
      } catch (RuntimeException e) {
        System.err.println("skipped " + file.getFileName() + ": " + e.getMessage());
        continue;
      }
      images++;
      for (RenderedThumbnail box : boxes) {
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(box.bytes()));
        int w = png.getWidth();
        int h = png.getHeight();
        int[] straight = png.getRGB(0, 0, w, h, null, 0, w);
        boolean alpha = Arrays.stream(straight).anyMatch(p -> (p >>> 24) != 0xff);
        int[] premultiplied = alpha ? premultiply(straight) : straight;
        String size = box.preset();
        add(totals, size + " JPEG q85", () -> codecs.encodeJpeg(straight, w, h, 0.85f).get());
        add(totals, size + " WebP q85", () -> codecs.encodeWebp(straight, w, h, QUALITY).get());
        for (int speed : speeds) {
          add(
              totals,
              size + " AVIF q" + (QUALITY - 20) + " speed " + speed,
              () -> codecs.encodeAvif(premultiplied, w, h, alpha, QUALITY - 20, speed).get());
        }
      }
      System.err.println("done " + file.getFileName());
    }
    System.out.printf("%d images from %s, %s%n%n", images, dir, codecs);
    System.out.println("| box, format | thumbnails | mean bytes | vs JPEG | mean encode ms |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Map.Entry<String, long[]> row : totals.entrySet()) {
      long[] t = row.getValue();
      long[] jpeg = totals.get(row.getKey().split(" ")[0] + " JPEG q85");
      System.out.printf(
          "| %s | %d | %,d | %.2f | %.1f |%n",
          row.getKey(),
          t[0],
          t[1] / t[0],
          (double) t[1] / jpeg[1],
          t[2] / 1e6 / t[0]);
    }
  }

  private interface Encoding {
    byte[] run();
  }

  private static void add(Map<String, long[]> totals, String row, Encoding encoding) {
    if (!totals.containsKey(row)) {
      encoding.run(); // warm: the first call of each encoder pays for its set-up and the JIT
    }
    long start = System.nanoTime();
    byte[] bytes = encoding.run();
    long nanos = System.nanoTime() - start;
    long[] t = totals.computeIfAbsent(row, k -> new long[3]);
    t[0]++;
    t[1] += bytes.length;
    t[2] += nanos;
  }

  private static int[] premultiply(int[] straight) {
    int[] out = new int[straight.length];
    for (int i = 0; i < straight.length; i++) {
      int p = straight[i];
      int a = p >>> 24;
      out[i] =
          a << 24
              | ((p >> 16 & 0xff) * a + 127) / 255 << 16
              | ((p >> 8 & 0xff) * a + 127) / 255 << 8
              | ((p & 0xff) * a + 127) / 255;
    }
    return out;
  }

  private FormatBench() {}
}
