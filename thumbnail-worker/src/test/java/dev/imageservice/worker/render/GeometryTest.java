package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.Geometry.Size;
import dev.imageservice.worker.render.format.CmykEncoding;
import java.awt.Rectangle;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeometryTest {

  @Test
  void fitKeepsAspectRatioInsideTheBox() {
    assertThat(Geometry.fit(5640, 3172, 1024, 1024)).isEqualTo(new Size(1024, 576));
    assertThat(Geometry.fit(794, 3352, 256, 256)).isEqualTo(new Size(61, 256));
  }

  @Test
  void fitNeverUpscales() {
    assertThat(Geometry.fit(50, 70, 256, 256)).isEqualTo(new Size(50, 70));
  }

  @Test
  void coverFillsTheBoxExactlyWhenTheSourceCoversIt() {
    assertThat(Geometry.cover(5640, 3172, 256, 256)).isEqualTo(new Size(256, 256));
    assertThat(Geometry.cover(300, 256, 256, 128)).isEqualTo(new Size(256, 128));
  }

  @Test
  void coverOfASmallerSourceKeepsTheBoxAspectWithoutUpscaling() {
    assertThat(Geometry.cover(150, 103, 256, 256)).isEqualTo(new Size(103, 103));
    assertThat(Geometry.cover(300, 100, 256, 128)).isEqualTo(new Size(200, 100));
  }

  @Test
  void centredCropTakesTheMiddleWithTheTargetAspect() {
    assertThat(Geometry.centredCrop(400, 100, new Size(50, 50)))
        .isEqualTo(new Rectangle(150, 0, 100, 100));
    assertThat(Geometry.centredCrop(100, 300, new Size(20, 10)))
        .isEqualTo(new Rectangle(0, 125, 100, 50));
  }

  @Test
  void subsamplingLeavesAtLeastTwiceWhatTheBiggestPresetNeeds() {
    ImageHeader header = header(5640, 3172, 1);
    int factor = Geometry.subsampling(header, RenderProperties.DEFAULT_PRESETS);
    assertThat(factor).isEqualTo(2);
    assertThat(5640 / factor).isGreaterThanOrEqualTo(2 * 1024);
  }

  @Test
  void subsamplingIsOffWhenAPresetNeedsMoreThanHalfTheResolution() {
    assertThat(Geometry.subsampling(header(1500, 1000, 1), RenderProperties.DEFAULT_PRESETS))
        .isEqualTo(1);
  }

  @Test
  void coverPresetsNeedOnlyTheirCropForSubsampling() {
    List<Preset> square = List.of(Preset.of("square", 256, 256, FitMode.COVER));
    // The crop is 3172x3172; 256 needs 1/12.4 of it, so 6 keeps twice that.
    assertThat(Geometry.subsampling(header(5640, 3172, 1), square)).isEqualTo(6);
  }

  @Test
  void storedTargetSwapsTheBoxForTransposingOrientations() {
    Preset wide = Preset.of("wide", 200, 100, FitMode.COVER);
    assertThat(Geometry.storedTarget(wide, header(1000, 1000, 6))).isEqualTo(new Size(100, 200));
    assertThat(Geometry.storedTarget(wide, header(1000, 1000, 3))).isEqualTo(new Size(200, 100));
  }

  static ImageHeader header(int width, int height, int orientation) {
    return new ImageHeader(
        "jpeg",
        new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi(),
        width,
        height,
        1,
        1000,
        orientation,
        CmykEncoding.NONE,
        dev.imageservice.common.format.ImageStructure.none());
  }
}
