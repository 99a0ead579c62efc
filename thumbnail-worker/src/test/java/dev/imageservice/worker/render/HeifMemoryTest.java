package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.codec.NativeCodecs;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 48-megapixel HEIC renders every default preset in a JVM with a 64 MB heap (the bound {@link
 * SmallHeapRenderTest} holds JPEGs to): libheif decodes in native memory and the image is
 * box-reduced from there, so the heap only ever holds the reduced copy. The HEIC is made at test
 * time under target/ with Debian's {@code heif-enc} (not committed: 48 MP); the test says so and is
 * skipped where heif-enc or libheif is missing.
 */
class HeifMemoryTest {

  private static final int WIDTH = 8000;
  private static final int HEIGHT = 6000;

  @TempDir Path out;

  @Test
  void rendersA48MegapixelHeicWithin64MbOfHeap() throws IOException, InterruptedException {
    Assumptions.assumeTrue(NativeCodecs.detected().heif(), "libheif1 is not installed here");
    Path heic = fortyEightMegapixelHeic();
    Path thumbs = out.resolve("thumbs");
    Path log = out.resolve("child.log");
    long started = System.nanoTime();
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                PeakRss.class.getName(),
                thumbs.toString(),
                heic.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = child.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      child.destroyForcibly();
    }
    String output = Files.readString(log);
    System.out.printf(
        "48 MP HEIC in -Xmx64m: %d ms (JVM start included)%n%s%n",
        (System.nanoTime() - started) / 1_000_000, output);
    assertThat(finished).as("child finished").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    for (String preset : List.of("small", "medium", "square")) {
      assertThat(thumbs.resolve("big_8000x6000_" + preset + ".jpg")).isNotEmptyFile();
    }
  }

  /** Made once per build under target/ from a committed photo, scaled up, by heif-enc. */
  private static Path fortyEightMegapixelHeic() throws IOException, InterruptedException {
    Path target = Path.of("target", "large-test-images", "big_8000x6000.heic");
    if (Files.isRegularFile(target)) {
      return target;
    }
    Path encoder = Path.of("/usr/bin/heif-enc");
    Assumptions.assumeTrue(
        Files.isExecutable(encoder),
        "heif-enc absent (Debian libheif-examples): the 48 MP HEIC cannot be made here");
    BufferedImage photo =
        ImageIO.read(TestCorpus.committed().resolve("S10_nikon_d2h.jpg").toFile());
    BufferedImage big = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = big.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(photo, 0, 0, WIDTH, HEIGHT, null);
    } finally {
      g.dispose();
    }
    Files.createDirectories(target.getParent());
    Path jpeg = target.resolveSibling("big_8000x6000_source.jpg");
    ImageIO.write(big, "jpeg", jpeg.toFile());
    Path partial = target.resolveSibling("big.partial.heic");
    Process enc =
        new ProcessBuilder(
                encoder.toString(),
                "-q",
                "50",
                "-p",
                "preset=ultrafast",
                "-o",
                partial.toString(),
                jpeg.toString())
            .redirectErrorStream(true)
            .redirectOutput(target.resolveSibling("heif-enc.log").toFile())
            .start();
    assertThat(enc.waitFor(5, TimeUnit.MINUTES)).as("heif-enc finished").isTrue();
    assertThat(enc.exitValue()).as("heif-enc exit").isZero();
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }
}
