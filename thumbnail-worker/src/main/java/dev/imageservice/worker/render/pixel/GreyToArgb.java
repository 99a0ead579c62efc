package dev.imageservice.worker.render.pixel;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/** Expands grey or grey+alpha rasters of any bit depth to straight sRGB ARGB, sample for sample. */
public final class GreyToArgb {

  private GreyToArgb() {}

  /** {@code type} is {@code TYPE_INT_RGB} or {@code TYPE_INT_ARGB}. */
  public static BufferedImage convert(BufferedImage grey, int type) {
    Raster raster = grey.getRaster();
    int width = raster.getWidth();
    int height = raster.getHeight();
    boolean alpha = raster.getNumBands() > 1 && grey.getColorModel().hasAlpha();
    int greyMax = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
    int alphaMax = alpha ? (1 << raster.getSampleModel().getSampleSize(1)) - 1 : 1;
    BufferedImage out = new BufferedImage(width, height, type);
    int[] argb = Pixels.data(out);
    int[] g = new int[width];
    int[] a = new int[width];
    for (int y = 0; y < height; y++) {
      raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, g);
      if (alpha) {
        raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 1, a);
      }
      for (int x = 0; x < width; x++) {
        int v = scale(g[x], greyMax);
        int av = alpha ? scale(a[x], alphaMax) : 255;
        argb[y * width + x] = av << 24 | v << 16 | v << 8 | v;
      }
    }
    return out;
  }

  private static int scale(int sample, int max) {
    return max == 255 ? sample : (int) ((sample * 255L + max / 2) / max);
  }
}
