package dev.imageservice.worker.render;

import java.awt.image.BufferedImage;

/** Pixel comparisons for tests, on sRGB values read through {@link BufferedImage#getRGB}. */
final class ImageCompare {

  private ImageCompare() {}

  /** Mean absolute difference of the R, G and B channels, 0..255. Sizes must match. */
  static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
    requireSameSize(a, b);
    double sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift < 24; shift += 8) {
          sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
        }
      }
    }
    return sum / (3.0 * a.getWidth() * a.getHeight());
  }

  /** Root mean square difference of the R, G and B channels on a 0..1 scale. */
  static double rmse(BufferedImage a, BufferedImage b) {
    requireSameSize(a, b);
    double sum = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift < 24; shift += 8) {
          double d = ((p >> shift & 0xff) - (q >> shift & 0xff)) / 255.0;
          sum += d * d;
        }
      }
    }
    return Math.sqrt(sum / (3.0 * a.getWidth() * a.getHeight()));
  }

  /** Mean alpha, 0..255 (255 for images without alpha). */
  static double meanAlpha(BufferedImage image) {
    double sum = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        sum += image.getRGB(x, y) >>> 24;
      }
    }
    return sum / ((double) image.getWidth() * image.getHeight());
  }

  /** A left-right mirror image, as a control for comparisons. */
  static BufferedImage mirrored(BufferedImage image) {
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        out.setRGB(image.getWidth() - 1 - x, y, image.getRGB(x, y));
      }
    }
    return out;
  }

  static boolean hasTransparentPixel(BufferedImage image) {
    if (!image.getColorModel().hasAlpha()) {
      return false;
    }
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRGB(x, y) >>> 24 != 255) {
          return true;
        }
      }
    }
    return false;
  }

  private static void requireSameSize(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      throw new AssertionError(
          "sizes differ: %dx%d vs %dx%d"
              .formatted(a.getWidth(), a.getHeight(), b.getWidth(), b.getHeight()));
    }
  }
}
