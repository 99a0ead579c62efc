package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

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
