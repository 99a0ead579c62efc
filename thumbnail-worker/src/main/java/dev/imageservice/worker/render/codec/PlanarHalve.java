package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;

/**
 * {@link PlanarReduce}'s most common case, 8-bit opaque planes reduced by 2 (a JPEG or HEIF decoded
 * at twice the size it is resized from), without its general block sums and float conversion: each
 * 2x2 luma block and the chroma it covers are summed into 4-sample units and converted with the
 * matrix's fixed-point factors. Of 4:2:0 planes the one chroma sample of the block is used as it
 * is. An odd last row or column counts twice, which averages edge blocks over what they hold.
 * Results within one level of {@link PlanarReduce}'s.
 */
final class PlanarHalve {

  private static final int HALF = 1 << 15;

  private PlanarHalve() {}

  /** Whether {@code img} is a case for this class (the caller reduces by 2). */
  static boolean handles(PlanarImage img) {
    return img.bits() == 8 && img.alpha() == null && img.shiftV() <= img.shiftH();
  }

  static int[] toArgb(PlanarImage img, YcbcrMatrix m) {
    int width = img.width();
    int height = img.height();
    int outWidth = (width + 1) / 2;
    int outHeight = (height + 1) / 2;
    Coefficients k = new Coefficients(m, img.mono());
    int[] out = new int[outWidth * outHeight];
    // One spare byte: an odd last column is read twice.
    byte[] y0 = new byte[width + 1];
    byte[] y1 = new byte[width + 1];
    int chromaWidth = img.chromaWidth();
    byte[] cb0 = new byte[chromaWidth + 1];
    byte[] cb1 = new byte[chromaWidth + 1];
    byte[] cr0 = new byte[chromaWidth + 1];
    byte[] cr1 = new byte[chromaWidth + 1];
    for (int oy = 0; oy < outHeight; oy++) {
      int ya = 2 * oy;
      int yb = Math.min(ya + 1, height - 1);
      read(img.y(), (long) ya * img.yStride(), width, y0);
      read(img.y(), (long) yb * img.yStride(), width, y1);
      int at = oy * outWidth;
      if (img.mono()) {
        grey(k, y0, y1, out, at, outWidth);
        continue;
      }
      int ca = ya >> img.shiftV();
      int cbRow = yb >> img.shiftV();
      read(img.cb(), (long) ca * img.chromaStride(), chromaWidth, cb0);
      read(img.cr(), (long) ca * img.chromaStride(), chromaWidth, cr0);
      if (img.shiftV() == 0) {
        read(img.cb(), (long) cbRow * img.chromaStride(), chromaWidth, cb1);
        read(img.cr(), (long) cbRow * img.chromaStride(), chromaWidth, cr1);
      }
      if (img.shiftH() == 1 && img.shiftV() == 1) {
        colour420(k, y0, y1, cb0, cr0, out, at, outWidth);
      } else if (img.shiftH() == 1) {
        colour422(k, y0, y1, cb0, cb1, cr0, cr1, out, at, outWidth);
      } else {
        colour444(k, y0, y1, cb0, cb1, cr0, cr1, out, at, outWidth);
      }
    }
    return out;
  }

  private static void read(MemorySegment plane, long offset, int count, byte[] into) {
    MemorySegment.copy(plane, JAVA_BYTE, offset, into, 0, count);
    into[count] = into[count - 1];
  }

  private static int luma(byte[] y0, byte[] y1, int x) {
    int xa = 2 * x;
    return (y0[xa] & 0xff) + (y0[xa + 1] & 0xff) + (y1[xa] & 0xff) + (y1[xa + 1] & 0xff);
  }

  private static void grey(Coefficients k, byte[] y0, byte[] y1, int[] out, int at, int outWidth) {
    for (int x = 0; x < outWidth; x++) {
      int v = clamp(k.y * luma(y0, y1, x) + k.offset);
      out[at + x] = 0xff000000 | v << 16 | v << 8 | v;
    }
  }

  private static void colour420(
      Coefficients k, byte[] y0, byte[] y1, byte[] cb, byte[] cr, int[] out, int at, int outWidth) {
    for (int x = 0; x < outWidth; x++) {
      out[at + x] = k.pixel(luma(y0, y1, x), 4 * (cb[x] & 0xff), 4 * (cr[x] & 0xff));
    }
  }

  private static void colour422(
      Coefficients k,
      byte[] y0,
      byte[] y1,
      byte[] cb0,
      byte[] cb1,
      byte[] cr0,
      byte[] cr1,
      int[] out,
      int at,
      int outWidth) {
    for (int x = 0; x < outWidth; x++) {
      int cb = 2 * ((cb0[x] & 0xff) + (cb1[x] & 0xff));
      int cr = 2 * ((cr0[x] & 0xff) + (cr1[x] & 0xff));
      out[at + x] = k.pixel(luma(y0, y1, x), cb, cr);
    }
  }

  private static void colour444(
      Coefficients k,
      byte[] y0,
      byte[] y1,
      byte[] cb0,
      byte[] cb1,
      byte[] cr0,
      byte[] cr1,
      int[] out,
      int at,
      int outWidth) {
    for (int x = 0; x < outWidth; x++) {
      out[at + x] = k.pixel(luma(y0, y1, x), luma(cb0, cb1, x), luma(cr0, cr1, x));
    }
  }

  /** The 8-bit value of a 16-bit fixed-point one, clamped (branch-free min/max). */
  private static int clamp(int fixed) {
    return Math.max(0, Math.min(255, fixed >> 16));
  }

  /**
   * The matrix as fixed-point (16 fraction bits) factors of sums of four 8-bit samples: a few
   * integer multiplications a pixel, cheaper here than table look-ups. The largest term, 4 x 255
   * times about 1.2 x 2^14, stays far inside an {@code int}.
   */
  private static final class Coefficients {
    final int y;
    final int offset;
    final int rCr;
    final int gCb;
    final int gCr;
    final int bCb;

    Coefficients(YcbcrMatrix m, boolean mono) {
      float yGain = m.fullRange() ? 1f : 255f / 219;
      float cGain = mono ? 0f : m.fullRange() ? 1f : 255f / 224;
      float yOffset = m.fullRange() ? 0f : 16f;
      y = Math.round(yGain * 65536 / 4);
      offset = Math.round(-yOffset * yGain * 65536) + HALF;
      rCr = Math.round(m.rCr() * cGain * 65536 / 4);
      gCb = Math.round(m.gCb() * cGain * 65536 / 4);
      gCr = Math.round(m.gCr() * cGain * 65536 / 4);
      bCb = Math.round(m.bCb() * cGain * 65536 / 4);
    }

    int pixel(int luma, int cb4, int cr4) {
      int v = y * luma + offset;
      int cb = cb4 - 4 * 128;
      int cr = cr4 - 4 * 128;
      return 0xff000000
          | clamp(v + rCr * cr) << 16
          | clamp(v + gCb * cb + gCr * cr) << 8
          | clamp(v + bCb * cb);
    }
  }
}
