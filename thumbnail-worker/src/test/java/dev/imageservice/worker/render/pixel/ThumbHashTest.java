package dev.imageservice.worker.render.pixel;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * ThumbHash as the reference defines it: the header carries the average colour and the aspect
 * ratio, alpha adds one byte, and the hash stays a few dozen bytes whatever the input size.
 */
class ThumbHashTest {

  @Test
  void solidColourHeaderHoldsTheColourAndTheShape() {
    BufferedImage red = solid(200, 100, new Color(255, 0, 0));
    byte[] hash = ThumbHash.of(red);
    int header24 = (hash[0] & 0xff) | (hash[1] & 0xff) << 8 | (hash[2] & 0xff) << 16;
    int header16 = (hash[3] & 0xff) | (hash[4] & 0xff) << 8;
    double l = (header24 & 63) / 63.0;
    double q = ((header24 >> 12) & 63) / 31.5 - 1; // red - green
    assertThat(l).isCloseTo(1 / 3.0, org.assertj.core.api.Assertions.within(0.02));
    assertThat(q).isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.02));
    assertThat(header24 >> 23).as("no alpha").isZero();
    assertThat(header16 >> 15).as("landscape").isEqualTo(1);
    assertThat(hash.length).isBetween(5, 40);
  }

  @Test
  void transparentImagesSetTheAlphaFlagAndByte() {
    BufferedImage image = new BufferedImage(60, 80, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.BLUE);
    g.fillOval(10, 10, 40, 60);
    g.dispose();
    byte[] hash = ThumbHash.of(image);
    assertThat((hash[2] & 0x80) != 0).isTrue();
    assertThat((hash[4] & 0x80) != 0).as("portrait").isFalse();
    assertThat(hash.length).isBetween(6, 40);
  }

  @Test
  void largeImagesAreShrunkFirstAndGiveTheSameColourAndShape() {
    byte[] small = ThumbHash.of(solid(80, 60, Color.GRAY));
    byte[] large = ThumbHash.of(solid(800, 600, Color.GRAY));
    // The header (average colour, aspect ratio) is the same; the AC terms of a flat image are
    // rounding noise normalised by a near-zero scale, as in the reference.
    assertThat(java.util.Arrays.copyOf(large, 3))
        .containsExactly(java.util.Arrays.copyOf(small, 3));
    assertThat(large[4] & 0x80).isEqualTo(small[4] & 0x80);
    assertThat(large).hasSameSizeAs(small);
  }

  private static BufferedImage solid(int w, int h, Color colour) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return image;
  }
}
