package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.TestCorpus.Entry;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The native path renders the same thumbnails as ImageIO + TwelveMonkeys: every committed JPEG and
 * WebP, every default preset, within a small mean difference (DCT scaling and libwebp's rescaler
 * filter differently from subsampling, and the encoders round differently).
 */
class NativePathParityTest {

  // Mean absolute difference per channel, 0..255; the corpus contract calls < 3.0 "same picture".
  private static final double MAX_MEAN_DIFFERENCE = 2.0;
  // Planar against BGRA: chroma not upsampled before the box, rounding; largest at the smallest
  // thumbnails of the most detailed picture (S10 at 40 px: 1.9), a wrong plane or shift is over 5.
  private static final double PLANAR_MAX_MEAN_DIFFERENCE = 2.5;

  @Test
  void nativeAndJavaPathsRenderTheSamePictures() throws IOException {
    NativeCodecs codecs = NativeCodecs.load();
    Assumptions.assumeTrue(codecs.jpeg() || codecs.webp(), "no native codec installed");
    RenderPipeline fast = new RenderPipeline(RenderProperties.defaults(), codecs);
    RenderPipeline java = new RenderPipeline(RenderProperties.defaults(), NativeCodecs.none());
    List<Entry> entries =
        TestCorpus.entries(TestCorpus.committed()).stream()
            .filter(e -> e.format().equals("JPEG") || e.format().equals("WEBP"))
            .toList();
    assertThat(entries).hasSizeGreaterThan(15);
    for (Entry entry : entries) {
      // The decoders and the JPEG encoder are compared; transparent sources go to lossless PNG on
      // both paths (auto would give lossy WebP on one, whose RGB under transparent pixels is free).
      List<Preset> presets =
          RenderProperties.DEFAULT_PRESETS.stream()
              .map(
                  p ->
                      new Preset(
                          p.name(),
                          p.width(),
                          p.height(),
                          p.mode(),
                          entry.alpha() ? OutputFormat.PNG : OutputFormat.JPEG,
                          p.quality()))
              .toList();
      RenderResult a = fast.render(entry.file(), presets);
      RenderResult b = java.render(entry.file(), presets);
      for (int i = 0; i < a.thumbnails().size(); i++) {
        BufferedImage x = ImageIO.read(new ByteArrayInputStream(a.thumbnails().get(i).bytes()));
        BufferedImage y = ImageIO.read(new ByteArrayInputStream(b.thumbnails().get(i).bytes()));
        double difference = ImageCompare.meanAbsoluteDifference(x, y);
        System.out.printf(
            "%s %s: native vs java mean difference %.2f%n",
            entry.name(), a.thumbnails().get(i).preset(), difference);
        assertThat(difference).as(entry.name()).isLessThan(MAX_MEAN_DIFFERENCE);
      }
    }
  }

  /**
   * Presets small enough that the committed JPEGs take the planar path (YCbCr planes box-reduced
   * before the colour conversion, {@code JpegPlanes}; 4:2:0, 4:4:4, grey, progressive), and the
   * defaults: thumbnails within a small mean difference of the BGRA path's (libjpeg-turbo's chroma
   * upsampling and conversion at the decoded size, then 2x2 box halving), which they replace.
   */
  @Test
  void planarJpegPathRendersTheSamePicturesAsTheBgraPath() throws IOException {
    NativeCodecs codecs = NativeCodecs.load();
    Assumptions.assumeTrue(codecs.jpeg(), "libturbojpeg.so.0 not installed");
    RenderPipeline planar = new RenderPipeline(RenderProperties.defaults(), codecs);
    RenderPipeline bgra =
        new RenderPipeline(RenderProperties.defaults(), NativeCodecs.loadWithoutPlanarJpeg());
    List<Preset> presets =
        List.of(
            new Preset("fit100", 100, 100, FitMode.FIT, OutputFormat.JPEG, 85),
            new Preset("fit40", 40, 40, FitMode.FIT, OutputFormat.JPEG, 85),
            new Preset("cover64", 64, 64, FitMode.COVER, OutputFormat.JPEG, 85),
            new Preset("fit200", 200, 200, FitMode.FIT, OutputFormat.JPEG, 85));
    List<Entry> entries =
        TestCorpus.entries(TestCorpus.committed()).stream()
            .filter(e -> e.format().equals("JPEG") && !e.name().contains("cmyk"))
            .toList();
    assertThat(entries).hasSizeGreaterThan(15);
    for (Entry entry : entries) {
      RenderResult a = planar.render(entry.file(), presets);
      RenderResult b = bgra.render(entry.file(), presets);
      for (int i = 0; i < a.thumbnails().size(); i++) {
        BufferedImage x = ImageIO.read(new ByteArrayInputStream(a.thumbnails().get(i).bytes()));
        BufferedImage y = ImageIO.read(new ByteArrayInputStream(b.thumbnails().get(i).bytes()));
        assertThat(new int[] {x.getWidth(), x.getHeight()})
            .as(entry.name())
            .containsExactly(y.getWidth(), y.getHeight());
        double difference = ImageCompare.meanAbsoluteDifference(x, y);
        System.out.printf(
            "%s %s: planar vs bgra mean difference %.2f%n",
            entry.name(), a.thumbnails().get(i).preset(), difference);
        assertThat(difference).as(entry.name()).isLessThan(PLANAR_MAX_MEAN_DIFFERENCE);
      }
    }
  }
}
