package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Box-averages native YCbCr planes by a whole factor and converts only the reduced pixels to packed
 * {@code 0xAARRGGBB}: libheif neither converts nor copies the full-size image (its RGBA copy took 4
 * bytes a pixel beside the 1.5 of the 4:2:0 planes), and the heap holds the reduced image and a few
 * rows. Averaging before the (linear) conversion gives the average of the converted pixels except
 * where a channel clips. Chroma is upsampled by nearest neighbour, as libheif 1.15 does. Edge
 * blocks average over what they hold.
 */
final class PlanarReduce {

  private PlanarReduce() {}

  static int[] toArgb(PlanarImage img, int factor, YcbcrMatrix matrix) {
    if (factor == 1) {
      return PlanarConvert.toArgb(img, matrix);
    }
    if (factor == 2 && PlanarHalve.handles(img)) {
      return PlanarHalve.toArgb(img, matrix);
    }
    int width = img.width();
    int height = img.height();
    int outWidth = (width + factor - 1) / factor;
    int outHeight = (height + factor - 1) / factor;
    int[] out = new int[outWidth * outHeight];
    int[] column = new int[width];
    for (int x = 0; x < width; x++) {
      column[x] = x / factor;
    }
    int chromaWidth = img.chromaWidth();
    Rows rows = new Rows(Math.max(width, chromaWidth));
    int[] row = new int[width];
    int[] cbRow = new int[chromaWidth];
    int[] crRow = new int[chromaWidth];
    long[] sy = new long[outWidth];
    long[] scb = new long[outWidth];
    long[] scr = new long[outWidth];
    long @Nullable [] sa = img.alpha() == null ? null : new long[outWidth];
    int shiftH = img.shiftH();
    int shiftV = img.shiftV();
    for (int oy = 0; oy < outHeight; oy++) {
      Arrays.fill(sy, 0);
      Arrays.fill(scb, 0);
      Arrays.fill(scr, 0);
      int y0 = oy * factor;
      int blockRows = Math.min(factor, height - y0);
      for (int y = y0; y < y0 + blockRows; y++) {
        rows.read(img.y(), (long) y * img.yStride(), width, img.bits(), row);
        for (int x = 0; x < width; x++) {
          sy[column[x]] += row[x];
        }
      }
      MemorySegment alphaPlane = img.alpha();
      if (sa != null && alphaPlane != null) {
        Arrays.fill(sa, 0);
        for (int y = y0; y < y0 + blockRows; y++) {
          rows.read(alphaPlane, (long) y * img.alphaStride(), width, img.alphaBits(), row);
          for (int x = 0; x < width; x++) {
            sa[column[x]] += row[x];
          }
        }
      }
      // Each chroma row once, weighted by how many of this block's luma rows it serves.
      int yEnd = y0 + blockRows;
      for (int cy = y0 >> shiftV; !img.mono() && cy <= (yEnd - 1) >> shiftV; cy++) {
        long weight = Math.min(yEnd, (cy + 1) << shiftV) - Math.max(y0, cy << shiftV);
        long offset = (long) cy * img.chromaStride();
        rows.read(img.cb(), offset, chromaWidth, img.bits(), cbRow);
        rows.read(img.cr(), offset, chromaWidth, img.bits(), crRow);
        for (int x = 0; x < width; x++) {
          int c = x >> shiftH;
          scb[column[x]] += weight * cbRow[c];
          scr[column[x]] += weight * crRow[c];
        }
      }
      convertRow(img, matrix, factor, blockRows, sy, scb, scr, sa, out, oy * outWidth);
    }
    return out;
  }

  private static void convertRow(
      PlanarImage img,
      YcbcrMatrix m,
      int factor,
      int blockRows,
      long[] sy,
      long[] scb,
      long[] scr,
      long @Nullable [] sa,
      int[] out,
      int at) {
    int width = img.width();
    // Samples of more than 8 bits are brought to 8 as libheif does, by their top 8 bits' scale.
    float toEight = 1f / (1 << (img.bits() - 8));
    float alphaToEight = 1f / (1 << (Math.max(8, img.alphaBits()) - 8));
    float yGain = m.fullRange() ? 1f : 255f / 219;
    float cGain = m.fullRange() ? 1f : 255f / 224;
    float yOffset = m.fullRange() ? 0f : 16f;
    for (int ox = 0; ox < sy.length; ox++) {
      int n = blockRows * Math.min(factor, width - ox * factor);
      float scale = toEight / n;
      float yv = (sy[ox] * scale - yOffset) * yGain;
      float cb = img.mono() ? 0 : (scb[ox] * scale - 128) * cGain;
      float cr = img.mono() ? 0 : (scr[ox] * scale - 128) * cGain;
      int r = clamp(yv + m.rCr() * cr);
      int g = clamp(yv + m.gCb() * cb + m.gCr() * cr);
      int b = clamp(yv + m.bCb() * cb);
      int a = sa == null ? 0xff : clamp(sa[ox] * (alphaToEight / n));
      out[at + ox] = a << 24 | r << 16 | g << 8 | b;
    }
  }

  private static int clamp(float v) {
    int i = (int) (v + 0.5f);
    return i < 0 ? 0 : Math.min(i, 255);
  }

  /** Reads one row of 8-bit or 16-bit little-endian samples into ints, through one scratch row. */
  static final class Rows {
    private static final java.lang.foreign.ValueLayout.OfShort LE16 =
        JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private final byte[] bytes;
    private final short[] shorts;

    Rows(int width) {
      bytes = new byte[width];
      shorts = new short[width];
    }

    void read(MemorySegment plane, long offset, int count, int bits, int[] into) {
      if (bits <= 8) {
        MemorySegment.copy(plane, JAVA_BYTE, offset, bytes, 0, count);
        for (int i = 0; i < count; i++) {
          into[i] = bytes[i] & 0xff;
        }
      } else {
        MemorySegment.copy(plane, LE16, offset, shorts, 0, count);
        for (int i = 0; i < count; i++) {
          into[i] = shorts[i] & 0xffff;
        }
      }
    }
  }
}
