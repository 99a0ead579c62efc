package dev.imageservice.worker.render.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.worker.render.pixel.BoxHalving;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planar JPEG path ({@link JpegPlanes}: YCbCr planes box-reduced, then converted) against the
 * BGRA path it replaces (upsampled and converted by libjpeg-turbo at the scaled size, then 2x2 box
 * halved as the renderer did): every committed YCbCr and grey JPEG, and committed pictures
 * re-encoded here in each subsampling (4:4:4, 4:2:2, 4:2:0, grey, and 4:4:0 and 4:1:1, which keep
 * the BGRA path), at several scales, including odd sizes. Same picture within the difference
 * between chroma upsampling before averaging and none; truncated and garbage data declined as
 * before.
 */
class JpegPlanarDecodeTest {

  private static final Path CORPUS =
      Path.of(System.getProperty("testdata.dir", "../testdata/corpus"));
  // Chroma upsampled (libjpeg's triangle filter) and then averaged, against the coded chroma
  // sample itself: measured up to 2.4 (pictures re-encoded from a nearest-neighbour resize, rich in
  // chroma detail), 1.5 on the committed ones; a wrong plane, matrix or siting
  // (a chroma sample shifted by one) is several times over.
  private static final double SAME_PICTURE_RMSE = 3.0;
  private static final int SAMP_440 = 4;
  private static final int SAMP_411 = 5;

  private static TurboJpeg tj;
  @TempDir static Path generated;

  @BeforeAll
  static void load() {
    try {
      tj = new TurboJpeg(TurboJpeg.LIBRARY);
    } catch (IllegalArgumentException e) {
      tj = null;
    }
  }

  static Stream<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(CORPUS)) {
      list.filter(p -> p.toString().endsWith(".jpg") && !p.toString().contains("cmyk"))
          .sorted()
          .forEach(files::add);
    }
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("files")
  void committedJpegsDecodeToTheSamePictureAsTheBgraPath(Path file) throws IOException {
    Assumptions.assumeTrue(tj != null, "libturbojpeg.so.0 not installed");
    compareAtSeveralScales(file);
  }

  @Test
  void everySubsamplingAndOddSizesDecodeToTheSamePicture() throws Throwable {
    Assumptions.assumeTrue(tj != null, "libturbojpeg.so.0 not installed");
    BufferedImage photo = ImageIO.read(CORPUS.resolve("S10_nikon_d2h.jpg").toFile());
    int[][] sizes = {{500, 375}, {499, 373}, {333, 250}};
    int[] layouts = {
      TurboJpeg.SAMP_444,
      TurboJpeg.SAMP_422,
      TurboJpeg.SAMP_420,
      TurboJpeg.SAMP_GRAY,
      SAMP_440,
      SAMP_411
    };
    for (int[] size : sizes) {
      for (int subsamp : layouts) {
        Path file = generated.resolve("s" + subsamp + "_" + size[0] + "x" + size[1] + ".jpg");
        Files.write(file, encode(photo, size[0], size[1], subsamp));
        compareAtSeveralScales(file);
      }
    }
  }

  @Test
  void truncatedAndGarbageJpegsAreDeclinedOnThePlanarPath() throws Exception {
    Assumptions.assumeTrue(tj != null, "libturbojpeg.so.0 not installed");
    TurboJpegDecoder planar = new TurboJpegDecoder(tj, true);
    TurboJpegDecoder bgra = new TurboJpegDecoder(tj, false);
    byte[] jpeg = Files.readAllBytes(CORPUS.resolve("S10_nikon_d2h.jpg"));
    Path half = generated.resolve("half.jpg");
    Files.write(half, Arrays.copyOf(jpeg, jpeg.length / 2));
    Path garbage = generated.resolve("garbage.jpg");
    Files.write(garbage, garbage(jpeg));
    for (Path file : List.of(half, garbage)) {
      // Reduced to a quarter by DCT scaling and a box of 2: the planar path.
      assertThat(decode(planar, file, 0.25, 0.125)).as(file.getFileName().toString()).isEmpty();
      assertThat(decode(bgra, file, 0.25, 1.0)).as(file.getFileName().toString()).isEmpty();
    }
  }

  /** The decoder reading the file where it lies, as {@link NativeCodecs#decodeJpeg} does. */
  private static Optional<NativeImage> decode(
      TurboJpegDecoder decoder, Path file, double minScale, double keep) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      return decoder.decode(
          NativeCodecs.map(file, arena), file.getFileName().toString(), minScale, keep);
    }
  }

  /** S10's headers up to its scan's, then random entropy-coded data with no end marker. */
  static byte[] garbage(byte[] jpeg) {
    int sos = 2;
    while (!((jpeg[sos] & 0xff) == 0xff && (jpeg[sos + 1] & 0xff) == 0xda)) {
      sos += 2 + ((jpeg[sos + 2] & 0xff) << 8 | (jpeg[sos + 3] & 0xff));
    }
    int data = sos + 2 + ((jpeg[sos + 2] & 0xff) << 8 | (jpeg[sos + 3] & 0xff));
    byte[] out = Arrays.copyOf(jpeg, data + 20_000);
    Random random = new Random(16);
    for (int i = data; i < out.length; i++) {
      int b = random.nextInt(256);
      out[i] = (byte) (b == 0xff ? 0 : b); // no markers: the decoder reads noise to the end
    }
    return out;
  }

  private static void compareAtSeveralScales(Path file) throws IOException {
    TurboJpegDecoder planar = new TurboJpegDecoder(tj, true);
    TurboJpegDecoder bgra = new TurboJpegDecoder(tj, false);
    for (double keep : new double[] {0.5, 0.42, 0.3, 0.2, 0.12, 0.06}) {
      double minScale = Math.min(1.0, 2 * keep);
      NativeImage old = decode(bgra, file, minScale, 1.0).orElseThrow();
      NativeImage actual = decode(planar, file, minScale, keep).orElseThrow();
      String what = file.getFileName() + " keep " + keep;
      int[] halved = old.pixels();
      int width = old.width();
      int height = old.height();
      // What the renderer's Resize did with the BGRA decode.
      int[] full = header(file);
      double keepWidth = keep * full[0];
      double keepHeight = keep * full[1];
      int factor = TurboJpegDecoder.boxFactor(width, height, keepWidth, keepHeight);
      for (int f = factor; f > 1; f /= 2) {
        halved = BoxHalving.halve(halved, width, height);
        width /= 2;
        height /= 2;
      }
      boolean planarLayout = !file.getFileName().toString().matches("s[45]_.*");
      if (factor > 1 && planarLayout) {
        // A partial last block is dropped, as the halving dropped an odd row or column.
        assertThat(actual.width()).as(what).isEqualTo(width);
        assertThat(actual.height()).as(what).isEqualTo(height);
      } else {
        assertThat(new int[] {actual.width(), actual.height()})
            .as(what)
            .containsExactly(old.width(), old.height());
        assertThat(actual.pixels()).as(what).isEqualTo(old.pixels());
        continue;
      }
      double rmse = rmse(halved, width, height, actual.pixels(), actual.width());
      System.out.printf("%s: factor %d, rmse %.3f%n", what, factor, rmse);
      assertThat(rmse).as(what + " RMSE against the BGRA path").isLessThan(SAME_PICTURE_RMSE);
      assertThat(actual.alpha()).isFalse();
      assertThat(actual.pixels()[0] >>> 24).isEqualTo(0xff);
    }
  }

  private static int[] header(Path file) throws IOException {
    try (var in = ImageIO.createImageInputStream(file.toFile())) {
      var reader = ImageIO.getImageReaders(in).next();
      try {
        reader.setInput(in);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    }
  }

  /** RGB RMSE (0..255) over the region both images cover. */
  private static double rmse(int[] a, int width, int height, int[] b, int bWidth) {
    double sum = 0;
    long n = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = a[y * width + x];
        int q = b[y * bWidth + x];
        for (int shift = 0; shift <= 16; shift += 8) {
          int d = (p >>> shift & 0xff) - (q >>> shift & 0xff);
          sum += d * d;
          n++;
        }
      }
    }
    return Math.sqrt(sum / n);
  }

  /** {@code image} resized (nearest) to {@code width x height}, encoded q90 in {@code subsamp}. */
  private static byte[] encode(BufferedImage image, int width, int height, int subsamp)
      throws Throwable {
    int[] rgb = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        rgb[y * width + x] =
            image.getRGB(x * image.getWidth() / width, y * image.getHeight() / height);
      }
    }
    return new TurboJpegEncoder(tj).encode(rgb, width, height, 90, subsamp);
  }
}
