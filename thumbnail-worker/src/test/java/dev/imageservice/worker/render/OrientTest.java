package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.format.CmykEncoding;
import dev.imageservice.worker.render.pixel.Pixels;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrientTest {

  // A 3x2 stored image with pixels 1..6:  1 2 3 / 4 5 6. Each row gives the upright result that
  // the EXIF specification describes for the orientation, read row by row.
  @ParameterizedTest(name = "orientation {0} shows {1}x{2} as {3}")
  @CsvSource({
    "1, 3, 2, 1 2 3 4 5 6",
    "2, 3, 2, 3 2 1 6 5 4",
    "3, 3, 2, 6 5 4 3 2 1",
    "4, 3, 2, 4 5 6 1 2 3",
    "5, 2, 3, 1 4 2 5 3 6",
    "6, 2, 3, 4 1 5 2 6 3",
    "7, 2, 3, 6 3 5 2 4 1",
    "8, 2, 3, 3 6 2 5 1 4"
  })
  void turnsTheStoredPixelsUpright(int orientation, int width, int height, String expected) {
    BufferedImage stored = Pixels.wrap(new int[] {1, 2, 3, 4, 5, 6}, 3, 2, false);
    // Every row, orientation 1 too, goes through the pipeline's step: the test sees what a render
    // does with the orientation the header gave, instead of comparing the input with itself.
    BufferedImage upright = orientedByTheStep(stored, orientation);
    assertThat(upright.getWidth()).isEqualTo(width);
    assertThat(upright.getHeight()).isEqualTo(height);
    StringBuilder pixels = new StringBuilder();
    for (int p : Pixels.data(upright)) {
      pixels.append(pixels.isEmpty() ? "" : " ").append(p & 0xffffff);
    }
    assertThat(pixels.toString()).isEqualTo(expected);
  }

  private static BufferedImage orientedByTheStep(BufferedImage stored, int orientation) {
    ImageHeader header =
        new ImageHeader(
            "jpeg",
            ImageIO.getImageReadersByFormatName("jpeg").next().getOriginatingProvider(),
            stored.getWidth(),
            stored.getHeight(),
            1,
            100,
            orientation,
            CmykEncoding.NONE,
            dev.imageservice.common.format.ImageStructure.none());
    Preset preset = RenderProperties.DEFAULT_PRESETS.getFirst();
    RenderState state =
        RenderState.start(Path.of("stored.jpg"), List.of(preset))
            .withHeader(header)
            .withRenditions(List.of(new Rendition(preset, OutputFormat.JPEG, stored, null)));
    return new Orient().apply(state).renditions().getFirst().image();
  }
}
