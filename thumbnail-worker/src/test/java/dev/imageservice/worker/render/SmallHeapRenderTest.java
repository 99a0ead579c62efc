package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big JPEGs render every default preset in a JVM with a 64 MB heap, on the native path and on the
 * ImageIO path: scaled decoding keeps the renderer's memory to a fraction of the picture's size.
 * Each child prints its peak RSS.
 */
class SmallHeapRenderTest {

  private static final String LARGEST_JPEG = "L01_elephants_5640x3172.jpg";
  // 49.9 MP, just under the default pixel limit (50 MP).
  private static final int BIG_WIDTH = 8160;
  private static final int BIG_HEIGHT = 6120;

  @TempDir Path out;

  @Test
  void rendersTheLargestCorpusJpegWithin64MbOfHeap() throws IOException, InterruptedException {
    Optional<Path> corpus = TestCorpus.full();
    Assumptions.assumeTrue(
        corpus.isPresent(),
        "full corpus absent (-Dcorpus.dir): " + LARGEST_JPEG + " not available");
    renderIn64Mb(corpus.orElseThrow().resolve(LARGEST_JPEG), true);
  }

  @Test
  void rendersA50MegapixelJpegWithin64MbOfHeapOnBothPaths()
      throws IOException, InterruptedException {
    Path big = fiftyMegapixelJpeg();
    renderIn64Mb(big, true);
    renderIn64Mb(big, false);
  }

  private void renderIn64Mb(Path source, boolean nativeCodecs)
      throws IOException, InterruptedException {
    Path thumbs = out.resolve(nativeCodecs ? "native" : "java");
    Path log = out.resolve("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "--enable-native-access=ALL-UNNAMED",
                "-D" + NativeCodecs.PROPERTY + "=" + nativeCodecs,
                "-cp",
                System.getProperty("java.class.path"),
                PeakRss.class.getName(),
                thumbs.toString(),
                source.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = child.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      child.destroyForcibly();
    }
    String output = Files.readString(log);
    System.out.println((nativeCodecs ? "native path: " : "java path: ") + output);
    assertThat(finished).as("child finished").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    String base = source.getFileName().toString().replaceFirst("\\.jpe?g$", "");
    for (String preset : List.of("small", "medium", "square")) {
      assertThat(thumbs.resolve(base + "_" + preset + ".jpg")).isNotEmptyFile();
    }
  }

  /** Made once per build under target/ from a committed photo, scaled up (ImageIO writer). */
  private static Path fiftyMegapixelJpeg() throws IOException {
    Path target = Path.of("target", "large-test-images", "big_8160x6120.jpg");
    if (Files.isRegularFile(target)) {
      return target;
    }
    BufferedImage photo =
        ImageIO.read(TestCorpus.committed().resolve("S10_nikon_d2h.jpg").toFile());
    BufferedImage big = new BufferedImage(BIG_WIDTH, BIG_HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = big.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(photo, 0, 0, BIG_WIDTH, BIG_HEIGHT, null);
    } finally {
      g.dispose();
    }
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling("big.partial.jpg");
    ImageIO.write(big, "jpeg", partial.toFile());
    Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return target;
  }
}
