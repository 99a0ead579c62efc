package dev.imageservice.worker.render.pixel;

import java.util.Arrays;

/**
 * Fixed-point Lanczos-3 taps for every output position along one axis, and the one pass that
 * applies them: {@code count[i]} taps from input line {@code first[i]}, weights {@code weights[i *
 * taps + k]} summing to exactly {@code 1 << BITS}.
 */
record LanczosWeights(int[] first, int[] count, int taps, int[] weights) {

  static final int BITS = 14;
  private static final int HALF = 1 << (BITS - 1);

  static LanczosWeights of(int inSize, int outSize) {
    double ratio = (double) inSize / outSize;
    double stretch = Math.max(1.0, ratio);
    double support = Lanczos3.RADIUS * stretch;
    int taps = (int) Math.ceil(support) * 2 + 1;
    int[] first = new int[outSize];
    int[] count = new int[outSize];
    int[] weights = new int[outSize * taps];
    double[] w = new double[taps];
    for (int i = 0; i < outSize; i++) {
      double centre = (i + 0.5) * ratio;
      int lo = Math.max(0, (int) Math.floor(centre - support));
      int hi = Math.min(Math.min(inSize, (int) Math.ceil(centre + support)), lo + taps);
      double sum = 0;
      for (int j = lo; j < hi; j++) {
        w[j - lo] = Lanczos3.kernel((j + 0.5 - centre) / stretch);
        sum += w[j - lo];
      }
      first[i] = lo;
      count[i] = hi - lo;
      // Rounded weights, the largest corrected so that they sum to exactly 1.0: flat areas
      // come out unchanged.
      int total = 0;
      int largest = 0;
      for (int k = 0; k < hi - lo; k++) {
        int fixed = (int) Math.round(w[k] / sum * (1 << BITS));
        weights[i * taps + k] = fixed;
        total += fixed;
        largest = fixed > weights[i * taps + largest] ? k : largest;
      }
      weights[i * taps + largest] += (1 << BITS) - total;
    }
    return new LanczosWeights(first, count, taps, weights);
  }

  /**
   * Output line {@code i}: the weighted sum of input lines {@code first[i]..} of {@code src} (lines
   * of {@code length} contiguous pixels), accumulated a whole line at a time so that the loops
   * vectorise, then clamped and packed; pixel {@code x} of the result goes to {@code dst[dstOffset
   * + x * dstStride]}. {@code sums} holds five scratch arrays of at least {@code length}.
   */
  void pass(
      int[] src,
      int length,
      int i,
      int[][] sums,
      int[] dst,
      int dstOffset,
      int dstStride,
      boolean alpha) {
    int[] line = sums[4];
    int[] sa = sums[0];
    int[] sr = sums[1];
    int[] sg = sums[2];
    int[] sb = sums[3];
    Arrays.fill(sa, 0, length, HALF);
    Arrays.fill(sr, 0, length, HALF);
    Arrays.fill(sg, 0, length, HALF);
    Arrays.fill(sb, 0, length, HALF);
    for (int k = 0, n = count[i]; k < n; k++) {
      // A copy of the line, indexed like the sums: C2 does not vectorise loads from one int[] at
      // an offset it cannot tell apart from stores into another (they might be the same array).
      System.arraycopy(src, (first[i] + k) * length, line, 0, length);
      int weight = weights[i * taps + k];
      if (alpha) {
        translucent(line, length, weight, sa, sr, sg, sb);
      } else {
        opaque(line, length, weight, sr, sg, sb);
      }
    }
    if (alpha) {
      for (int x = 0, d = dstOffset; x < length; x++, d += dstStride) {
        dst[d] = pack(sa[x], sr[x], sg[x], sb[x], true);
      }
    } else {
      int opaque = 255 << BITS;
      for (int x = 0, d = dstOffset; x < length; x++, d += dstStride) {
        dst[d] = pack(opaque, sr[x], sg[x], sb[x], false);
      }
    }
  }

  // The two loops live in methods of their own: in one method, the loop whose branch ran second
  // was compiled without vector code (about half the speed) once a process had seen both kinds.
  private static void translucent(
      int[] line, int length, int weight, int[] sa, int[] sr, int[] sg, int[] sb) {
    for (int x = 0; x < length; x++) {
      int p = line[x];
      sa[x] += weight * (p >>> 24);
      sr[x] += weight * (p >> 16 & 0xff);
      sg[x] += weight * (p >> 8 & 0xff);
      sb[x] += weight * (p & 0xff);
    }
  }

  /** Alpha is 255 everywhere and stays so: its sums would be wasted work. */
  private static void opaque(int[] line, int length, int weight, int[] sr, int[] sg, int[] sb) {
    for (int x = 0; x < length; x++) {
      int p = line[x];
      sr[x] += weight * (p >> 16 & 0xff);
      sg[x] += weight * (p >> 8 & 0xff);
      sb[x] += weight * (p & 0xff);
    }
  }

  /** The sums of one pixel, rounded back to 8 bits, clamped (colour to alpha) and packed. */
  static int pack(int a, int r, int g, int b, boolean alpha) {
    int ai = clamp(a >> BITS, 255);
    int max = alpha ? ai : 255;
    return ai << 24
        | clamp(r >> BITS, max) << 16
        | clamp(g >> BITS, max) << 8
        | clamp(b >> BITS, max);
  }

  private static int clamp(int value, int max) {
    return value < 0 ? 0 : Math.min(value, max);
  }
}
