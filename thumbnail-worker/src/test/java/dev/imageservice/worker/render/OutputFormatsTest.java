package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.preset.PresetDefinition;
import dev.imageservice.common.preset.PresetFit;
import dev.imageservice.common.preset.PresetFormat;
import dev.imageservice.worker.render.codec.AvifTestDecoder;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every output format decodes back to the preset's box, keeps alpha where the source had it and the
 * format can, and carries no metadata. WebP is read back with ImageIO + TwelveMonkeys, AVIF with
 * libavif's own decoder. Tests of an encoder skip, saying which library is missing, where it is not
 * installed; {@code .ci/run} installs both.
 */
class OutputFormatsTest {

  static final String ROSE = "S21_yellow_rose_rgba.png"; // 400x301, transparent background
  static final String NIKON = "S10_nikon_d2h.jpg"; // 500x375, opaque
  // A lossy encode against the lossless PNG of the same render, RGB on a 0..1 scale; a wrong
  // picture (another crop, swapped channels) is above 0.1.
  static final double MAX_RMSE_AGAINST_PNG = 0.05;

  private static final NativeCodecs CODECS = NativeCodecs.detected();
  private static final Optional<AvifTestDecoder> AVIF_DECODER = AvifTestDecoder.load();
  private final RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults(), CODECS);

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void transparentSourceDecodesBackWithAlpha(OutputFormat format) {
    assumeEncoder(format);
    Preset preset = new Preset("p", 200, 200, FitMode.FIT, format, 85);
    RenderedThumbnail thumbnail = render(ROSE, preset).thumbnails().getFirst();
    BufferedImage decoded = decode(thumbnail);
    assertThat(thumbnail.format()).isEqualTo(format);
    // 400x301 contained in 200x200: 200 wide, 150.5 rounded.
    assertThat(new int[] {thumbnail.width(), thumbnail.height()}).containsExactly(200, 151);
    assertThat(new int[] {decoded.getWidth(), decoded.getHeight()}).containsExactly(200, 151);
    OutputMetadata.assertClean(thumbnail);
    assertThat(ImageCompare.hasTransparentPixel(decoded))
        .as(format + " keeps transparency")
        .isEqualTo(format.hasAlpha());
    if (format.hasAlpha()) {
      BufferedImage png = decode(render(ROSE, withFormat(preset, OutputFormat.PNG)));
      assertThat(ImageCompare.meanAlpha(decoded)).isCloseTo(ImageCompare.meanAlpha(png), within1());
    }
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void opaqueSourceDecodesBackToTheBoxAndLooksTheSame(OutputFormat format) {
    assumeEncoder(format);
    Preset preset = new Preset("p", 256, 256, FitMode.COVER, format, 85);
    RenderedThumbnail thumbnail = render(NIKON, preset).thumbnails().getFirst();
    BufferedImage decoded = decode(thumbnail);
    assertThat(new int[] {decoded.getWidth(), decoded.getHeight()}).containsExactly(256, 256);
    OutputMetadata.assertClean(thumbnail);
    assertThat(ImageCompare.hasTransparentPixel(decoded)).isFalse();
    BufferedImage png = decode(render(NIKON, withFormat(preset, OutputFormat.PNG)));
    double rmse = ImageCompare.rmse(decoded, png);
    System.out.printf("%s at 85 against PNG: RMSE %.4f, %d bytes%n", format, rmse, size(thumbnail));
    assertThat(rmse)
        .as(format + " RMSE against the lossless render")
        .isLessThan(MAX_RMSE_AGAINST_PNG);
  }

  @Test
  void autoOnTheTransparentRoseIsWebPAndSmallerThanPng() {
    Assumptions.assumeTrue(CODECS.webpEncoding(), "libwebp.so.7 not installed: auto gives PNG");
    RenderPipeline withoutWebp =
        new RenderPipeline(RenderProperties.defaults(), NativeCodecs.none());
    for (Preset preset :
        List.of(
            Preset.of("medium", 1024, 1024, FitMode.FIT),
            Preset.of("small", 256, 256, FitMode.FIT))) {
      RenderedThumbnail webp = render(ROSE, preset).thumbnails().getFirst();
      RenderedThumbnail png =
          withoutWebp.render(corpus(ROSE), List.of(preset)).thumbnails().getFirst();
      System.out.printf(
          "S21 %s: auto WebP %d bytes, PNG before %d bytes%n",
          preset.name(), size(webp), size(png));
      assertThat(webp.format()).isEqualTo(OutputFormat.WEBP);
      assertThat(png.format()).isEqualTo(OutputFormat.PNG);
      assertThat(size(webp)).isLessThan(size(png));
      assertThat(ImageCompare.hasTransparentPixel(decode(webp))).isTrue();
    }
  }

  @Test
  void autoOnAnOpaqueImageIsJpeg() {
    RenderedThumbnail thumbnail =
        render(NIKON, Preset.of("small", 256, 256, FitMode.FIT)).thumbnails().getFirst();
    assertThat(thumbnail.format()).isEqualTo(OutputFormat.JPEG);
  }

  @Test
  void extraFormatsFollowThePresetsOwnWithTheSamePixels() {
    Assumptions.assumeTrue(
        CODECS.webpEncoding() && CODECS.avifEncoding(), "libwebp.so.7 or libavif.so.15 missing");
    List<Preset> presets =
        List.of(Preset.of("small", 256, 256, FitMode.FIT), Preset.of("sq", 64, 64, FitMode.COVER));
    RenderResult result =
        pipeline.render(
            corpus(NIKON), presets, List.of(OutputFormat.WEBP, OutputFormat.AVIF), null);
    assertThat(result.thumbnails())
        .extracting(t -> t.preset() + "." + t.format() + (t.alternate() ? "+" : ""))
        .containsExactly(
            "small.JPEG", "small.WEBP+", "small.AVIF+", "sq.JPEG", "sq.WEBP+", "sq.AVIF+");
    BufferedImage own = decode(result.thumbnails().getFirst());
    for (RenderedThumbnail extra : result.thumbnails().subList(1, 3)) {
      BufferedImage decoded = decode(extra);
      assertThat(new int[] {extra.width(), extra.height()}).containsExactly(256, 192);
      assertThat(ImageCompare.rmse(decoded, own))
          .as(extra.format().name())
          .isLessThan(MAX_RMSE_AGAINST_PNG);
      OutputMetadata.assertClean(extra);
    }
  }

  @Test
  void anExtraFormatEqualToThePresetsOwnIsStoredOnce() {
    Assumptions.assumeTrue(CODECS.webpEncoding(), "libwebp.so.7 not installed");
    RenderResult result =
        pipeline.render(
            corpus(ROSE),
            List.of(Preset.of("small", 256, 256, FitMode.FIT)),
            List.of(OutputFormat.WEBP),
            null);
    assertThat(result.thumbnails())
        .extracting(RenderedThumbnail::format)
        .containsExactly(OutputFormat.WEBP);
  }

  @Test
  void withoutTheLibrariesAutoIsPngAndExplicitFormatsFallBack() {
    RenderPipeline javaOnly = new RenderPipeline(RenderProperties.defaults(), NativeCodecs.none());
    List<Preset> presets =
        List.of(
            Preset.of("auto", 128, 128, FitMode.FIT),
            new Preset("webp", 128, 128, FitMode.FIT, OutputFormat.WEBP, 85),
            new Preset("avif", 128, 128, FitMode.FIT, OutputFormat.AVIF, 85));
    RenderResult rose =
        javaOnly.render(corpus(ROSE), presets, List.of(OutputFormat.WEBP, OutputFormat.AVIF), null);
    assertThat(rose.thumbnails())
        .extracting(RenderedThumbnail::format)
        .containsOnly(OutputFormat.PNG)
        .hasSize(3);
    RenderResult nikon = javaOnly.render(corpus(NIKON), presets, List.of(OutputFormat.AVIF), null);
    assertThat(nikon.thumbnails())
        .extracting(RenderedThumbnail::format)
        .containsOnly(OutputFormat.JPEG)
        .hasSize(3);
  }

  @Test
  void sharedDefinitionsMapToTheRenderersFormats() {
    assertThat(
            Stream.of(PresetFormat.values())
                .map(f -> Preset.from(new PresetDefinition("p", 8, 8, null, f, 0)).format()))
        .containsExactly(
            null, OutputFormat.JPEG, OutputFormat.PNG, OutputFormat.WEBP, OutputFormat.AVIF);
    assertThat(Preset.from(PresetDefinition.of("p", 8, 8, PresetFit.CONTAIN)).format()).isNull();
  }

  static BufferedImage decode(RenderedThumbnail thumbnail) {
    if (thumbnail.format() == OutputFormat.AVIF) {
      return AVIF_DECODER.orElseThrow().decode(thumbnail.bytes());
    }
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
      assertThat(image).as("ImageIO reads the " + thumbnail.format()).isNotNull();
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage decode(RenderResult result) {
    return decode(result.thumbnails().getFirst());
  }

  private RenderResult render(String name, Preset preset) {
    return pipeline.render(corpus(name), List.of(preset));
  }

  private static void assumeEncoder(OutputFormat format) {
    Assumptions.assumeTrue(
        format != OutputFormat.WEBP || CODECS.webpEncoding(), "libwebp.so.7 not installed");
    Assumptions.assumeTrue(
        format != OutputFormat.AVIF || (CODECS.avifEncoding() && AVIF_DECODER.isPresent()),
        "libavif.so.15 not installed");
  }

  private static Preset withFormat(Preset preset, OutputFormat format) {
    return new Preset(
        preset.name(), preset.width(), preset.height(), preset.mode(), format, preset.quality());
  }

  private static org.assertj.core.data.Offset<Double> within1() {
    return org.assertj.core.data.Offset.offset(1.0);
  }

  private static int size(RenderedThumbnail thumbnail) {
    return thumbnail.bytes().length;
  }

  static Path corpus(String name) {
    return TestCorpus.committed().resolve(name);
  }
}
