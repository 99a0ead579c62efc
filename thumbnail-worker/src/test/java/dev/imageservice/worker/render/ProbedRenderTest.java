package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imageservice.common.job.FailureCode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A render from a probed source is the render from the file: the header is only not read twice. */
class ProbedRenderTest {

  @TempDir Path dir;

  private final RenderPipeline pipeline = new RenderPipeline(RenderProperties.defaults());
  private final List<Preset> presets = RenderProperties.defaults().presets();

  @Test
  void rendersTheSameThumbnailsAsFromTheFile() throws IOException {
    Path photo = photo(1200, 800);

    ProbedSource probed = pipeline.probe(photo, presets);
    RenderResult once = pipeline.render(probed, List.of(), null, StepObserver.NONE);
    RenderResult fromFile = pipeline.render(photo, presets);

    assertThat(probed.estimate()).isEqualTo(pipeline.estimate(photo, presets));
    assertThat(once.sourceWidth()).isEqualTo(1200);
    assertThat(once.thumbhash()).isEqualTo(fromFile.thumbhash());
    assertThat(once.thumbnails()).hasSameSizeAs(fromFile.thumbnails());
    for (int i = 0; i < once.thumbnails().size(); i++) {
      RenderedThumbnail a = once.thumbnails().get(i);
      RenderedThumbnail b = fromFile.thumbnails().get(i);
      assertThat(a.preset()).isEqualTo(b.preset());
      assertThat(a.format()).isEqualTo(b.format());
      assertThat(a.width()).isEqualTo(b.width());
      assertThat(a.height()).isEqualTo(b.height());
      assertThat(a.bytes()).isEqualTo(b.bytes());
    }
  }

  @Test
  void probingRefusesWhatTheRenderWouldRefuse() throws IOException {
    Path photo = photo(300, 200);
    RenderPipeline small = new RenderPipeline(RenderProperties.limits(null, 50_000, 0, 0));

    ImageRejectedException refused =
        catchThrowableOfType(ImageRejectedException.class, () -> small.probe(photo, presets));

    assertThat(refused.code()).isEqualTo(FailureCode.TOO_MANY_PIXELS);
  }

  private Path photo(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new java.awt.GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.WHITE);
    g.fillOval(width / 3, height / 3, width / 4, height / 4);
    g.dispose();
    Path file = dir.resolve("photo-" + width + "x" + height + ".jpg");
    ImageIO.write(image, "jpeg", file.toFile());
    return file;
  }
}
