package dev.imageservice.worker.render;

import dev.imageservice.worker.render.pixel.Pixels;
import java.awt.image.BufferedImage;

/**
 * Composites transparent renditions onto white where the output format has no alpha (JPEG), so that
 * transparent areas do not turn black.
 */
final class FlattenAlpha implements RenderStep {

  @Override
  public RenderState apply(RenderState state) {
    return state.withRenditions(
        state.renditions().stream()
            .map(
                r ->
                    !r.format().hasAlpha() && Pixels.hasAlpha(r.image())
                        ? r.withImage(onWhite(r.image()))
                        : r)
            .toList());
  }

  static BufferedImage onWhite(BufferedImage premultiplied) {
    BufferedImage out = Pixels.create(premultiplied.getWidth(), premultiplied.getHeight(), false);
    int[] src = Pixels.data(premultiplied);
    int[] dst = Pixels.data(out);
    for (int i = 0; i < src.length; i++) {
      int p = src[i];
      // Premultiplied "over": colour + (1 - alpha) * white.
      int white = 255 - (p >>> 24);
      dst[i] =
          (Math.min(255, (p >> 16 & 0xff) + white) << 16)
              | (Math.min(255, (p >> 8 & 0xff) + white) << 8)
              | Math.min(255, (p & 0xff) + white);
    }
    return out;
  }
}
