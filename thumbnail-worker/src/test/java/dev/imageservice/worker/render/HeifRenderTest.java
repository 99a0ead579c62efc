package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imageservice.common.format.HostileImages;
import dev.imageservice.common.job.FailureCode;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HEIC and AVIF through libheif, on files committed under testdata/heif (made with Debian's avifenc
 * and heif-enc from committed corpus images): rotations and mirrors, 10-bit with alpha, a grid, and
 * hostile variants made here. Decoding tests need libheif; the refusals do not.
 */
class HeifRenderTest {

  private static final List<Preset> PRESETS = RenderProperties.DEFAULT_PRESETS;
  private final RenderPipeline pipeline =
      new RenderPipeline(RenderProperties.defaults(), NativeCodecs.detected());
  @TempDir Path dir;

  static Path heif(String name) {
    return TestCorpus.committed().resolveSibling("heif").resolve(name);
  }

  @BeforeEach
  void report() {
    System.out.println("HEIF tests with " + NativeCodecs.detected());
  }

  private static void requireLibheif() {
    Assumptions.assumeTrue(
        NativeCodecs.detected().heif(), "libheif1 is not installed here: HEIF decoding untested");
  }

  @Test
  void rotationsAndMirrorsAreApplied() throws IOException {
    requireLibheif();
    BufferedImage upright = medium(TestCorpus.committed().resolve("S02_orientation_1.jpg"));
    BufferedImage reference = medium(heif("orientation_ref.heic"));
    assertSame("orientation_ref.heic", upright, reference);
    // irot n: n quarter turns anticlockwise; imir 0 flips top to bottom, 1 left to right.
    assertSame("irot1", rotateAnticlockwise(upright, 1), medium(heif("orient_irot1.avif")));
    assertSame("irot2", rotateAnticlockwise(upright, 2), medium(heif("orient_irot2.avif")));
    assertSame("irot3", rotateAnticlockwise(upright, 3), medium(heif("orient_irot3.avif")));
    assertSame("imir1", ImageCompare.mirrored(upright), medium(heif("orient_imir1.avif")));
    assertSame(
        "imir0",
        rotateAnticlockwise(ImageCompare.mirrored(upright), 2),
        medium(heif("orient_imir0.avif")));
  }

  @Test
  void tenBitAlphaKeepsTransparencyAndColour() throws IOException {
    requireLibheif();
    RenderResult result = pipeline.render(heif("rose_alpha_10bit.avif"), PRESETS);
    assertThat(result.sourceWidth()).isEqualTo(400);
    assertThat(result.sourceHeight()).isEqualTo(301);
    RenderedThumbnail medium = thumbnail(result, "medium");
    // auto: WebP with alpha where libwebp is installed, PNG where it is not.
    assertThat(medium.format())
        .isEqualTo(NativeCodecs.detected().webpEncoding() ? OutputFormat.WEBP : OutputFormat.PNG);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(medium.bytes()));
    assertThat(ImageCompare.hasTransparentPixel(decoded)).isTrue();
    BufferedImage png = medium(TestCorpus.committed().resolve("S21_yellow_rose_rgba.png"));
    double difference = ImageCompare.meanAbsoluteDifference(png, decoded);
    System.out.printf("10-bit AVIF rose vs PNG rose, medium: mean difference %.2f%n", difference);
    assertThat(difference).isLessThan(6.0);
    assertThat(ImageCompare.meanAlpha(decoded))
        .isCloseTo(ImageCompare.meanAlpha(png), org.assertj.core.api.Assertions.within(3.0));
  }

  @Test
  void gridImageIsAssembled() throws IOException {
    requireLibheif();
    RenderResult grid = pipeline.render(heif("grid_2x2.avif"), PRESETS);
    assertThat(grid.sourceWidth()).isEqualTo(256);
    assertThat(grid.sourceHeight()).isEqualTo(192);
    BufferedImage tiles = ImageIO.read(new ByteArrayInputStream(thumbnail(grid, "medium").bytes()));
    BufferedImage whole = medium(heif("video001_12bit.heic")); // the same 256x192 picture, 12-bit
    double difference = ImageCompare.meanAbsoluteDifference(tiles, whole);
    System.out.printf("2x2 grid AVIF vs 12-bit HEIC of the same picture: %.2f%n", difference);
    assertThat(difference).isLessThan(6.0);
  }

  @Test
  void ispeBombIsRefusedFromTheBoxesBeforeAnyDecode() throws IOException {
    byte[] bomb =
        HostileImages.heifDeclaring(Files.readAllBytes(heif("orient_irot1.avif")), 17_000, 17_000);
    assertThat(bomb.length).isLessThan(1400);
    Path file = Files.write(dir.resolve("bomb.avif"), bomb);
    // estimate() never decodes: the refusal comes from the boxes alone.
    assertRejected(() -> pipeline.estimate(file, PRESETS), FailureCode.TOO_MANY_PIXELS);
    assertRejected(() -> pipeline.render(file, PRESETS), FailureCode.TOO_MANY_PIXELS);
  }

  @Test
  void truncatedFilesFailWithACode() throws IOException {
    requireLibheif();
    byte[] file = Files.readAllBytes(heif("rose_alpha_10bit.avif"));
    for (int length : new int[] {30, 200, 400, file.length / 2, file.length - 10}) {
      Path cut = Files.write(dir.resolve("cut" + length + ".avif"), Arrays.copyOf(file, length));
      assertRejected(() -> pipeline.render(cut, PRESETS), FailureCode.CORRUPT_IMAGE);
    }
  }

  @Test
  void corruptedFilesFailWithACodeOrRenderNeverCrash() throws IOException {
    requireLibheif();
    for (String name : List.of("orientation_ref.heic", "rose_alpha_10bit.avif")) {
      byte[] file = Files.readAllBytes(heif(name));
      for (int from : new int[] {100, 300, file.length / 2}) {
        for (long seed = 1; seed <= 5; seed++) {
          Path bad =
              Files.write(dir.resolve("bad.bin"), HostileImages.scrambledFrom(file, from, seed));
          try {
            pipeline.render(bad, PRESETS);
          } catch (ImageRejectedException e) {
            assertThat(e.code()).isIn(FailureCode.CORRUPT_IMAGE, FailureCode.UNSUPPORTED_FORMAT);
          }
        }
      }
    }
  }

  @Test
  void withoutLibheifTheJobFailsUnsupportedSayingWhy() throws IOException {
    RenderPipeline javaOnly = new RenderPipeline(RenderProperties.defaults(), NativeCodecs.none());
    assertThatThrownBy(() -> javaOnly.render(heif("orientation_ref.heic"), PRESETS))
        .isInstanceOfSatisfying(
            ImageRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(FailureCode.UNSUPPORTED_FORMAT);
              assertThat(e.getMessage()).contains("HEIC/AVIF support is not installed");
            });
  }

  private static void assertRejected(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ImageRejectedException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static void assertSame(String what, BufferedImage expected, BufferedImage actual) {
    assertThat(new int[] {actual.getWidth(), actual.getHeight()})
        .as(what)
        .containsExactly(expected.getWidth(), expected.getHeight());
    double difference = ImageCompare.meanAbsoluteDifference(expected, actual);
    double control =
        ImageCompare.meanAbsoluteDifference(
            expected, rotateAnticlockwise(expected, 2)); // the picture turned over, for scale
    System.out.printf("%s: differs by %.2f (turned over: %.2f)%n", what, difference, control);
    assertThat(difference).as(what).isLessThan(Math.min(8.0, control / 2));
  }

  static BufferedImage rotateAnticlockwise(BufferedImage image, int quarters) {
    BufferedImage out = image;
    for (int q = 0; q < quarters; q++) {
      BufferedImage next =
          new BufferedImage(out.getHeight(), out.getWidth(), BufferedImage.TYPE_INT_ARGB);
      for (int y = 0; y < out.getHeight(); y++) {
        for (int x = 0; x < out.getWidth(); x++) {
          next.setRGB(y, out.getWidth() - 1 - x, out.getRGB(x, y));
        }
      }
      out = next;
    }
    return out;
  }

  private BufferedImage medium(Path source) throws IOException {
    RenderedThumbnail medium = thumbnail(pipeline.render(source, PRESETS), "medium");
    return ImageIO.read(new ByteArrayInputStream(medium.bytes()));
  }

  private static RenderedThumbnail thumbnail(RenderResult result, String preset) {
    return result.thumbnails().stream()
        .filter(t -> t.preset().equals(preset))
        .findFirst()
        .orElseThrow();
  }
}
