package dev.imageservice.local;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A large, detailed JPEG made on the fly: slow enough to decode that a test can catch a worker in
 * the middle of rendering it, without committing a big file.
 */
final class LargeTestImage {

  private LargeTestImage() {}

  static Path create(Path file, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < pixels.length; i++) {
      // Gradients plus noise: detail that the entropy decoder has to work through.
      int x = (i / 3) % width;
      pixels[i] = (byte) ((x + i % 3 * 40) + random.nextInt(64));
    }
    try {
      ImageIO.write(image, "jpeg", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
