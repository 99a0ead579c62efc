package dev.imageservice.worker.render.saliency;

/**
 * How much each pixel of a small image draws the eye, after smartcrop.js and libvips' {@code
 * attention}: detail (the Laplacian of luminance: edges and texture), skin tones, and saturation of
 * mid-bright colours. Each of the three counts only where it stands out from the picture's median
 * (what most of the picture is, the background, scores zero): a skin-coloured or saturated backdrop
 * must not outweigh the subject in front of it. A flat or blurred background scores near zero, a
 * photographed subject high. Pure function of the pixels; thread-safe.
 */
public final class SaliencyMap {

  // Weights as smartcrop.js balances them: skin matters most (faces), detail next, colour least.
  private static final double DETAIL_WEIGHT = 1.0;
  private static final double SKIN_WEIGHT = 1.8;
  private static final double SATURATION_WEIGHT = 0.3;
  // smartcrop.js' skin colour (normalised RGB) and the distance at which a colour stops being skin.
  private static final double[] SKIN = normalised(0.78, 0.57, 0.44);
  private static final double SKIN_THRESHOLD = 0.8;

  private SaliencyMap() {}

  /**
   * The saliency of every pixel of a {@code width x height} ARGB image, row by row, each 0 to about
   * 3.
   */
  public static double[] of(int[] argb, int width, int height) {
    double[] luma = new double[argb.length];
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      luma[i] = (0.299 * (p >> 16 & 0xff) + 0.587 * (p >> 8 & 0xff) + 0.114 * (p & 0xff)) / 255;
    }
    double[] detail = new double[argb.length];
    double[] skin = new double[argb.length];
    double[] saturation = new double[argb.length];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        int p = argb[i];
        double r = (p >> 16 & 0xff) / 255.0;
        double g = (p >> 8 & 0xff) / 255.0;
        double b = (p & 0xff) / 255.0;
        detail[i] = detail(luma, width, height, x, y);
        skin[i] = skin(r, g, b, luma[i]);
        saturation[i] = saturation(r, g, b, luma[i]);
      }
    }
    double detailMedian = median(detail);
    double skinMedian = median(skin);
    double saturationMedian = median(saturation);
    double[] saliency = new double[argb.length];
    for (int i = 0; i < saliency.length; i++) {
      saliency[i] =
          DETAIL_WEIGHT * Math.max(0, detail[i] - detailMedian)
              + SKIN_WEIGHT * Math.max(0, skin[i] - skinMedian)
              + SATURATION_WEIGHT * Math.max(0, saturation[i] - saturationMedian);
    }
    return saliency;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }

  // The absolute Laplacian (4 neighbours), scaled so that a sharp edge scores about 1.
  private static double detail(double[] luma, int width, int height, int x, int y) {
    int i = y * width + x;
    double centre = luma[i];
    double sum =
        luma[x > 0 ? i - 1 : i]
            + luma[x < width - 1 ? i + 1 : i]
            + luma[y > 0 ? i - width : i]
            + luma[y < height - 1 ? i + width : i];
    return Math.min(1, Math.abs(4 * centre - sum) * 2);
  }

  private static double skin(double r, double g, double b, double luma) {
    if (luma < 0.2 || luma > 0.95) {
      return 0;
    }
    double[] c = normalised(r, g, b);
    double distance =
        Math.sqrt(
            (c[0] - SKIN[0]) * (c[0] - SKIN[0])
                + (c[1] - SKIN[1]) * (c[1] - SKIN[1])
                + (c[2] - SKIN[2]) * (c[2] - SKIN[2]));
    double similarity = 1 - distance;
    return similarity > SKIN_THRESHOLD ? (similarity - SKIN_THRESHOLD) / (1 - SKIN_THRESHOLD) : 0;
  }

  private static double saturation(double r, double g, double b, double luma) {
    if (luma < 0.05 || luma > 0.9) {
      return 0;
    }
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    return max == 0 ? 0 : (max - min) / max;
  }

  private static double[] normalised(double r, double g, double b) {
    double length = Math.sqrt(r * r + g * g + b * b);
    return length == 0 ? new double[] {0, 0, 0} : new double[] {r / length, g / length, b / length};
  }
}
