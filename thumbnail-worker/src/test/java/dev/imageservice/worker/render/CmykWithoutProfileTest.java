package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Profile-less four-colour JPEGs render like their RGB originals. The YCCK file is what ImageMagick
 * 6.9 writes for {@code convert S10_300_rgb.jpg -colorspace CMYK -strip out.jpg} (committed under
 * testdata/cmyk); the Adobe-transform-0 CMYK is corpus S15 (Go's test data) against S16. RMSE over
 * R, G, B on 0..1, medium outputs, as the corpus contract measures it.
 */
class CmykWithoutProfileTest {

  // Issue 13: both encodings within 0.05 of their RGB original; S15 no worse than 0.018.
  private static final double MAX_RMSE = 0.05;
  private static final double S15_BEFORE = 0.018;

  private final RenderPipeline pipeline =
      new RenderPipeline(RenderProperties.defaults(), NativeCodecs.detected());

  @Test
  void imageMagickYcckMatchesItsRgbOriginal() throws IOException {
    Path dir = TestCorpus.committed().resolveSibling("cmyk");
    double rmse =
        ImageCompare.rmse(
            medium(dir.resolve("S10_300_ycck_imagemagick.jpg")),
            medium(dir.resolve("S10_300_rgb.jpg")));
    System.out.printf("ImageMagick YCCK vs RGB original, medium: RMSE %.4f%n", rmse);
    assertThat(rmse).isLessThan(MAX_RMSE);
  }

  @Test
  void adobeCmykS15StaysAsGoodAsBefore() throws IOException {
    Path corpus = TestCorpus.committed();
    double rmse =
        ImageCompare.rmse(
            medium(corpus.resolve("S15_video001_cmyk.jpg")),
            medium(corpus.resolve("S16_video001_ycbcr.jpg")));
    System.out.printf("CMYK S15 vs YCbCr S16, medium: RMSE %.4f (before %.3f)%n", rmse, S15_BEFORE);
    assertThat(rmse).isLessThanOrEqualTo(S15_BEFORE);
  }

  private BufferedImage medium(Path source) throws IOException {
    RenderedThumbnail medium =
        pipeline.render(source, RenderProperties.DEFAULT_PRESETS).thumbnails().stream()
            .filter(t -> t.preset().equals("medium"))
            .findFirst()
            .orElseThrow();
    return ImageIO.read(new ByteArrayInputStream(medium.bytes()));
  }
}
