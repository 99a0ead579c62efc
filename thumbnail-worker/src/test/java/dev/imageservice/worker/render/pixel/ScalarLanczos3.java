package dev.imageservice.worker.render.pixel;

/**
 * The resampler as it was before its horizontal pass ran on transposed strips (main 50ca9f2), kept
 * only as the reference that {@link Lanczos3} must match bit for bit: a scalar horizontal pass with
 * two channels per {@code long}, so the comparison also checks that the int32 sums of the new pass
 * are exactly the packed lanes' sums. It takes its taps and its final clamp-and-pack from {@link
 * LanczosWeights}, unchanged by that work.
 */
final class ScalarLanczos3 {

  private static final int BITS = 14;
  private static final int HALF = 1 << (BITS - 1);
  private static final long HALF_PAIR = (long) HALF << 32 | HALF;

  private ScalarLanczos3() {}

  static int[] resize(
      int[] src, int width, int height, int outWidth, int outHeight, boolean alpha) {
    // Vertical pass first: it is the vectorised one, so the scalar horizontal pass gets the
    // fewer rows.
    Weights down = Weights.of(height, outHeight);
    int[] vertical = new int[width * outHeight];
    int[][] sums = new int[4][width];
    for (int y = 0; y < outHeight; y++) {
      down.column(src, width, y, sums, vertical, alpha);
    }
    Weights across = Weights.of(width, outWidth);
    int[] out = new int[outWidth * outHeight];
    for (int y = 0; y < outHeight; y++) {
      across.row(vertical, y * width, out, y * outWidth, alpha);
    }
    return out;
  }

  /** Fixed-point kernel taps for every output position along one axis. */
  private record Weights(int[] first, int[] count, int taps, int[] weights) {

    // The taps are the resampler's own: what this reference keeps of the old code is its two
    // passes, which are what changed.
    static Weights of(int inSize, int outSize) {
      LanczosWeights taps = LanczosWeights.of(inSize, outSize);
      return new Weights(taps.first(), taps.count(), taps.taps(), taps.weights());
    }

    /**
     * One output row of the horizontal pass. Two channels share one {@code long}, 32 bits apart
     * (alpha below green, blue below red), so a tap costs two multiplications instead of four: each
     * lane's sum stays within 26 bits, and a negative lane borrows from the one above it, which
     * {@link #high} gives back.
     */
    void row(int[] src, int base, int[] dst, int dstBase, boolean alpha) {
      for (int i = 0; i < first.length; i++) {
        long ag = HALF_PAIR;
        long rb = HALF_PAIR;
        int offset = base + first[i];
        int w = i * taps;
        for (int k = 0, n = count[i]; k < n; k++) {
          int p = src[offset + k];
          long weight = weights[w + k];
          ag += weight * ((p >>> 24) | (long) (p >> 8 & 0xff) << 32);
          rb += weight * ((p & 0xff) | (long) (p >> 16 & 0xff) << 32);
        }
        int a = (int) ag;
        int b = (int) rb;
        dst[dstBase + i] = LanczosWeights.pack(a, high(rb, b), high(ag, a), b, alpha);
      }
    }

    /** The upper lane of a pair whose lower lane, sign-extended, is {@code low}. */
    private static int high(long pair, int low) {
      return (int) ((pair - low) >> 32);
    }

    /** Output row {@code y} of the vertical pass, accumulated a whole source row at a time. */
    void column(int[] src, int width, int y, int[][] sums, int[] dst, boolean alpha) {
      int[] sa = sums[0];
      int[] sr = sums[1];
      int[] sg = sums[2];
      int[] sb = sums[3];
      for (int x = 0; x < width; x++) {
        sa[x] = HALF;
        sr[x] = HALF;
        sg[x] = HALF;
        sb[x] = HALF;
      }
      for (int k = 0, n = count[y]; k < n; k++) {
        int weight = weights[y * taps + k];
        int row = (first[y] + k) * width;
        if (alpha) {
          for (int x = 0; x < width; x++) {
            int p = src[row + x];
            sa[x] += weight * (p >>> 24);
            sr[x] += weight * (p >> 16 & 0xff);
            sg[x] += weight * (p >> 8 & 0xff);
            sb[x] += weight * (p & 0xff);
          }
        } else {
          // Opaque: alpha is 255 everywhere and stays so; its sums would be wasted work.
          for (int x = 0; x < width; x++) {
            int p = src[row + x];
            sr[x] += weight * (p >> 16 & 0xff);
            sg[x] += weight * (p >> 8 & 0xff);
            sb[x] += weight * (p & 0xff);
          }
        }
      }
      int out = y * width;
      int opaque = 255 << BITS;
      for (int x = 0; x < width; x++) {
        dst[out + x] = LanczosWeights.pack(alpha ? sa[x] : opaque, sr[x], sg[x], sb[x], alpha);
      }
    }
  }
}
