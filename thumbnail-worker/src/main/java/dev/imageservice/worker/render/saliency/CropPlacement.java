package dev.imageservice.worker.render.saliency;

/**
 * Where a crop window of fixed size goes in an image so that it holds the most saliency: the window
 * slides over a summed-area table of the {@link SaliencyMap}, and among windows within 2 % of the
 * spread between the worst and the best the one whose centre is nearest the picture's centre wins
 * (a flat picture keeps the centred crop; the spread, not the total, so that a busy background
 * cannot hide a subject cut in half). Pure function; thread-safe.
 *
 * @param x the window's left edge as a share of the free room ({@code 0} left, {@code 0.5} centred,
 *     {@code 1} right), so it applies to the same picture at any scale
 * @param y likewise, top to bottom
 */
public record CropPlacement(double x, double y) {

  /** The centred window. */
  public static final CropPlacement CENTRED = new CropPlacement(0.5, 0.5);

  private static final double NEAR_BEST = 0.98;

  /**
   * The best place for a {@code cropWidth x cropHeight} window in a {@code width x height} saliency
   * map.
   */
  public static CropPlacement best(
      double[] saliency, int width, int height, int cropWidth, int cropHeight) {
    int roomX = width - cropWidth;
    int roomY = height - cropHeight;
    if (roomX <= 0 && roomY <= 0) {
      return CENTRED;
    }
    double[] table = summedArea(saliency, width, height);
    double best = Double.NEGATIVE_INFINITY;
    double worst = Double.POSITIVE_INFINITY;
    for (int y = 0; y <= Math.max(0, roomY); y++) {
      for (int x = 0; x <= Math.max(0, roomX); x++) {
        double sum = sum(table, width, x, y, cropWidth, cropHeight);
        best = Math.max(best, sum);
        worst = Math.min(worst, sum);
      }
    }
    if (best - worst <= 1e-9 * Math.max(1, Math.abs(best))) {
      return CENTRED;
    }
    double threshold = best - (1 - NEAR_BEST) * (best - worst);
    CropPlacement chosen = CENTRED;
    double nearest = Double.MAX_VALUE;
    for (int y = 0; y <= Math.max(0, roomY); y++) {
      for (int x = 0; x <= Math.max(0, roomX); x++) {
        if (sum(table, width, x, y, cropWidth, cropHeight) >= threshold) {
          double fx = roomX <= 0 ? 0.5 : (double) x / roomX;
          double fy = roomY <= 0 ? 0.5 : (double) y / roomY;
          double distance = Math.abs(fx - 0.5) * roomX + Math.abs(fy - 0.5) * roomY;
          if (distance < nearest) {
            nearest = distance;
            chosen = new CropPlacement(fx, fy);
          }
        }
      }
    }
    return chosen;
  }

  /** The window's left edge in an image with {@code room} pixels to spare. */
  public int left(int room) {
    return (int) Math.round(x * Math.max(0, room));
  }

  /** The window's top edge in an image with {@code room} pixels to spare. */
  public int top(int room) {
    return (int) Math.round(y * Math.max(0, room));
  }

  // table[(y) * (w + 1) + x] = sum of saliency above and left of (x, y), exclusive.
  private static double[] summedArea(double[] values, int width, int height) {
    double[] table = new double[(width + 1) * (height + 1)];
    for (int y = 0; y < height; y++) {
      double row = 0;
      for (int x = 0; x < width; x++) {
        row += values[y * width + x];
        table[(y + 1) * (width + 1) + x + 1] = table[y * (width + 1) + x + 1] + row;
      }
    }
    return table;
  }

  private static double sum(double[] table, int width, int x, int y, int w, int h) {
    int stride = width + 1;
    return table[(y + h) * stride + x + w]
        - table[y * stride + x + w]
        - table[(y + h) * stride + x]
        + table[y * stride + x];
  }
}
