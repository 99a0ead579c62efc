package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the start-up warm-up leaves behind for the first real job. */
class RenderWarmUpTest {

  @Test
  void afterTheWarmUpTheSrgbProfileCamerasEmbedCostsNoMeasurement() {
    ICC_Profile cameras = ICC_Profile.getInstance(WarmUpImages.srgbProfile());
    SrgbEquivalent.forget();
    assertThat(SrgbEquivalent.known(cameras)).as("cold cache").isFalse();

    RenderWarmUp.run(new RenderPipeline(RenderProperties.defaults()));

    assertThat(SrgbEquivalent.known(cameras)).isTrue();
    assertThat(SrgbEquivalent.test(cameras)).as("and it is taken for sRGB").isTrue();
  }

  @Test
  void theWorkersWarmUpDecodesEveryCommonInputFormatAndLeavesTheSlowEncodersToTheThoroughOne() {
    Seen seen = Seen.inOnePass(false);

    assertThat(seen.decoded()).containsExactlyInAnyOrder("jpeg", "png", "webp");
    OutputFormat transparent =
        NativeCodecs.detected().webpEncoding() ? OutputFormat.WEBP : OutputFormat.PNG;
    assertThat(seen.encoded())
        .as("what uploads without formats=... get; AVIF only in the thorough warm-up")
        .containsExactlyInAnyOrder(OutputFormat.JPEG, transparent);
  }

  @Test
  void theThoroughWarmUpEncodesEveryOutputFormatAndDecodesItsOwnAvifs() {
    Seen seen = Seen.inOnePass(true);

    assertThat(seen.decoded()).contains("jpeg", "png", "webp");
    assertThat(seen.encoded()).contains(OutputFormat.JPEG, OutputFormat.PNG);
    NativeCodecs codecs = NativeCodecs.detected();
    Assumptions.assumeTrue(
        codecs.webpEncoding() && codecs.avifEncoding() && codecs.heif(),
        "libwebp, libavif and libheif are installed");
    assertThat(seen.encoded()).containsExactlyInAnyOrder(OutputFormat.values());
    assertThat(seen.decoded()).as("its own AVIFs, through libheif").contains("avif");
  }

  /** The source formats a warm-up decoded and the output formats it encoded. */
  private record Seen(Set<String> decoded, Set<OutputFormat> encoded) {

    /** One pass of the worker's warm-up, or of the render server's thorough one. */
    static Seen inOnePass(boolean thorough) {
      Seen seen = new Seen(new TreeSet<>(), EnumSet.noneOf(OutputFormat.class));
      RenderWarmUp.run(
          new RenderPipeline(RenderProperties.defaults()),
          1,
          thorough,
          result -> {
            seen.decoded().add(result.sourceFormat());
            result.thumbnails().forEach(t -> seen.encoded().add(t.format()));
          });
      return seen;
    }
  }

  /**
   * The warm-up's photo-size JPEGs come in the chroma layouts cameras write (the decoder has a loop
   * for each), and each is read as the picture it was written from.
   */
  @ParameterizedTest
  @CsvSource({"2, 2, false, 0x22", "2, 1, false, 0x21", "1, 1, true, 0x11"})
  void theWarmUpJpegsCarryTheChromaLayoutTheyAreWrittenWith(
      int lumaH, int lumaV, boolean progressive, int sampling, @TempDir Path dir) throws Exception {
    BufferedImage picture = new BufferedImage(2400, 1600, BufferedImage.TYPE_INT_RGB);
    Path file =
        WarmUpJpeg.write(
            dir.resolve("photo.jpg"),
            picture,
            progressive,
            lumaH,
            lumaV,
            1,
            WarmUpImages.srgbProfile());

    byte[] jpeg = Files.readAllBytes(file);
    assertThat(lumaSampling(jpeg)).as("luma sampling factors in the SOF").isEqualTo(sampling);
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());
    assertThat(
            pipeline
                .probe(file, RenderProperties.DEFAULT_PRESETS)
                .header()
                .structure()
                .progressive())
        .isEqualTo(progressive);
    RenderResult result = pipeline.render(file, List.of(Preset.of("t", 1024, 1024, FitMode.FIT)));
    assertThat(result.thumbnails().getFirst().width()).isEqualTo(1024);
    assertThat(result.thumbnails().getFirst().height()).isEqualTo(683);
  }

  /** The first component's sampling byte (H << 4 | V) of the frame header (SOF0 or SOF2). */
  private static int lumaSampling(byte[] jpeg) {
    int at = 2;
    while (at + 4 < jpeg.length) {
      int marker = jpeg[at + 1] & 0xff;
      int length = (jpeg[at + 2] & 0xff) << 8 | (jpeg[at + 3] & 0xff);
      if (marker == 0xc0 || marker == 0xc2) {
        return jpeg[at + 11] & 0xff; // after length, precision, height, width, count, id
      }
      at += 2 + length;
    }
    throw new AssertionError("no frame header");
  }

  @Test
  void theCameraLikeJpegIsReadAsAPhonesPhotoIs(@TempDir Path dir) throws Exception {
    BufferedImage picture = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
    Path file =
        WarmUpJpeg.write(dir.resolve("camera.jpg"), picture, true, 6, WarmUpImages.srgbProfile());
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());

    ImageHeader header = pipeline.probe(file, RenderProperties.DEFAULT_PRESETS).header();
    assertThat(header.orientation()).as("EXIF orientation").isEqualTo(6);
    assertThat(header.structure().progressive()).isTrue();
    assertThat(header.structure().scans()).isGreaterThan(1);

    RenderResult result = pipeline.render(file, List.of(Preset.of("t", 256, 256, FitMode.FIT)));
    assertThat(result.thumbnails().getFirst().width()).as("turned upright").isEqualTo(80);
    assertThat(result.thumbnails().getFirst().height()).isEqualTo(120);
  }
}
