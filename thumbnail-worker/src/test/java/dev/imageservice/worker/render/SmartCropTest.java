package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.Geometry.Size;
import dev.imageservice.worker.render.saliency.CropPlacement;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smart crop against the centre crop on 20 pictures whose subject is off centre ({@link
 * OffCentreSubjects}): the share of square crops that keep the whole subject. The crop window is
 * the one the pipeline uses: {@link ChooseSmartCrop}'s placement, run after the real probe, decode
 * and sRGB steps, applied to the cover window exactly as {@link Resize} applies it. A subject
 * counts as whole when no side of it is cut by more than 2 % of its length (the placement is chosen
 * on a copy halved to at most 384 pixels, so it moves in steps of a few source pixels).
 */
class SmartCropTest {

  @TempDir Path dir;

  @Test
  void smartCropKeepsOffCentreSubjectsWholeMoreOftenThanTheCentreCrop() throws IOException {
    List<OffCentreSubjects.Case> cases = OffCentreSubjects.build(TestCorpus.committed(), 20);
    Preset smart = Preset.of("smart", 256, 256, FitMode.SMART);
    int smartWhole = 0;
    int centreWhole = 0;
    for (OffCentreSubjects.Case c : cases) {
      Path file = dir.resolve(c.name());
      ImageIO.write(c.image(), "png", file.toFile());
      RenderState state = RenderState.start(file, List.of(smart));
      for (RenderStep step :
          List.of(
              new ProbeHeader(RenderProperties.defaults().structureLimits()),
              new Decode(dev.imageservice.worker.render.codec.NativeCodecs.none()),
              new ConvertToSrgb(),
              new ChooseSmartCrop())) {
        state = step.apply(state);
      }
      int width = c.image().getWidth();
      int height = c.image().getHeight();
      Rectangle centred = Geometry.centredCrop(width, height, new Size(256, 256));
      Rectangle chosen = placed(centred, width, height, state.placement(smart));
      centreWhole += keepsWhole(centred, c.subject()) ? 1 : 0;
      smartWhole += keepsWhole(chosen, c.subject()) ? 1 : 0;
      System.out.printf(
          "%s subject %s smart %s whole %b, centre whole %b%n",
          c.name(),
          c.subject(),
          chosen,
          keepsWhole(chosen, c.subject()),
          keepsWhole(centred, c.subject()));
    }
    System.out.printf(
        "smart crop keeps %d of %d subjects whole, centre crop %d%n",
        smartWhole, cases.size(), centreWhole);
    assertThat(smartWhole).isGreaterThanOrEqualTo(centreWhole);
    // The figure docs/api.md gives; a change to the saliency weights must not lose it.
    assertThat(smartWhole).isGreaterThanOrEqualTo(17);
  }

  @Test
  void aFlatPictureKeepsTheCentredWindow() {
    double[] flat = new double[100 * 50];
    assertThat(CropPlacement.best(flat, 100, 50, 50, 50)).isEqualTo(CropPlacement.CENTRED);
  }

  private static Rectangle placed(Rectangle window, int width, int height, CropPlacement p) {
    return new Rectangle(
        p.left(width - window.width), p.top(height - window.height), window.width, window.height);
  }

  private static boolean keepsWhole(Rectangle window, Rectangle subject) {
    int slackX = (int) Math.ceil(subject.width * 0.02);
    int slackY = (int) Math.ceil(subject.height * 0.02);
    return window.x <= subject.x + slackX
        && window.y <= subject.y + slackY
        && window.x + window.width >= subject.x + subject.width - slackX
        && window.y + window.height >= subject.y + subject.height - slackY;
  }
}
