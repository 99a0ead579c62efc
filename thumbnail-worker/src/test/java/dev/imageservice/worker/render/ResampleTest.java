package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.pixel.BoxHalving;
import dev.imageservice.worker.render.pixel.Lanczos3;
import dev.imageservice.worker.render.pixel.Pixels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResampleTest {

  @Test
  void boxHalvingAveragesEachLaneOfFourPixels() {
    int[] src = {0xff000000, 0xff0000ff, 0x00000000, 0xff00ff00};
    int[] half = BoxHalving.halve(src, 2, 2);
    // alpha (255*3)/4 = 191.25, blue 255/4 = 63.75, green 63.75, rounded.
    assertThat(half).containsExactly(0xbf004040);
  }

  @Test
  void lanczosKeepsAUniformColourUniform() {
    int[] src = new int[97 * 61];
    Arrays.fill(src, 0xff336699);
    int[] out = Lanczos3.resize(src, 97, 61, 40, 25, false);
    assertThat(out).containsOnly(0xff336699);
  }

  @Test
  void lanczosAgreesWithAFloatingPointLanczos() {
    // Red and green: mid-range noise, never clipped, so fixed point (14-bit weights, a rounding
    // after each pass) and doubles must agree to about a level. Blue: hard 0/255 stripes, whose
    // ringing drives its sums negative, below red's in the
    // same packed long; red must not feel it.
    java.util.Random random = new java.util.Random(7);
    int width = 131;
    int height = 77;
    int[] src = new int[width * height];
    for (int i = 0; i < src.length; i++) {
      int red = 64 + random.nextInt(128);
      int green = 64 + random.nextInt(128);
      int blue = (i % width) / 5 % 2 == 0 ? 0 : 255;
      src[i] = 0xff000000 | red << 16 | green << 8 | blue;
    }

    int[] out = Lanczos3.resize(src, width, height, 70, 41, false);

    for (int shift : new int[] {16, 8}) {
      double[][] expected = floatLanczos(src, width, height, 70, 41, shift);
      for (int y = 0; y < 41; y++) {
        for (int x = 0; x < 70; x++) {
          int actual = out[y * 70 + x] >>> shift & 0xff;
          assertThat((double) actual)
              .as("channel >>%d at %d,%d", shift, x, y)
              .isCloseTo(expected[y][x], org.assertj.core.data.Offset.offset(1.5));
        }
      }
    }
  }

  /** Separable Lanczos-3 in doubles, kernel widened by the ratio, no intermediate rounding. */
  private static double[][] floatLanczos(
      int[] src, int width, int height, int outWidth, int outHeight, int shift) {
    double[][] vertical = new double[outHeight][width];
    for (int y = 0; y < outHeight; y++) {
      double[] taps = taps(height, outHeight, y);
      for (int x = 0; x < width; x++) {
        double sum = 0;
        for (int k = 0; k < height; k++) {
          sum += taps[k] * (src[k * width + x] >>> shift & 0xff);
        }
        vertical[y][x] = sum;
      }
    }
    double[][] out = new double[outHeight][outWidth];
    for (int x = 0; x < outWidth; x++) {
      double[] taps = taps(width, outWidth, x);
      for (int y = 0; y < outHeight; y++) {
        double sum = 0;
        for (int k = 0; k < width; k++) {
          sum += taps[k] * vertical[y][k];
        }
        out[y][x] = sum;
      }
    }
    return out;
  }

  private static double[] taps(int inSize, int outSize, int i) {
    double ratio = (double) inSize / outSize;
    double stretch = Math.max(1, ratio);
    double centre = (i + 0.5) * ratio;
    double[] taps = new double[inSize];
    double total = 0;
    for (int k = 0; k < inSize; k++) {
      double t = (k + 0.5 - centre) / stretch;
      double v =
          t == 0
              ? 1
              : Math.abs(t) >= 3
                  ? 0
                  : 3
                      * Math.sin(Math.PI * t)
                      * Math.sin(Math.PI * t / 3)
                      / (Math.PI * Math.PI * t * t);
      taps[k] = v;
      total += v;
    }
    for (int k = 0; k < inSize; k++) {
      taps[k] /= total;
    }
    return taps;
  }

  @Test
  void lanczosKeepsPremultipliedColourWithinAlpha() {
    // Opaque white next to fully transparent: ringing must not push colour above alpha.
    int[] src = new int[20 * 4];
    for (int i = 0; i < src.length; i++) {
      src[i] = i % 20 < 10 ? 0xffffffff : 0;
    }
    for (int p : Lanczos3.resize(src, 20, 4, 7, 2, true)) {
      int alpha = p >>> 24;
      assertThat(p >> 16 & 0xff).isLessThanOrEqualTo(alpha);
      assertThat(p & 0xff).isLessThanOrEqualTo(alpha);
    }
  }

  @Test
  void transparentPixelsDoNotDarkenTheEdgesOfAnOpaqueColour() {
    // Transparent black beside opaque red: premultiplied averaging keeps the edge red.
    int[] src = new int[16 * 16];
    for (int i = 0; i < src.length; i++) {
      src[i] = i % 16 < 8 ? Pixels.premultiply(0xffff0000) : Pixels.premultiply(0x00000000);
    }
    int[] out = Lanczos3.resize(BoxHalving.halve(src, 16, 16), 8, 8, 3, 3, true);
    for (int p : out) {
      int straight = Pixels.unpremultiply(p);
      if (straight >>> 24 > 16) {
        assertThat(straight >> 16 & 0xff).as(Integer.toHexString(straight)).isGreaterThan(240);
      }
    }
  }
}
