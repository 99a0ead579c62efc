package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.imageservice.worker.render.TestCorpus.Entry;
import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The render contract over the shared HEIC/AVIF corpus ({@code -Dcorpus.modern.dir}, default {@code
 * ../shared/corpus-modern} beside the checkout): every file renders every default preset at the box
 * rules' size for its displayed size (irot applied), transparent ones as PNG with transparency, and
 * where the manifest names the corpus photo it was made from and the full corpus is present, the
 * medium render shows the same picture. Says plainly when the corpus is absent.
 */
class ModernCorpusContractTest {

  private static final List<Preset> PRESETS = RenderProperties.DEFAULT_PRESETS;
  // Mean absolute difference (0..255) between a HEIC/AVIF render and its JPEG/PNG source's render:
  // lossy re-encoding at q60-70 stays well under this; a different or mis-turned picture is far
  // over.
  private static final double SAME_PICTURE = 8.0;
  private final RenderPipeline pipeline =
      new RenderPipeline(RenderProperties.defaults(), NativeCodecs.detected());

  static Optional<Path> modernCorpus() {
    String configured = System.getProperty("corpus.modern.dir");
    Path dir =
        configured != null
            ? Path.of(configured)
            : TestCorpus.committed().getParent().getParent().resolve("../shared/corpus-modern");
    return Optional.of(dir.normalize()).filter(d -> Files.isRegularFile(d.resolve("manifest.csv")));
  }

  @TestFactory
  Stream<DynamicTest> everyModernImageRendersByTheBoxRules() {
    Optional<Path> dir = modernCorpus();
    if (dir.isEmpty()) {
      System.out.println(
          "modern corpus contract: CORPUS ABSENT (-Dcorpus.modern.dir, default"
              + " ../shared/corpus-modern): HEIC/AVIF contract not run");
    }
    Assumptions.assumeTrue(dir.isPresent(), "modern corpus absent");
    Assumptions.assumeTrue(NativeCodecs.detected().heif(), "libheif1 not installed here");
    List<Entry> entries = TestCorpus.entries(dir.get());
    System.out.println("modern corpus contract: " + entries.size() + " images at " + dir.get());
    return entries.stream().map(e -> dynamicTest(e.name(), () -> check(dir.get(), e)));
  }

  private void check(Path dir, Entry entry) throws IOException {
    RenderResult result = pipeline.render(entry.file(), PRESETS);
    assertThat(result.sourceWidth()).isEqualTo(entry.width());
    assertThat(result.sourceHeight()).isEqualTo(entry.height());
    for (int i = 0; i < PRESETS.size(); i++) {
      RenderedThumbnail thumbnail = result.thumbnails().get(i);
      int[] expected =
          CorpusRenderContractTest.expectedSize(PRESETS.get(i), entry.width(), entry.height());
      assertThat(new int[] {thumbnail.width(), thumbnail.height()})
          .as(thumbnail.preset())
          .containsExactly(expected);
      OutputMetadata.assertClean(thumbnail);
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
      if (entry.alpha()) {
        // auto: WebP with alpha where libwebp is installed, PNG where it is not.
        assertThat(thumbnail.format())
            .isEqualTo(
                NativeCodecs.detected().webpEncoding() ? OutputFormat.WEBP : OutputFormat.PNG);
        assertThat(ImageCompare.hasTransparentPixel(decoded)).isTrue();
      } else {
        assertThat(thumbnail.format()).isEqualTo(OutputFormat.JPEG);
      }
    }
    compareWithSource(dir, entry, result);
  }

  private void compareWithSource(Path dir, Entry entry, RenderResult result) throws IOException {
    String origin = originalPath(dir, entry);
    Optional<Path> source =
        Stream.of(TestCorpus.full().orElse(null), TestCorpus.committed())
            .filter(java.util.Objects::nonNull)
            .map(d -> d.resolve(origin))
            .filter(Files::isRegularFile)
            .findFirst();
    if (origin.isEmpty() || source.isEmpty()) {
      System.out.printf("%s: source %s not here, picture not compared%n", entry.name(), origin);
      return;
    }
    BufferedImage expected = medium(pipeline.render(source.get(), PRESETS));
    if (entry.name().contains("irot1")) {
      expected = HeifRenderTest.rotateAnticlockwise(expected, 1);
    }
    BufferedImage actual = medium(result);
    double difference = ImageCompare.meanAbsoluteDifference(expected, actual);
    System.out.printf("%s vs %s, medium: mean difference %.2f%n", entry.name(), origin, difference);
    assertThat(difference).isLessThan(SAME_PICTURE);
  }

  /** The first corpus file named in the manifest's original_path ("made from X.jpg ..."). */
  private static String originalPath(Path dir, Entry entry) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("manifest.csv"));
    List<String> header = TestCorpus.split(lines.getFirst());
    for (String line : lines) {
      List<String> cells = TestCorpus.split(line);
      if (cells.getFirst().equals(entry.name())) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("made from (\\S+\\.(?:jpg|png))")
                .matcher(cells.get(header.indexOf("original_path")));
        return m.find() ? m.group(1) : "";
      }
    }
    return "";
  }

  private static BufferedImage medium(RenderResult result) throws IOException {
    RenderedThumbnail medium =
        result.thumbnails().stream()
            .filter(t -> t.preset().equals("medium"))
            .findFirst()
            .orElseThrow();
    return ImageIO.read(new ByteArrayInputStream(medium.bytes()));
  }
}
