package dev.imageservice.worker.render;

/**
 * Separable Lanczos-3 resampling of packed 32-bit pixels, with the kernel widened by the reduction
 * ratio so that downscaling filters out what the target cannot show (as Pillow and libvips do).
 * Premultiplied pixels stay valid: colour is clamped to alpha after the ringing of the kernel.
 */
final class Lanczos3 {

  private static final double RADIUS = 3.0;

  private Lanczos3() {}

  static int[] resize(
      int[] src, int width, int height, int outWidth, int outHeight, boolean alpha) {
    int[] horizontal = new int[outWidth * height];
    Weights across = Weights.of(width, outWidth);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < outWidth; x++) {
        horizontal[y * outWidth + x] = across.apply(src, y * width, 1, x, alpha);
      }
    }
    int[] out = new int[outWidth * outHeight];
    Weights down = Weights.of(height, outHeight);
    for (int y = 0; y < outHeight; y++) {
      for (int x = 0; x < outWidth; x++) {
        out[y * outWidth + x] = down.apply(horizontal, x, outWidth, y, alpha);
      }
    }
    return out;
  }

  /** Normalised kernel taps for every output position along one axis. */
  private record Weights(int[] first, int taps, float[] weights) {

    static Weights of(int inSize, int outSize) {
      double ratio = (double) inSize / outSize;
      double stretch = Math.max(1.0, ratio);
      double support = RADIUS * stretch;
      int taps = (int) Math.ceil(support) * 2 + 1;
      int[] first = new int[outSize];
      float[] weights = new float[outSize * taps];
      for (int i = 0; i < outSize; i++) {
        double centre = (i + 0.5) * ratio;
        int lo = Math.max(0, (int) Math.floor(centre - support));
        int hi = Math.min(inSize, (int) Math.ceil(centre + support));
        hi = Math.min(hi, lo + taps);
        double sum = 0;
        for (int j = lo; j < hi; j++) {
          sum += kernel((j + 0.5 - centre) / stretch);
        }
        first[i] = lo;
        for (int j = lo; j < hi; j++) {
          weights[i * taps + j - lo] = (float) (kernel((j + 0.5 - centre) / stretch) / sum);
        }
      }
      return new Weights(first, taps, weights);
    }

    /** One output pixel from the pixels at {@code base + (first + k) * step}. */
    int apply(int[] pixels, int base, int step, int i, boolean alpha) {
      float a = 0;
      float r = 0;
      float g = 0;
      float b = 0;
      int offset = base + first[i] * step;
      int w = i * taps;
      int limit = Math.min(taps, (pixels.length - offset + step - 1) / step);
      for (int k = 0; k < limit; k++, offset += step) {
        float weight = weights[w + k];
        if (weight == 0f) {
          continue;
        }
        int p = pixels[offset];
        a += weight * (p >>> 24);
        r += weight * (p >> 16 & 0xff);
        g += weight * (p >> 8 & 0xff);
        b += weight * (p & 0xff);
      }
      int ai = clamp(a, 255);
      int max = alpha ? ai : 255;
      return ai << 24 | clamp(r, max) << 16 | clamp(g, max) << 8 | clamp(b, max);
    }

    private static int clamp(float value, int max) {
      int v = Math.round(value);
      return v < 0 ? 0 : Math.min(v, max);
    }
  }

  private static double kernel(double x) {
    if (x == 0) {
      return 1;
    }
    if (x <= -RADIUS || x >= RADIUS) {
      return 0;
    }
    double px = Math.PI * x;
    return RADIUS * Math.sin(px) * Math.sin(px / RADIUS) / (px * px);
  }
}
