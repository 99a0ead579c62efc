package dev.imageservice.worker.render.pixel;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * ThumbHash (Evan Wallace's public algorithm, https://evanw.github.io/thumbhash/): a placeholder of
 * about 25 bytes holding the average colour, a few DCT terms of luminance, two chroma channels and
 * alpha, and the aspect ratio. This is a port of the reference {@code rgbaToThumbHash}; clients
 * decode it with the reference {@code thumbHashToRGBA}. Stateless and thread-safe.
 */
public final class ThumbHash {

  /** The reference algorithm refuses larger inputs; callers shrink first ({@link #of}). */
  public static final int MAX_SIDE = 100;

  private ThumbHash() {}

  /** The hash of {@code image}, shrunk (area averaging) to fit 100x100 first when larger. */
  public static byte[] of(BufferedImage image) {
    BufferedImage small = image;
    int w = image.getWidth();
    int h = image.getHeight();
    if (w > MAX_SIDE || h > MAX_SIDE) {
      double s = Math.min((double) MAX_SIDE / w, (double) MAX_SIDE / h);
      w = Math.max(1, Math.min(MAX_SIDE, (int) Math.round(w * s)));
      h = Math.max(1, Math.min(MAX_SIDE, (int) Math.round(h * s)));
      small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
      java.awt.Graphics2D g = small.createGraphics();
      try {
        g.drawImage(image.getScaledInstance(w, h, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
      } finally {
        g.dispose();
      }
    }
    int[] argb = small.getRGB(0, 0, w, h, null, 0, w);
    return encode(w, h, argb);
  }

  /** {@code rgbaToThumbHash} of the reference, on packed 0xAARRGGBB pixels (straight alpha). */
  static byte[] encode(int w, int h, int[] argb) {
    double avgR = 0;
    double avgG = 0;
    double avgB = 0;
    double avgA = 0;
    for (int p : argb) {
      double alpha = (p >>> 24) / 255.0;
      avgR += alpha / 255 * (p >> 16 & 0xff);
      avgG += alpha / 255 * (p >> 8 & 0xff);
      avgB += alpha / 255 * (p & 0xff);
      avgA += alpha;
    }
    if (avgA > 0) {
      avgR /= avgA;
      avgG /= avgA;
      avgB /= avgA;
    }
    boolean hasAlpha = avgA < w * h;
    int lLimit = hasAlpha ? 5 : 7; // fewer luminance terms when alpha needs the room
    int lx = Math.max(1, (int) Math.round((double) lLimit * w / Math.max(w, h)));
    int ly = Math.max(1, (int) Math.round((double) lLimit * h / Math.max(w, h)));
    int n = w * h;
    double[] l = new double[n];
    double[] pc = new double[n];
    double[] qc = new double[n];
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      int p = argb[i];
      double alpha = (p >>> 24) / 255.0;
      // Composite atop the average colour, then luminance and two opponent chroma channels.
      double r = avgR * (1 - alpha) + alpha / 255 * (p >> 16 & 0xff);
      double g = avgG * (1 - alpha) + alpha / 255 * (p >> 8 & 0xff);
      double b = avgB * (1 - alpha) + alpha / 255 * (p & 0xff);
      l[i] = (r + g + b) / 3;
      pc[i] = (r + g) / 2 - b;
      qc[i] = r - g;
      a[i] = alpha;
    }
    Channel lum = Channel.encode(l, w, h, Math.max(3, lx), Math.max(3, ly));
    Channel p = Channel.encode(pc, w, h, 3, 3);
    Channel q = Channel.encode(qc, w, h, 3, 3);
    Channel alphaChannel = hasAlpha ? Channel.encode(a, w, h, 5, 5) : null;
    boolean landscape = w > h;
    int header24 =
        (int) Math.round(63 * lum.dc)
            | (int) Math.round(31.5 + 31.5 * p.dc) << 6
            | (int) Math.round(31.5 + 31.5 * q.dc) << 12
            | (int) Math.round(31 * lum.scale) << 18
            | (hasAlpha ? 1 : 0) << 23;
    int header16 =
        (landscape ? ly : lx)
            | (int) Math.round(63 * p.scale) << 3
            | (int) Math.round(63 * q.scale) << 9
            | (landscape ? 1 : 0) << 15;
    List<Channel> channels =
        alphaChannel == null ? List.of(lum, p, q) : List.of(lum, p, q, alphaChannel);
    int acCount = channels.stream().mapToInt(c -> c.ac.size()).sum();
    int acStart = hasAlpha ? 6 : 5;
    byte[] hash = new byte[acStart + (acCount + 1) / 2];
    hash[0] = (byte) header24;
    hash[1] = (byte) (header24 >> 8);
    hash[2] = (byte) (header24 >> 16);
    hash[3] = (byte) header16;
    hash[4] = (byte) (header16 >> 8);
    if (alphaChannel != null) {
      hash[5] =
          (byte)
              ((int) Math.round(15 * alphaChannel.dc)
                  | (int) Math.round(15 * alphaChannel.scale) << 4);
    }
    int index = 0;
    for (Channel c : channels) {
      for (double f : c.ac) {
        hash[acStart + (index >> 1)] |= (byte) ((int) Math.round(15 * f) << ((index & 1) << 2));
        index++;
      }
    }
    return hash;
  }

  /** One channel's DC term, its AC terms normalised to 0..1, and their scale. */
  private record Channel(double dc, List<Double> ac, double scale) {

    static Channel encode(double[] channel, int w, int h, int nx, int ny) {
      double dc = 0;
      double scale = 0;
      List<Double> ac = new ArrayList<>();
      double[] fx = new double[w];
      for (int cy = 0; cy < ny; cy++) {
        for (int cx = 0; cx * ny < nx * (ny - cy); cx++) {
          for (int x = 0; x < w; x++) {
            fx[x] = Math.cos(Math.PI / w * cx * (x + 0.5));
          }
          double f = 0;
          for (int y = 0; y < h; y++) {
            double fy = Math.cos(Math.PI / h * cy * (y + 0.5));
            for (int x = 0; x < w; x++) {
              f += channel[x + y * w] * fx[x] * fy;
            }
          }
          f /= w * h;
          if (cx > 0 || cy > 0) {
            ac.add(f);
            scale = Math.max(scale, Math.abs(f));
          } else {
            dc = f;
          }
        }
      }
      if (scale > 0) {
        for (int i = 0; i < ac.size(); i++) {
          ac.set(i, 0.5 + 0.5 / scale * ac.get(i));
        }
      }
      return new Channel(dc, ac, scale);
    }
  }
}
