package dev.imageservice.worker.render.pixel;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Helpers over the two working pixel formats: {@code TYPE_INT_RGB} (opaque) and {@code
 * TYPE_INT_ARGB_PRE} (transparent; premultiplied so that averaging does not bleed the colour of
 * invisible pixels into edges). Only for images this package created (no offsets, stride = width).
 */
public final class Pixels {

  private static final DirectColorModel OPAQUE = model(BufferedImage.TYPE_INT_RGB);
  private static final DirectColorModel STRAIGHT = model(BufferedImage.TYPE_INT_ARGB);
  private static final DirectColorModel PREMULTIPLIED = model(BufferedImage.TYPE_INT_ARGB_PRE);

  private Pixels() {}

  private static DirectColorModel model(int type) {
    return (DirectColorModel) new BufferedImage(1, 1, type).getColorModel();
  }

  public static int[] data(BufferedImage image) {
    return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
  }

  public static boolean hasAlpha(BufferedImage image) {
    return image.getType() == BufferedImage.TYPE_INT_ARGB_PRE;
  }

  /** A new image of the same working type. */
  public static BufferedImage create(int width, int height, boolean alpha) {
    return new BufferedImage(
        width, height, alpha ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB);
  }

  /** Wraps packed pixels as a working image, without copying: the caller gives up the array. */
  public static BufferedImage wrap(int[] pixels, int width, int height, boolean alpha) {
    return wrap(pixels, width, height, alpha ? PREMULTIPLIED : OPAQUE);
  }

  /** Wraps straight-alpha {@code 0xAARRGGBB} pixels as {@code TYPE_INT_ARGB}, without copying. */
  public static BufferedImage wrapStraight(int[] pixels, int width, int height) {
    return wrap(pixels, width, height, STRAIGHT);
  }

  private static BufferedImage wrap(int[] pixels, int width, int height, DirectColorModel model) {
    WritableRaster raster =
        Raster.createPackedRaster(
            new DataBufferInt(pixels, width * height),
            width,
            height,
            width,
            model.getMasks(),
            null);
    // BufferedImage recognises the standard layouts, so getType() is TYPE_INT_RGB, ... as usual.
    return new BufferedImage(model, raster, model.isAlphaPremultiplied(), null);
  }

  /** True when some pixel of an ARGB image is not fully opaque. */
  public static boolean anyTransparent(BufferedImage argb) {
    for (int pixel : data(argb)) {
      if (pixel >>> 24 != 255) {
        return true;
      }
    }
    return false;
  }

  public static int premultiply(int argb) {
    int a = argb >>> 24;
    if (a == 255) {
      return argb;
    }
    return a << 24
        | mul(argb >> 16 & 0xff, a) << 16
        | mul(argb >> 8 & 0xff, a) << 8
        | mul(argb & 0xff, a);
  }

  public static int unpremultiply(int argb) {
    int a = argb >>> 24;
    if (a == 255 || a == 0) {
      return a == 0 ? 0 : argb;
    }
    return a << 24
        | div(argb >> 16 & 0xff, a) << 16
        | div(argb >> 8 & 0xff, a) << 8
        | div(argb & 0xff, a);
  }

  private static int mul(int c, int a) {
    return (c * a + 127) / 255;
  }

  private static int div(int c, int a) {
    return Math.min(255, (c * 255 + a / 2) / a);
  }
}
