package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.pixel.Pixels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvertToSrgbTest {

  private final ConvertToSrgb step = new ConvertToSrgb();

  @Test
  void greySamplesKeepTheirValue() {
    BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(0, 0, 0, 100);
    grey.getRaster().setSample(1, 0, 0, 200);
    BufferedImage out = convert(grey).image();
    assertThat(Pixels.data(out)[0] & 0xffffff).isEqualTo(0x646464);
    assertThat(Pixels.data(out)[1] & 0xffffff).isEqualTo(0xc8c8c8);
  }

  @Test
  void sixteenBitGreyIsScaledToEightBits() {
    BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
    grey.getRaster().setSample(0, 0, 0, 65535);
    assertThat(Pixels.data(convert(grey).image())[0] & 0xffffff).isEqualTo(0xffffff);
  }

  @Test
  void alphaChannelWithoutTransparentPixelsCountsAsOpaque() {
    BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 2, 2, new int[] {0xff123456, 0xff000000, 0xffffffff, 0xff654321}, 0, 2);
    Decoded out = convert(argb);
    assertThat(out.transparent()).isFalse();
    assertThat(Pixels.hasAlpha(out.image())).isFalse();
  }

  @Test
  void transparentImagesBecomePremultiplied() {
    BufferedImage argb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x80ff0000);
    Decoded out = convert(argb);
    assertThat(out.transparent()).isTrue();
    assertThat(Pixels.data(out.image())[0]).isEqualTo(0x80800000);
  }

  private Decoded convert(BufferedImage image) {
    RenderState state =
        RenderState.start(Path.of("test"), List.of()).withDecoded(new Decoded(image, null, false));
    return step.apply(state).requireDecoded();
  }
}
