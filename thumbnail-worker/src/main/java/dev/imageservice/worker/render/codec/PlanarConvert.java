package dev.imageservice.worker.render.codec;

import java.lang.foreign.MemorySegment;

/**
 * {@link PlanarReduce}'s whole-size case (factor 1, the common one for images up to twice the
 * largest preset): each pixel converted straight from its Y and its nearest chroma sample through
 * per-image lookup tables of the matrix's fixed-point products (16 fraction bits), without the
 * block sums. Same formula as {@link PlanarReduce#toArgb}; results within one level of it.
 */
final class PlanarConvert {

  private static final int HALF = 1 << 15;

  private PlanarConvert() {}

  static int[] toArgb(PlanarImage img, YcbcrMatrix m) {
    int width = img.width();
    int height = img.height();
    int size = 1 << img.bits();
    // Everything is brought to 8-bit scale first, as in PlanarReduce.
    float toEight = 1f / (1 << (img.bits() - 8));
    float yGain = m.fullRange() ? 1f : 255f / 219;
    float cGain = m.fullRange() ? 1f : 255f / 224;
    float yOffset = m.fullRange() ? 0f : 16f;
    int[] yT = new int[size];
    int[] rCr = new int[size];
    int[] gCb = new int[size];
    int[] gCr = new int[size];
    int[] bCb = new int[size];
    for (int v = 0; v < size; v++) {
      float c = img.mono() ? 0 : (v * toEight - 128) * cGain;
      yT[v] = Math.round(((v * toEight - yOffset) * yGain) * 65536) + HALF;
      rCr[v] = Math.round(m.rCr() * c * 65536);
      gCb[v] = Math.round(m.gCb() * c * 65536);
      gCr[v] = Math.round(m.gCr() * c * 65536);
      bCb[v] = Math.round(m.bCb() * c * 65536);
    }
    int alphaShift = Math.max(8, img.alphaBits()) - 8;
    int chromaWidth = img.chromaWidth();
    PlanarReduce.Rows rows = new PlanarReduce.Rows(Math.max(width, chromaWidth));
    int[] yRow = new int[width];
    int[] cbRow = new int[chromaWidth];
    int[] crRow = new int[chromaWidth];
    int[] aRow = new int[width];
    int[] out = new int[width * height];
    int shiftH = img.shiftH();
    int lastChromaRow = -1;
    MemorySegment alpha = img.alpha();
    for (int y = 0; y < height; y++) {
      rows.read(img.y(), (long) y * img.yStride(), width, img.bits(), yRow);
      int cy = y >> img.shiftV();
      if (cy != lastChromaRow && !img.mono()) {
        rows.read(img.cb(), (long) cy * img.chromaStride(), chromaWidth, img.bits(), cbRow);
        rows.read(img.cr(), (long) cy * img.chromaStride(), chromaWidth, img.bits(), crRow);
        lastChromaRow = cy;
      }
      if (alpha != null) {
        rows.read(alpha, (long) y * img.alphaStride(), width, img.alphaBits(), aRow);
      }
      int at = y * width;
      for (int x = 0; x < width; x++) {
        int yv = yT[yRow[x]];
        int r;
        int g;
        int b;
        if (img.mono()) {
          r = yv;
          g = yv;
          b = yv;
        } else {
          int c = x >> shiftH;
          int cb = cbRow[c];
          int cr = crRow[c];
          r = yv + rCr[cr];
          g = yv + gCb[cb] + gCr[cr];
          b = yv + bCb[cb];
        }
        int a =
            alpha == null ? 0xff : Math.min(255, (aRow[x] + (1 << alphaShift >> 1)) >> alphaShift);
        out[at + x] = a << 24 | clamp(r) << 16 | clamp(g) << 8 | clamp(b);
      }
    }
    return out;
  }

  private static int clamp(int fixed) {
    int v = fixed >> 16;
    return v < 0 ? 0 : Math.min(v, 255);
  }
}
