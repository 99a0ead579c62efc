package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A preset's {@code quality} is libjpeg's 1-100 scale on both encoders: read back from the
 * quantisation table the JPEG carries. libjpeg scales its base tables by {@code 200 - 2q} percent
 * for q >= 50, so at 85 the luminance DC entry (base 16) is {@code (16 * 30 + 50) / 100 = 5}.
 */
class PresetQualityTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void qualityEightyFiveIsLibjpegQualityEightyFive(boolean nativeCodecs) throws IOException {
    assertThat(lumaDc(render(85, nativeCodecs))).isEqualTo(5);
  }

  @Test
  void qualityFiftyIsTheBaseTable() throws IOException {
    assertThat(lumaDc(render(50, false))).isEqualTo(16);
    assertThat(lumaDc(render(50, true))).isEqualTo(16);
  }

  private byte[] render(int quality, boolean nativeCodecs) throws IOException {
    BufferedImage picture = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 480; y++) {
      for (int x = 0; x < 640; x++) {
        picture.setRGB(x, y, (x * 255 / 640) << 16 | (y * 255 / 480) << 8 | (x ^ y) & 0xff);
      }
    }
    Path source = dir.resolve("source.png");
    ImageIO.write(picture, "png", source.toFile());
    RenderPipeline pipeline =
        new RenderPipeline(
            RenderProperties.defaults(),
            nativeCodecs ? NativeCodecs.detected() : NativeCodecs.none());
    Preset preset = new Preset("q", 320, 320, FitMode.FIT, OutputFormat.JPEG, quality);
    byte[] jpeg = pipeline.render(source, List.of(preset)).thumbnails().getFirst().bytes();
    Files.write(dir.resolve("q" + quality + ".jpg"), jpeg);
    return jpeg;
  }

  /** The first entry of the first (luminance) 8-bit quantisation table in the DQT segment. */
  private static int lumaDc(byte[] jpeg) {
    for (int i = 2; i + 5 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xdb) {
        int precisionAndTable = jpeg[i + 4] & 0xff;
        assertThat(precisionAndTable).as("8-bit table 0").isZero();
        return jpeg[i + 5] & 0xff;
      }
    }
    throw new AssertionError("no DQT segment");
  }
}
