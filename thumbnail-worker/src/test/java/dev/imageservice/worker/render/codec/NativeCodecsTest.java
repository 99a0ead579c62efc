package dev.imageservice.worker.render.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The native codecs against ImageIO + TwelveMonkeys on the committed corpus: the same pixels at
 * full size, CMYK and animations declined, and a missing library means no native path at all.
 */
class NativeCodecsTest {

  private static final Path CORPUS =
      Path.of(System.getProperty("testdata.dir", "../testdata/corpus"));
  // Both decoders are libjpeg (IDCT ISLOW, fancy upsampling): only rounding may differ.
  private static final int MAX_JPEG_DIFFERENCE = 2;
  private static final double MAX_MEAN_DIFFERENCE = 0.1;

  private final NativeCodecs codecs = NativeCodecs.load();

  @Test
  void missingLibrariesLeaveNoNativeCodec() throws IOException {
    NativeCodecs missing = NativeCodecs.load("libturbojpeg-missing.so.0", "libwebp-missing.so.7");
    assertThat(missing.jpeg()).isFalse();
    assertThat(missing.webp()).isFalse();
    assertThat(missing.decodeJpeg(CORPUS.resolve("S10_nikon_d2h.jpg"), 1.0)).isEmpty();
    assertThat(missing.encodeJpeg(new int[4], 2, 2, 0.85f)).isEmpty();
  }

  @Test
  void theSwitchTurnsTheNativePathOff() {
    String before = System.getProperty(NativeCodecs.PROPERTY);
    try {
      System.setProperty(NativeCodecs.PROPERTY, "false");
      assertThat(NativeCodecs.switchedOn()).isFalse();
      System.setProperty(NativeCodecs.PROPERTY, "true");
      assertThat(NativeCodecs.switchedOn()).isTrue();
    } finally {
      if (before == null) {
        System.clearProperty(NativeCodecs.PROPERTY);
      } else {
        System.setProperty(NativeCodecs.PROPERTY, before);
      }
    }
  }

  @Test
  void fullSizeJpegPixelsMatchImageIo() throws IOException {
    Assumptions.assumeTrue(codecs.jpeg(), "libturbojpeg.so.0 not installed");
    for (String name :
        List.of(
            "S10_nikon_d2h.jpg",
            "S12_tower_progressive.jpg",
            "S13_tower_grayscale.jpg",
            "S16_video001_ycbcr.jpg",
            "S17_video001_q50_progressive.jpg")) {
      NativeImage image = codecs.decodeJpeg(CORPUS.resolve(name), 1.0).orElseThrow();
      assertSamePixels(
          name, image, ImageIO.read(CORPUS.resolve(name).toFile()), MAX_JPEG_DIFFERENCE);
    }
  }

  @Test
  void scaledJpegKeepsAtLeastTheRequestedFraction() throws IOException {
    Assumptions.assumeTrue(codecs.jpeg(), "libturbojpeg.so.0 not installed");
    BufferedImage full = ImageIO.read(CORPUS.resolve("S10_nikon_d2h.jpg").toFile());
    NativeImage image = codecs.decodeJpeg(CORPUS.resolve("S10_nikon_d2h.jpg"), 0.3).orElseThrow();
    // 3/8 is the smallest DCT scale not below 0.3.
    assertThat(image.width()).isEqualTo((full.getWidth() * 3 + 7) / 8);
    assertThat(image.height()).isEqualTo((full.getHeight() * 3 + 7) / 8);
  }

  @Test
  void cmykJpegIsLeftToTwelveMonkeys() throws IOException {
    Assumptions.assumeTrue(codecs.jpeg(), "libturbojpeg.so.0 not installed");
    assertThat(codecs.decodeJpeg(CORPUS.resolve("S15_video001_cmyk.jpg"), 1.0)).isEmpty();
  }

  @Test
  void embeddedIccProfileIsHandedOver() throws IOException {
    Assumptions.assumeTrue(codecs.jpeg(), "libturbojpeg.so.0 not installed");
    NativeImage image =
        codecs.decodeJpeg(CORPUS.resolve("S14_rocket_adobergb.jpg"), 1.0).orElseThrow();
    assertThat(image.iccProfile()).isNotNull();
    assertThat(new String(image.iccProfile(), 48, 80, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isNotBlank();
  }

  @Test
  void fullSizeWebPPixelsMatchTwelveMonkeys() throws IOException {
    Assumptions.assumeTrue(codecs.webp(), "libwebp.so.7 not installed");
    // Lossless: both decoders must give exactly the stored pixels.
    NativeImage image =
        codecs.decodeWebp(CORPUS.resolve("S40_tux_lossless.webp"), 1.0).orElseThrow();
    assertThat(image.alpha()).isTrue();
    assertSamePixels(
        "S40", image, ImageIO.read(CORPUS.resolve("S40_tux_lossless.webp").toFile()), 0);
  }

  @Test
  void animatedWebPIsLeftToTwelveMonkeys() throws IOException {
    Assumptions.assumeTrue(codecs.webp(), "libwebp.so.7 not installed");
    assertThat(codecs.decodeWebp(CORPUS.resolve("S31_tiny_anim.gif"), 1.0)).isEmpty();
  }

  @Test
  void encodedJpegDecodesToThePicture() throws IOException {
    Assumptions.assumeTrue(codecs.jpeg(), "libturbojpeg.so.0 not installed");
    int[] grey = new int[64 * 48];
    java.util.Arrays.fill(grey, 0x00808080);
    byte[] jpeg = codecs.encodeJpeg(grey, 64, 48, 0.85f).orElseThrow();
    BufferedImage back = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
    assertThat(back.getWidth()).isEqualTo(64);
    assertThat(back.getHeight()).isEqualTo(48);
    assertThat(back.getRGB(10, 10) & 0xffffff).isEqualTo(0x808080);
  }

  // getRGB would treat grey samples as linear light; the renderer (GreyToArgb) and TurboJPEG take
  // them as sRGB-encoded grey.
  private static int expectedArgb(BufferedImage image, int x, int y) {
    if (image.getColorModel().getColorSpace().getType() != ColorSpace.TYPE_GRAY) {
      return image.getRGB(x, y);
    }
    int v = image.getRaster().getSample(x, y, 0);
    return 0xff000000 | v << 16 | v << 8 | v;
  }

  private static void assertSamePixels(
      String name, NativeImage image, BufferedImage expected, int maxDifference) {
    assertThat(image.width()).as(name).isEqualTo(expected.getWidth());
    assertThat(image.height()).as(name).isEqualTo(expected.getHeight());
    int max = 0;
    double sum = 0;
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int p = image.pixels()[y * image.width() + x];
        int q = expectedArgb(expected, x, y);
        for (int shift = 0; shift < 32; shift += 8) {
          int d = Math.abs((p >>> shift & 0xff) - (q >>> shift & 0xff));
          max = Math.max(max, d);
          sum += d;
        }
      }
    }
    double mean = sum / (4.0 * image.width() * image.height());
    System.out.printf("%s: max difference %d, mean %.4f%n", name, max, mean);
    assertThat(max).as(name + " max difference").isLessThanOrEqualTo(maxDifference);
    assertThat(mean).as(name + " mean difference").isLessThan(MAX_MEAN_DIFFERENCE);
  }
}
