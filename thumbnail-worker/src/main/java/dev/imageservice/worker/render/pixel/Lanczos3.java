package dev.imageservice.worker.render.pixel;

/**
 * Separable Lanczos-3 resampling of packed 32-bit pixels, with the kernel widened by the reduction
 * ratio so that downscaling filters out what the target cannot show (as Pillow and libvips do).
 * Premultiplied pixels stay valid: colour is clamped to alpha after the ringing of the kernel.
 *
 * <p>Integer arithmetic with 14-bit weights (as Pillow's): exact enough for 8-bit samples. Both
 * passes run as the same "vertical" loop, one weight times a whole contiguous row, which the JIT
 * turns into vector code (a scalar pass along a row costs several times more per tap). The output
 * is built in strips of {@link #STRIP} rows: the vertical pass writes its strip transposed (column
 * {@code x} of the strip becomes a contiguous run of {@code STRIP} values), so that the horizontal
 * pass reads whole runs per tap too and writes its results straight into the output rows. The only
 * buffer besides the output is one strip of the source's width. Stateless and thread-safe.
 */
public final class Lanczos3 {

  /**
   * Rows per strip: the horizontal pass's vector length. Long enough that its loops run mostly in
   * their unrolled vector body; short enough that a transposed strip of a 2000-pixel-wide image (1
   * MB) stays in L2. 128 measured 0-25 % faster than 64 and 32, and 256 up to 20 % slower.
   */
  static final int STRIP = 128;

  static final double RADIUS = 3.0;

  private Lanczos3() {}

  public static int[] resize(
      int[] src, int width, int height, int outWidth, int outHeight, boolean alpha) {
    LanczosWeights down = LanczosWeights.of(height, outHeight);
    LanczosWeights across = LanczosWeights.of(width, outWidth);
    int strip = Math.min(STRIP, outHeight);
    int[] transposed = new int[width * strip];
    int[][] sums = new int[5][Math.max(width, strip)];
    int[] out = new int[outWidth * outHeight];
    for (int top = 0; top < outHeight; top += strip) {
      int rows = Math.min(strip, outHeight - top);
      for (int r = 0; r < rows; r++) {
        // Row top + r of the vertical result, stored transposed: pixel x at [x * rows + r].
        down.pass(src, width, top + r, sums, transposed, r, rows, alpha);
      }
      for (int x = 0; x < outWidth; x++) {
        // Column x of the strip's output rows, from runs of `rows` values, written in place.
        across.pass(transposed, rows, x, sums, out, top * outWidth + x, outWidth, alpha);
      }
    }
    return out;
  }

  static double kernel(double x) {
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
