package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Turns a native interleaved RGBA plane into packed {@code 0xAARRGGBB} ints, averaging each {@code
 * factor x factor} block (edge blocks over what they hold), one source row at a time: the heap
 * holds only the reduced image and one row.
 */
final class BoxReduce {

  private BoxReduce() {}

  static int[] rgbaToArgb(
      MemorySegment rgba, int width, int height, int stride, int factor, boolean alpha) {
    int outWidth = (width + factor - 1) / factor;
    int outHeight = (height + factor - 1) / factor;
    int[] out = new int[outWidth * outHeight];
    int[] row = new int[width];
    long[] sums = new long[outWidth * 4];
    for (int oy = 0; oy < outHeight; oy++) {
      java.util.Arrays.fill(sums, 0);
      int rows = Math.min(factor, height - oy * factor);
      for (int r = 0; r < rows; r++) {
        long offset = (long) (oy * factor + r) * stride;
        // Little-endian ints of RGBA bytes read 0xAABBGGRR.
        MemorySegment.copy(
            rgba, JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), offset, row, 0, width);
        for (int x = 0; x < width; x++) {
          int p = row[x];
          int s = (x / factor) * 4;
          sums[s] += p & 0xff;
          sums[s + 1] += p >>> 8 & 0xff;
          sums[s + 2] += p >>> 16 & 0xff;
          sums[s + 3] += p >>> 24;
        }
      }
      for (int ox = 0; ox < outWidth; ox++) {
        long n = (long) rows * Math.min(factor, width - ox * factor);
        int s = ox * 4;
        int a = alpha ? (int) ((sums[s + 3] + n / 2) / n) : 0xff;
        out[oy * outWidth + ox] =
            a << 24
                | (int) ((sums[s] + n / 2) / n) << 16
                | (int) ((sums[s + 1] + n / 2) / n) << 8
                | (int) ((sums[s + 2] + n / 2) / n);
      }
    }
    return out;
  }
}
