package dev.imageservice.worker.render.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planar path (libheif's YCbCr planes box-reduced and converted here) gives the colours of
 * libheif's own RGBA conversion, on every committed HEIC/AVIF (8, 10 and 12 bits, alpha, irot and
 * imir, a grid) and the modern corpus, at whole size and reduced: the same dimensions, alpha, and
 * an RMSE (0..255, per channel) within rounding. A wrong matrix, range, chroma siting, bit depth or
 * a transform not applied is far over.
 */
class HeifPlanarDecodeTest {

  // Rounding only (libheif's integer and float conversions against one float conversion here,
  // averaging before rather than after it): measured 0.3-0.9; a BT.709/601 mix-up is over 3,
  // limited/full range over 10.
  private static final double SAME_COLOURS = 1.5;
  private static final int SAME_ALPHA = 2;

  static Stream<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    Path committed = Path.of("..", "testdata", "heif");
    Path modern = Path.of("..", "..", "shared", "corpus-modern");
    for (Path dir : List.of(committed, modern)) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> list = Files.list(dir)) {
          list.filter(p -> p.toString().matches(".*\\.(heic|avif)$")).sorted().forEach(files::add);
        }
      }
    }
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("files")
  void planarDecodeMatchesLibheifsRgbaConversion(Path file) throws IOException {
    LibHeif heif;
    try {
      heif = new LibHeif(LibHeif.LIBRARY);
    } catch (IllegalArgumentException e) {
      Assumptions.abort("libheif1 not installed here");
      return;
    }
    HeifDecoder planar = new HeifDecoder(heif, true);
    HeifDecoder rgba = new HeifDecoder(heif, false);
    for (double scale : new double[] {1.0, 0.5, 0.3}) {
      NativeImage expected;
      NativeImage actual;
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment bytes = NativeCodecs.map(file, arena);
        expected = rgba.decode(bytes, scale);
        actual = planar.decode(bytes, scale);
      }
      String what = file.getFileName() + " at " + scale;
      assertThat(new int[] {actual.width(), actual.height()})
          .as(what)
          .containsExactly(expected.width(), expected.height());
      assertThat(actual.alpha()).as(what).isEqualTo(expected.alpha());
      double[] rmse = rmse(expected.pixels(), actual.pixels());
      System.out.printf("%s: rmse %.3f, alpha max diff %.0f%n", what, rmse[0], rmse[1]);
      assertThat(rmse[0]).as(what + " colour RMSE").isLessThan(SAME_COLOURS);
      assertThat(rmse[1]).as(what + " alpha max difference").isLessThanOrEqualTo(SAME_ALPHA);
    }
  }

  /** RGB RMSE over all channels, and the largest alpha difference. */
  private static double[] rmse(int[] a, int[] b) {
    double sum = 0;
    int alpha = 0;
    for (int i = 0; i < a.length; i++) {
      for (int shift = 0; shift <= 16; shift += 8) {
        int d = (a[i] >>> shift & 0xff) - (b[i] >>> shift & 0xff);
        sum += d * d;
      }
      alpha = Math.max(alpha, Math.abs((a[i] >>> 24) - (b[i] >>> 24)));
    }
    return new double[] {Math.sqrt(sum / (3.0 * a.length)), alpha};
  }
}
