package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.pixel.Pixels;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FlattenAlphaTest {

  @Test
  void transparentPixelsBecomeWhiteAndOpaqueOnesStay() {
    BufferedImage premultiplied =
        Pixels.wrap(new int[] {0, 0xff102030, Pixels.premultiply(0x80000000)}, 3, 1, true);
    int[] out = Pixels.data(FlattenAlpha.onWhite(premultiplied));
    assertThat(out[0] & 0xffffff).isEqualTo(0xffffff);
    assertThat(out[1] & 0xffffff).isEqualTo(0x102030);
    assertThat(out[2] & 0xffffff).isEqualTo(0x7f7f7f); // half black over white
  }
}
