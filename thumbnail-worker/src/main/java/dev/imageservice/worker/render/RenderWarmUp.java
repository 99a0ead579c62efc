package dev.imageservice.worker.render;

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
 * decode, a transparent PNG, a transparent WebP) through a pipeline, so that the first real job
 * does not pay for class loading, ImageIO plug-in discovery, native symbol binding and the
 * interpreter: measured, a cold first render is several times slower than a warm one.
 *
 * <p>Thread-safe (uses only its own temporary files); meant to run once at start-up, before the
 * worker takes messages.
 */
public final class RenderWarmUp {

  private static final int PASSES = 3;

  private RenderWarmUp() {}

  /** Renders the warm-up images with every configured preset; returns how long it took. */
  public static Duration run(RenderPipeline pipeline) {
    long start = System.nanoTime();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("render-warm-up");
      List<Path> images =
          List.of(
              write(dir, "warm-up.jpg", "jpeg", picture(1600, 1200, BufferedImage.TYPE_INT_RGB)),
              write(dir, "warm-up.png", "png", picture(400, 300, BufferedImage.TYPE_INT_ARGB)),
              copyResource(dir, "warm-up.webp"));
      List<Preset> presets = pipeline.presetsNamed(List.of());
      for (int pass = 0; pass < PASSES; pass++) {
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

  /** A smooth gradient with a transparent corner when the type has alpha. */
  private static BufferedImage picture(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int alpha = x < width / 4 && y < height / 4 ? 0x40 : 0xff;
        image.setRGB(x, y, alpha << 24 | (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x80);
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
