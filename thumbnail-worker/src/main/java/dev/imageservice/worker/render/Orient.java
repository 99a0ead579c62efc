package dev.imageservice.worker.render;

import dev.imageservice.worker.render.pixel.Pixels;
import java.awt.image.BufferedImage;

/**
 * Applies the EXIF orientation (all eight) to each rendition. It runs after {@link Resize} rather
 * than after decoding, as architecture.md lists it, because turning a thumbnail costs a fraction of
 * turning the decoded image; {@link Geometry} sizes the thumbnails so the upright result fits.
 */
final class Orient implements RenderStep {

  @Override
  public RenderState apply(RenderState state) {
    int orientation = state.requireHeader().orientation();
    if (orientation <= 1 || orientation > 8) {
      return state;
    }
    return state.withRenditions(
        state.renditions().stream().map(r -> r.withImage(orient(r.image(), orientation))).toList());
  }

  static BufferedImage orient(BufferedImage image, int orientation) {
    int w = image.getWidth();
    int h = image.getHeight();
    boolean transposed = orientation >= 5;
    int outWidth = transposed ? h : w;
    BufferedImage out = Pixels.create(outWidth, transposed ? w : h, Pixels.hasAlpha(image));
    int[] src = Pixels.data(image);
    int[] dst = Pixels.data(out);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int to =
            switch (orientation) {
              case 2 -> y * outWidth + (w - 1 - x); // mirror horizontally
              case 3 -> (h - 1 - y) * outWidth + (w - 1 - x); // rotate 180
              case 4 -> (h - 1 - y) * outWidth + x; // mirror vertically
              case 5 -> x * outWidth + y; // transpose
              case 6 -> x * outWidth + (h - 1 - y); // rotate 90 clockwise
              case 7 -> (w - 1 - x) * outWidth + (h - 1 - y); // transverse
              default -> (w - 1 - x) * outWidth + y; // 8: rotate 90 anticlockwise
            };
        dst[to] = src[y * w + x];
      }
    }
    return out;
  }
}
