package dev.imageservice.common.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

class GifFrameCounterTest {

  @Test
  void countsTheFramesOfAnAnimatedGif() throws IOException {
    assertThat(count("S30_newtonscradle_anim.gif", 1000)).isEqualTo(36);
    assertThat(count("S31_tiny_anim.gif", 1000)).isEqualTo(24);
  }

  @Test
  void countsOneFrameForAStillGif() throws IOException {
    assertThat(count("S32_video001_interlaced.gif", 1000)).isEqualTo(1);
  }

  @Test
  void stopsCountingAtTheCap() throws IOException {
    assertThat(count("S30_newtonscradle_anim.gif", 10)).isEqualTo(10);
  }

  private static int count(String name, int cap) throws IOException {
    Path gif = TestCorpus.committed().resolve(name);
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      return GifFrameCounter.count(in, cap);
    }
  }
}
