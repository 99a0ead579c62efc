package dev.imageservice.worker.render.pixel;

/**
 * Exact 2x2 box averaging of packed 32-bit pixels (all four 8-bit lanes, so opaque RGB and
 * premultiplied ARGB alike). A cheap, alias-free first stage for large reductions.
 */
public final class BoxHalving {

  private BoxHalving() {}

  /** Halves a {@code width x height} image; an odd last row or column is dropped. */
  public static int[] halve(int[] src, int width, int height) {
    int halfWidth = width / 2;
    int halfHeight = height / 2;
    int[] dst = new int[halfWidth * halfHeight];
    for (int y = 0; y < halfHeight; y++) {
      int row0 = 2 * y * width;
      int row1 = row0 + width;
      int out = y * halfWidth;
      for (int x = 0; x < halfWidth; x++) {
        int a = src[row0 + 2 * x];
        int b = src[row0 + 2 * x + 1];
        int c = src[row1 + 2 * x];
        int d = src[row1 + 2 * x + 1];
        // Two lanes per long-free sum: 4 x 255 fits in 10 bits, so lanes do not overflow.
        int redBlue = (a & 0xff00ff) + (b & 0xff00ff) + (c & 0xff00ff) + (d & 0xff00ff) + 0x020002;
        int alphaGreen =
            (a >>> 8 & 0xff00ff)
                + (b >>> 8 & 0xff00ff)
                + (c >>> 8 & 0xff00ff)
                + (d >>> 8 & 0xff00ff)
                + 0x020002;
        dst[out + x] = (redBlue >>> 2 & 0xff00ff) | (alphaGreen << 6 & 0xff00ff00);
      }
    }
    return dst;
  }
}
