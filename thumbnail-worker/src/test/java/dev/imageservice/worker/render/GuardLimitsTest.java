package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.worker.render.format.CmykEncoding;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class GuardLimitsTest {

  private final GuardLimits guard = new GuardLimits(RenderProperties.limits(null, 1000, 10, 5000));

  @Test
  void passesAnImageWithinEveryLimit() {
    RenderState state = state(40, 25, 10, 5000);
    assertThat(guard.apply(state)).isSameAs(state);
  }

  @Test
  void refusesTooManyPixels() {
    assertThat(code(state(40, 26, 1, 100))).isEqualTo(FailureCode.TOO_MANY_PIXELS);
  }

  @Test
  void refusesTooManyFrames() {
    assertThat(code(state(10, 10, 11, 100))).isEqualTo(FailureCode.TOO_MANY_FRAMES);
  }

  @Test
  void refusesTooManyBytes() {
    assertThat(code(state(10, 10, 1, 5001))).isEqualTo(FailureCode.TOO_LARGE);
  }

  private String code(RenderState state) {
    return catchThrowableOfType(ImageRejectedException.class, () -> guard.apply(state)).code();
  }

  private static RenderState state(int width, int height, int frames, long bytes) {
    ImageHeader header =
        new ImageHeader(
            "png",
            ImageIO.getImageReadersByFormatName("png").next().getOriginatingProvider(),
            width,
            height,
            frames,
            bytes,
            1,
            CmykEncoding.NONE,
            dev.imageservice.common.format.ImageStructure.none());
    return RenderState.start(Path.of("x.png"), List.of()).withHeader(header);
  }
}
