package dev.imageservice.worker.render;

import static java.awt.image.BufferedImage.TYPE_BYTE_GRAY;
import static java.awt.image.BufferedImage.TYPE_BYTE_INDEXED;
import static java.awt.image.BufferedImage.TYPE_INT_ARGB;
import static java.awt.image.BufferedImage.TYPE_INT_RGB;
import static java.awt.image.BufferedImage.TYPE_USHORT_GRAY;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Renders a few images of each common kind (an opaque JPEG large enough to be scaled on decode, a
 * camera-like progressive JPEG with EXIF and the usual sRGB profile, one with a profile to apply,
 * PNGs with photo-like noise and every row filter, a transparent WebP, AVIFs of its own making;
 * every output format once; see {@link #run} and {@link #thorough}) through a pipeline, so that the
 * first real job does not pay for class loading, ImageIO plug-in discovery, native symbol binding
 * and the interpreter: measured, a cold first render is several times slower than a warm one. It
 * ends by letting the JIT finish compiling what it made hot ({@link JitSettle}, at most 2 s).
 *
 * <p>Thread-safe (uses only its own temporary files); meant to run once at start-up, before the
 * worker takes messages.
 */
public final class RenderWarmUp {

  private static final int PASSES = 3;
  private static final int NOISE = 24;
  private static final String SRGB_ICC = "srgb-iec61966-2.1.icc";
  private static final Duration SETTLE = Duration.ofSeconds(2);
  private static final Duration DEADLINE = Duration.ofMinutes(1);

  private RenderWarmUp() {}

  /**
   * The worker's start-up warm-up: a photo-size JPEG, two small camera-like JPEGs (progressive,
   * EXIF-rotated, sRGB profile; a profile to apply), small opaque, grey and transparent PNGs and a
   * transparent WebP, three times with every configured preset, after two of them once in every
   * output format; where libheif decodes, those two AVIF thumbnails join the passes. Returns how
   * long it took.
   */
  public static Duration run(RenderPipeline pipeline) {
    return run(pipeline, PASSES, false, result -> {});
  }

  /**
   * A longer warm-up for a JVM that is timed from its first call (the benchmark's render server):
   * also a PNG wide enough to be decoded with source subsampling, grey + alpha, 16-bit, palette and
   * interlaced PNGs, each of which takes its own path through ImageIO's PNG reader, whose
   * compilation by C2 otherwise costs seconds during the first real PNGs.
   */
  public static Duration thorough(RenderPipeline pipeline, int passes) {
    return run(pipeline, passes, true, result -> {});
  }

  /** The warm-up, handing each render's result to {@code seen} (what it covered, for tests). */
  static Duration run(
      RenderPipeline pipeline, int passes, boolean thorough, Consumer<RenderResult> seen) {
    long start = System.nanoTime();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("render-warm-up");
      List<Path> images = new ArrayList<>();
      images.add(
          WarmUpJpeg.write(
              dir.resolve("warm-up.jpg"), picture(2400, 1600, TYPE_INT_RGB), false, 1, null));
      // A phone's photo: progressive, turned by EXIF, with the sRGB profile cameras embed (its
      // equivalence to sRGB is measured once and kept, see SrgbEquivalent).
      images.add(
          WarmUpJpeg.write(
              dir.resolve("camera.jpg"),
              picture(1200, 800, TYPE_INT_RGB),
              true,
              6,
              resource(SRGB_ICC)));
      // A wide-gamut profile that must be applied (LCMS, after the resize).
      Path wide = dir.resolve("wide-gamut.jpg");
      images.add(
          WarmUpJpeg.write(
              wide,
              picture(600, 400, TYPE_INT_RGB),
              false,
              1,
              ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData()));
      images.add(EveryFilterPng.write(dir.resolve("rgb.png"), picture(800, 600, TYPE_INT_RGB), 3));
      Path rgba =
          EveryFilterPng.write(dir.resolve("rgba.png"), picture(400, 300, TYPE_INT_ARGB), 4);
      images.add(rgba);
      images.add(write(dir, "grey.png", "png", picture(400, 300, TYPE_BYTE_GRAY)));
      images.add(copyResource(dir, "warm-up.webp"));
      if (thorough) {
        images.add(
            EveryFilterPng.write(dir.resolve("wide.png"), picture(4400, 600, TYPE_INT_RGB), 3));
        images.add(
            EveryFilterPng.write(
                dir.resolve("rgba-big.png"), picture(1200, 800, TYPE_INT_ARGB), 4));
        images.add(
            EveryFilterPng.write(
                dir.resolve("grey-alpha.png"), picture(1200, 800, TYPE_INT_ARGB), 2));
        images.add(write(dir, "16.png", "png", picture(300, 200, TYPE_USHORT_GRAY)));
        images.add(write(dir, "palette.png", "png", picture(600, 400, TYPE_BYTE_INDEXED)));
        images.add(interlaced(dir.resolve("interlaced.png"), picture(400, 300, TYPE_INT_RGB)));
      }
      List<Preset> presets = pipeline.presetsNamed(List.of());
      // Every output format once (their encoders' first calls set up native state), opaque and
      // with alpha, as uploads with formats=... ask; small images: these encoders are slow. Their
      // AVIF thumbnails then warm the HEIC/AVIF decoder (libheif, the planar YCbCr path).
      List<OutputFormat> all = List.of(OutputFormat.values());
      // One box, not every preset: AVIF encoding is the slowest step of the whole warm-up.
      List<Preset> one = List.of(Preset.of("warm-up", 1024, 1024, FitMode.FIT));
      RenderResult opaque = pipeline.render(wide, one, all, null);
      RenderResult transparent = pipeline.render(rgba, one, all, null);
      seen.accept(opaque);
      seen.accept(transparent);
      if (pipeline.decodesHeif()) {
        addLargestAvif(images, dir.resolve("opaque.avif"), opaque);
        addLargestAvif(images, dir.resolve("alpha.avif"), transparent);
      }
      for (int pass = 0; pass < passes; pass++) {
        for (Path image : images) {
          seen.accept(thorough ? pipeline.render(image, presets) : asTheWorker(pipeline, image));
        }
      }
      // The warm-up's survivors are copied now, not by the first real render's first young
      // collection (measured 40 ms with the serial collector a one-core JVM picks; later ones
      // take under 1 ms). A no-op under -XX:+DisableExplicitGC.
      System.gc();
      JitSettle.await(SETTLE);
    } catch (IOException e) {
      throw new UncheckedIOException("render warm-up failed", e);
    } finally {
      deleteQuietly(dir);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * A gradient with a transparent corner when the type has alpha, plus a little deterministic
   * noise: a smooth image would only ever exercise one PNG filter and the cheapest JPEG blocks.
   */
  private static BufferedImage picture(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    int[] row = new int[width];
    int seed = 17;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        seed = seed * 1_103_515_245 + 12_345;
        int noise = (seed >>> 16) % NOISE;
        int alpha = x < width / 4 && y < height / 4 ? 0x40 : 0xff;
        int red = Math.min(255, x * 255 / width + noise);
        int green = Math.min(255, y * 255 / height + noise);
        row[x] = alpha << 24 | red << 16 | green << 8 | 0x80;
      }
      // One call per row: setRGB per pixel made generating the pictures most of the warm-up.
      image.setRGB(0, y, width, 1, row, 0, width);
    }
    return image;
  }

  /** An Adam7-interlaced PNG: ImageIO's reader has a separate path for each of its passes. */
  private static Path interlaced(Path file, BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return file;
  }

  private static Path write(Path dir, String name, String format, BufferedImage image)
      throws IOException {
    Path file = dir.resolve(name);
    if (!ImageIO.write(image, format, file.toFile())) {
      throw new IOException("no ImageIO writer for " + format);
    }
    return file;
  }

  /**
   * As the worker's job processor calls the pipeline: probed first, then rendered under a deadline
   * (the watchdog's path). The thorough warm-up calls as the benchmark's batch does, without.
   */
  private static RenderResult asTheWorker(RenderPipeline pipeline, Path image) {
    List<Preset> presets = pipeline.presetsNamed(List.of());
    return pipeline.render(
        pipeline.probe(image, presets), List.of(), Instant.now().plus(DEADLINE), StepObserver.NONE);
  }

  private static void addLargestAvif(List<Path> images, Path file, RenderResult result)
      throws IOException {
    Optional<RenderedThumbnail> avif =
        result.thumbnails().stream()
            .filter(t -> t.format() == OutputFormat.AVIF)
            .max(Comparator.comparingLong(t -> (long) t.width() * t.height()));
    if (avif.isPresent()) {
      images.add(Files.write(file, avif.get().bytes()));
    }
  }

  /**
   * The sRGB profile most cameras, phones and Photoshop embed ("sRGB IEC61966-2.1", HP/Microsoft,
   * 3144 bytes).
   */
  static byte[] srgbProfile() {
    try {
      return resource(SRGB_ICC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = RenderWarmUp.class.getResourceAsStream(name)) {
      return Objects.requireNonNull(in, "missing resource " + name).readAllBytes();
    }
  }

  private static Path copyResource(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = RenderWarmUp.class.getResourceAsStream(name)) {
      Files.copy(Objects.requireNonNull(in, "missing resource " + name), file);
    }
    return file;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Only temporary files are left behind.
    }
  }
}
