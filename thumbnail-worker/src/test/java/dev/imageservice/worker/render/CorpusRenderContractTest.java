package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.imageservice.worker.render.TestCorpus.Entry;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The renderer's contract over real images: every corpus file renders every default preset at the
 * size the box rules give, in the right format, upright, in sRGB and without metadata. Runs over
 * the full shared corpus when present, else over the committed subset. This class runs it with the
 * native codecs this machine has; {@link CorpusRenderContractJavaPathTest} with none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusRenderContractTest {

  // Mean absolute difference (0..255 per channel) under which two renders show the same picture:
  // separately encoded 50x70 JPEGs of one picture differ by well under one level, the mirrored
  // reference by far more (both printed).
  private static final double SAME_PICTURE_MAX_MEAN_DIFFERENCE = 3.0;
  // vipsthumbnail's RMSE for S15 against S16; we want to do better.
  private static final double VIPS_CMYK_RMSE = 0.123;

  private static final List<Preset> PRESETS = RenderProperties.DEFAULT_PRESETS;
  private final RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults(), codecs());
  private final Map<String, RenderResult> results = new ConcurrentHashMap<>();
  private Path corpus;
  private boolean full;
  private List<Entry> entries;

  /** The codecs under test: whatever this machine has. */
  NativeCodecs codecs() {
    return NativeCodecs.detected();
  }

  @BeforeAll
  void locateCorpus() {
    System.out.println("corpus contract with " + codecs());
    full = TestCorpus.full().isPresent();
    corpus = TestCorpus.full().orElseGet(TestCorpus::committed);
    entries = TestCorpus.entries(corpus);
    System.out.println(
        full
            ? "corpus contract: full corpus at " + corpus + " (" + entries.size() + " images)"
            : "corpus contract: FULL CORPUS ABSENT, running over the committed subset at "
                + corpus
                + " ("
                + entries.size()
                + " images)");
  }

  @Test
  void runsOverTheFullCorpus() {
    Assumptions.assumeTrue(
        full, "full corpus absent (-Dcorpus.dir); the contract ran over testdata/corpus only");
    // The full corpus holds more than the committed subset, and every committed image among them,
    // so the contract above really ran over it.
    List<String> committed =
        TestCorpus.entries(TestCorpus.committed()).stream().map(Entry::name).toList();
    assertThat(entries).hasSizeGreaterThan(committed.size());
    assertThat(entries.stream().map(Entry::name)).containsAll(committed);
  }

  @TestFactory
  Stream<DynamicTest> everyImageRendersEveryDefaultPresetByTheBoxRules() {
    String suffix = full ? "" : " [committed subset: full corpus absent]";
    return entries.stream().map(e -> dynamicTest(e.name() + suffix, () -> checkImage(e)));
  }

  @Test
  void orientationSetRendersTheSamePictureAsTheUprightReference() throws IOException {
    BufferedImage reference = medium("S02_orientation_1.jpg");
    double mirrored =
        ImageCompare.meanAbsoluteDifference(reference, ImageCompare.mirrored(reference));
    System.out.printf("orientation: S02 mirrored differs from S02 by %.2f%n", mirrored);
    assertThat(mirrored)
        .as("the check can tell pictures apart")
        .isGreaterThan(SAME_PICTURE_MAX_MEAN_DIFFERENCE);
    for (int n = 3; n <= 9; n++) {
      String name = "S0%d_orientation_%d.jpg".formatted(n, n - 1);
      double difference = ImageCompare.meanAbsoluteDifference(reference, medium(name));
      System.out.printf(
          "orientation: %s differs from S02 by %.2f (limit %.1f)%n",
          name, difference, SAME_PICTURE_MAX_MEAN_DIFFERENCE);
      assertThat(difference).as(name).isLessThan(SAME_PICTURE_MAX_MEAN_DIFFERENCE);
    }
  }

  @Test
  void phoneJpegWithOrientation6ComesOutPortrait() throws IOException {
    BufferedImage medium = medium("S01_iphone4s_orient6.jpg");
    assertThat(medium.getHeight()).isGreaterThan(medium.getWidth());
  }

  @Test
  void cmykJpegRendersCloseToItsYcbcrTwin() throws IOException {
    double rmse =
        ImageCompare.rmse(medium("S15_video001_cmyk.jpg"), medium("S16_video001_ycbcr.jpg"));
    System.out.printf(
        "CMYK S15 vs YCbCr S16, medium outputs: RMSE %.4f (vips %.3f)%n", rmse, VIPS_CMYK_RMSE);
    assertThat(rmse).isLessThan(VIPS_CMYK_RMSE);
  }

  private void checkImage(Entry entry) throws IOException {
    RenderResult result = rendered(entry);
    boolean turned = entry.orientation() >= 5;
    int uprightWidth = turned ? entry.height() : entry.width();
    int uprightHeight = turned ? entry.width() : entry.height();
    assertThat(result.sourceWidth()).isEqualTo(uprightWidth);
    assertThat(result.sourceHeight()).isEqualTo(uprightHeight);
    assertThat(result.thumbnails())
        .extracting(RenderedThumbnail::preset)
        .containsExactlyElementsOf(PRESETS.stream().map(Preset::name).toList());
    BufferedImage source = ImageIO.read(entry.file().toFile());
    boolean transparent = ImageCompare.hasTransparentPixel(source);
    for (int i = 0; i < PRESETS.size(); i++) {
      RenderedThumbnail thumbnail = result.thumbnails().get(i);
      int[] expected = expectedSize(PRESETS.get(i), uprightWidth, uprightHeight);
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
      assertThat(new int[] {thumbnail.width(), thumbnail.height()})
          .as(thumbnail.preset())
          .containsExactly(expected);
      assertThat(new int[] {decoded.getWidth(), decoded.getHeight()}).containsExactly(expected);
      OutputMetadata.assertClean(thumbnail);
      if (transparent) {
        // auto: WebP with alpha where libwebp is installed, PNG where it is not.
        assertThat(thumbnail.format())
            .isEqualTo(codecs().webpEncoding() ? OutputFormat.WEBP : OutputFormat.PNG);
        if (thumbnail.format() == OutputFormat.PNG) {
          assertThat(decoded.getColorModel().hasAlpha()).as("alpha channel").isTrue();
        }
        // libwebp stores alpha only where a pixel of the thumbnail is not opaque: a small one of
        // L06 (76 translucent pixels of 14.7 million) has none left, and the mean below holds.
        if (PRESETS.get(i).mode() == FitMode.FIT) {
          // Averaging may dissolve a few isolated translucent pixels (L06 has 76 of 14.7 million),
          // so the whole picture's transparency is compared, not single pixels.
          assertThat(ImageCompare.meanAlpha(decoded))
              .as("mean alpha of " + thumbnail.preset())
              .isCloseTo(ImageCompare.meanAlpha(source), within(2.0));
        }
        if (thumbnail.preset().equals("medium")) {
          assertThat(ImageCompare.hasTransparentPixel(decoded)).as("keeps transparency").isTrue();
        }
      } else {
        // Includes sources with an alpha channel but no transparent pixel (manifest alpha=yes).
        assertThat(thumbnail.format()).isEqualTo(OutputFormat.JPEG);
      }
    }
  }

  /** The box rules, written independently of {@link Geometry}. */
  static int[] expectedSize(Preset preset, int width, int height) {
    int boxWidth = preset.width();
    int boxHeight = preset.height();
    if (preset.mode() == FitMode.FIT) {
      if (width <= boxWidth && height <= boxHeight) {
        return new int[] {width, height};
      }
      double s = Math.min((double) boxWidth / width, (double) boxHeight / height);
      return new int[] {
        (int) Math.max(1, Math.round(width * s)), (int) Math.max(1, Math.round(height * s))
      };
    }
    if (width >= boxWidth && height >= boxHeight) {
      return new int[] {boxWidth, boxHeight};
    }
    double k = Math.min((double) width / boxWidth, (double) height / boxHeight);
    return new int[] {
      (int) Math.max(1, Math.round(boxWidth * k)), (int) Math.max(1, Math.round(boxHeight * k))
    };
  }

  private BufferedImage medium(String name) throws IOException {
    Entry entry = entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    RenderedThumbnail medium =
        rendered(entry).thumbnails().stream()
            .filter(t -> t.preset().equals("medium"))
            .findFirst()
            .orElseThrow();
    return ImageIO.read(new ByteArrayInputStream(medium.bytes()));
  }

  private RenderResult rendered(Entry entry) {
    return results.computeIfAbsent(entry.name(), n -> pipeline.render(entry.file(), PRESETS));
  }
}
