package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the start-up warm-up leaves behind for the first real job. */
class RenderWarmUpTest {

  @Test
  void afterTheWarmUpTheSrgbProfileCamerasEmbedCostsNoMeasurement() {
    ICC_Profile cameras = ICC_Profile.getInstance(RenderWarmUp.srgbProfile());
    SrgbEquivalent.forget();
    assertThat(SrgbEquivalent.known(cameras)).as("cold cache").isFalse();

    RenderWarmUp.run(new RenderPipeline(RenderProperties.defaults()));

    assertThat(SrgbEquivalent.known(cameras)).isTrue();
    assertThat(SrgbEquivalent.test(cameras)).as("and it is taken for sRGB").isTrue();
  }

  @Test
  void theWarmUpEncodesEveryOutputFormatAndDecodesEveryCommonInputFormat() {
    RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());
    Set<OutputFormat> encoded = EnumSet.noneOf(OutputFormat.class);
    Set<String> decoded = new TreeSet<>();
    RenderWarmUp.run(
        pipeline,
        1,
        false,
        result -> {
          decoded.add(result.sourceFormat());
          result.thumbnails().forEach(t -> encoded.add(t.format()));
        });

    assertThat(decoded).contains("jpeg", "png", "webp");
    assertThat(encoded).contains(OutputFormat.JPEG, OutputFormat.PNG);
    NativeCodecs codecs = NativeCodecs.detected();
    Assumptions.assumeTrue(
        codecs.webpEncoding() && codecs.avifEncoding() && codecs.heif(),
        "libwebp, libavif and libheif are installed");
    assertThat(encoded).containsExactlyInAnyOrder(OutputFormat.values());
    assertThat(decoded).as("its own AVIFs, through libheif").contains("avif");
  }

  @Test
  void theCameraLikeJpegIsReadAsAPhonesPhotoIs(@TempDir Path dir) throws Exception {
    BufferedImage picture = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
    Path file =
        WarmUpJpeg.write(dir.resolve("camera.jpg"), picture, true, 6, RenderWarmUp.srgbProfile());
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
