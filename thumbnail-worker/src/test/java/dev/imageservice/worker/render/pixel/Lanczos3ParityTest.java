package dev.imageservice.worker.render.pixel;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The strip-transposed resampler must give exactly the pixels of the scalar one it replaced (so
 * thumbnails, their RMSE and every quality figure stay as they were), for every shape the renderer
 * can ask for: up and down, odd sizes, one-pixel lines, strips with a short last one, opaque and
 * premultiplied alpha, noise that rings below 0 and above 255.
 */
class Lanczos3ParityTest {

  private static final int[][] SHAPES = {
    {97, 61, 40, 25},
    {61, 97, 25, 40},
    {40, 25, 97, 61},
    {131, 77, 70, 41},
    {1, 1, 3, 5},
    {3, 5, 1, 1},
    {1, 200, 1, 33},
    {200, 1, 33, 1},
    {301, 203, 300, 202},
    {257, 129, 256, 128},
    {64, 64, 64, 65},
    {65, 300, 64, 129},
    {1000, 750, 333, 250},
    {500, 375, 1024, 768},
    {2016, 1512, 1024, 768},
    {1024, 768, 256, 192},
    {17, 19, 23, 29}
  };

  @Test
  void randomImagesOfEveryShapeResizeBitIdentically() {
    Random random = new Random(16);
    for (int[] s : SHAPES) {
      int[] noise = new int[s[0] * s[1]];
      int[] premultiplied = new int[noise.length];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = random.nextInt();
        premultiplied[i] = premultiply(random.nextInt(), random.nextInt(4) == 0 ? 0 : -1);
      }
      for (boolean alpha : new boolean[] {false, true}) {
        assertSame(noise, s, alpha, "noise");
        assertSame(premultiplied, s, alpha, "premultiplied");
      }
    }
  }

  @Test
  void realPhotosAndTransparentImagesResizeBitIdentically() throws IOException {
    for (String name : new String[] {"S10_nikon_d2h.jpg", "S21_yellow_rose_rgba.png"}) {
      BufferedImage image = ImageIO.read(corpus().resolve(name).toFile());
      int w = image.getWidth();
      int h = image.getHeight();
      BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
      argb.createGraphics().drawImage(image, 0, 0, null);
      int[] pixels = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
      boolean alpha = image.getColorModel().hasAlpha();
      int[][] shapes = {
        {w, h, w / 2 + 1, h / 2 + 1},
        {w, h, 256, 256 * h / w},
        {w, h, 3 * w / 2, 3 * h / 2 + 1},
        {w, h, 100, 37}
      };
      for (int[] s : shapes) {
        assertSame(pixels, s, alpha, name);
      }
    }
  }

  private static void assertSame(int[] src, int[] s, boolean alpha, String what) {
    int[] expected = ScalarLanczos3.resize(src, s[0], s[1], s[2], s[3], alpha);
    int[] actual = Lanczos3.resize(src, s[0], s[1], s[2], s[3], alpha);
    assertThat(actual)
        .as("%s %dx%d -> %dx%d alpha=%s", what, s[0], s[1], s[2], s[3], alpha)
        .isEqualTo(expected);
  }

  /** A valid premultiplied pixel: colour at most alpha; {@code mask} 0 makes it transparent. */
  private static int premultiply(int argb, int mask) {
    int a = argb >>> 24 & mask;
    int r = (argb >> 16 & 0xff) * a / 255;
    int g = (argb >> 8 & 0xff) * a / 255;
    int b = (argb & 0xff) * a / 255;
    return a << 24 | r << 16 | g << 8 | b;
  }

  private static Path corpus() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("testdata/corpus"))) {
        return dir.resolve("testdata/corpus");
      }
    }
    throw new IllegalStateException("testdata/corpus not found");
  }
}
