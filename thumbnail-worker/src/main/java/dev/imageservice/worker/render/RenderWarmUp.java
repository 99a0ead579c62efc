package dev.imageservice.worker.render;

import static java.awt.image.BufferedImage.TYPE_BYTE_GRAY;
import static java.awt.image.BufferedImage.TYPE_INT_ARGB;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Renders a few small images of each common kind (an opaque JPEG large enough to be scaled on
 * decode, opaque (large enough to be subsampled), grey and transparent PNGs with photo-like noise
 * and every PNG row filter, a transparent WebP) through a pipeline, so that the first real job does
 * not pay for class loading, ImageIO plug-in discovery, native symbol binding and the interpreter:
 * measured, a cold first render is several times slower than a warm one.
 *
 * <p>Thread-safe (uses only its own temporary files); meant to run once at start-up, before the
 * worker takes messages.
 */
public final class RenderWarmUp {

  private static final int PASSES = 3;
  private static final int NOISE = 24;

  private RenderWarmUp() {}

  /** Renders the warm-up images with every configured preset; returns how long it took. */
  public static Duration run(RenderPipeline pipeline) {
    return run(pipeline, PASSES);
  }

  /** The same with a chosen number of passes (more passes: more of the JIT's work done). */
  public static Duration run(RenderPipeline pipeline, int passes) {
    long start = System.nanoTime();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("render-warm-up");
      List<Path> images =
          List.of(
              write(dir, "warm-up.jpg", "jpeg", picture(2400, 1600, BufferedImage.TYPE_INT_RGB)),
              // Large enough to be decoded with source subsampling, as big PNGs are.
              EveryFilterPng.write(
                  dir.resolve("warm-up.png"),
                  picture(2400, 1600, BufferedImage.TYPE_INT_RGB),
                  false),
              EveryFilterPng.write(
                  dir.resolve("warm-up-alpha.png"), picture(800, 600, TYPE_INT_ARGB), true),
              write(dir, "warm-up-grey.png", "png", picture(600, 400, TYPE_BYTE_GRAY)),
              copyResource(dir, "warm-up.webp"));
      List<Preset> presets = pipeline.presetsNamed(List.of());
      for (int pass = 0; pass < passes; pass++) {
        for (Path image : images) {
          pipeline.render(image, presets);
        }
      }
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
    int seed = 17;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        seed = seed * 1_103_515_245 + 12_345;
        int noise = (seed >>> 16) % NOISE;
        int alpha = x < width / 4 && y < height / 4 ? 0x40 : 0xff;
        int red = Math.min(255, x * 255 / width + noise);
        int green = Math.min(255, y * 255 / height + noise);
        image.setRGB(x, y, alpha << 24 | red << 16 | green << 8 | 0x80);
      }
    }
    return image;
  }

  private static Path write(Path dir, String name, String format, BufferedImage image)
      throws IOException {
    Path file = dir.resolve(name);
    if (!ImageIO.write(image, format, file.toFile())) {
      throw new IOException("no ImageIO writer for " + format);
    }
    return file;
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
