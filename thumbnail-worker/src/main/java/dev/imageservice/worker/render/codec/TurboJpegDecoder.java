package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a JPEG at reduced size with TurboJPEG's DCT scaling (1/8 steps): the smallest scale that
 * keeps at least the requested fraction of the width and height. The encoded bytes are read where
 * they lie (a mapped file or the worker's buffer); all other native memory belongs to a confined
 * arena freed when the decode returns.
 *
 * <p>When the caller will box-halve the result anyway ({@code keep}: the fraction of each side it
 * needs in the end is at most half the decoded size), 4:4:4, 4:2:2, 4:2:0 and grey JPEGs are
 * decoded to their planes and box-reduced before any colour conversion ({@link JpegPlanes}); the
 * result is then that reduced image. Everything else decodes to packed BGRA at the scaled size.
 *
 * <p>Thread-safe (see {@link TurboJpeg}). Declines (empty) what the caller must decode another way:
 * CMYK and YCCK JPEGs, which TurboJPEG cannot turn into RGB, truncated data and any decoder error,
 * so that the established decoder reports them exactly as before.
 */
final class TurboJpegDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(TurboJpegDecoder.class);

  private final TurboJpeg tj;
  private final int[][] factors;
  private final boolean planar;

  TurboJpegDecoder(TurboJpeg tj) {
    this(tj, true);
  }

  /**
   * @param planar whether to box-reduce the YCbCr planes here ({@link JpegPlanes}) rather than
   *     decode to BGRA at the scaled size and leave the halving to the caller (kept for the
   *     comparison tests)
   */
  TurboJpegDecoder(TurboJpeg tj, boolean planar) {
    this.tj = tj;
    this.factors = tj.scalingFactors();
    this.planar = planar;
  }

  /** The decode at the smallest DCT scale keeping {@code minScale}, never box-reduced. */
  Optional<NativeImage> decode(MemorySegment jpeg, String name, double minScale) {
    return decode(jpeg, name, minScale, 1.0);
  }

  /**
   * The decode at the smallest DCT scale keeping {@code minScale} of each side, box-reduced by the
   * largest power of two that still keeps {@code keep} of each side (as often as the caller's own
   * 2x2 halving would have run), where the layout allows it.
   */
  Optional<NativeImage> decode(MemorySegment jpeg, String name, double minScale, double keep) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment handle = tj.borrowDecompressor();
      try {
        return decode(arena, handle, jpeg, minScale, keep, name);
      } finally {
        tj.returnDecompressor(handle);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("TurboJPEG call failed", e);
    }
  }

  private Optional<NativeImage> decode(
      Arena arena,
      MemorySegment handle,
      MemorySegment jpeg,
      double minScale,
      double keep,
      String name)
      throws Throwable {
    MemorySegment info = arena.allocate(JAVA_INT, 4);
    int rc =
        (int)
            tj.decompressHeader.invokeExact(
                handle,
                jpeg,
                jpeg.byteSize(),
                info,
                info.asSlice(4),
                info.asSlice(8),
                info.asSlice(12));
    int colorspace = info.getAtIndex(JAVA_INT, 3);
    if (rc != 0 || colorspace == TurboJpeg.CS_CMYK || colorspace == TurboJpeg.CS_YCCK) {
      return Optional.empty();
    }
    int fullWidth = info.getAtIndex(JAVA_INT, 0);
    int fullHeight = info.getAtIndex(JAVA_INT, 1);
    int subsamp = info.getAtIndex(JAVA_INT, 2);
    boolean toPlanes = planar && JpegPlanes.supports(subsamp);
    int[] factor = factorFor(minScale);
    int width = scaled(fullWidth, factor);
    int height = scaled(fullHeight, factor);
    int box = boxFactor(width, height, keep * fullWidth, keep * fullHeight);
    if (toPlanes && box > 1) {
      JpegPlanes.Planes planes = JpegPlanes.allocate(tj, arena, width, height, subsamp);
      rc =
          (int)
              tj.decompressToPlanes.invokeExact(
                  handle,
                  jpeg,
                  jpeg.byteSize(),
                  planes.pointers(),
                  width,
                  planes.strides(),
                  height,
                  TurboJpeg.FLAG_LIMITSCANS);
      if (!usable(rc, handle, name)) {
        return Optional.empty();
      }
      return Optional.of(
          new NativeImage(
              JpegPlanes.reduce(planes, box),
              width / box,
              height / box,
              false,
              JpegIccProfile.read(jpeg)));
    }
    MemorySegment pixels = arena.allocate(JAVA_INT, (long) width * height);
    rc =
        (int)
            tj.decompress.invokeExact(
                handle,
                jpeg,
                jpeg.byteSize(),
                pixels,
                width,
                0,
                height,
                TurboJpeg.PF_BGRA,
                TurboJpeg.FLAG_LIMITSCANS);
    if (!usable(rc, handle, name)) {
      return Optional.empty();
    }
    // Little-endian BGRA bytes read as ints are 0xAARRGGBB: the working format, no conversion.
    int[] argb = pixels.toArray(JAVA_INT);
    return Optional.of(new NativeImage(argb, width, height, false, JpegIccProfile.read(jpeg)));
  }

  /**
   * Whether a decode that returned {@code rc} gave a picture: errors and truncation (libjpeg fills
   * the missing part with grey and only warns) are declined, so that ImageIO reports them as
   * before; other warnings are logged.
   */
  private boolean usable(int rc, MemorySegment handle, String name) {
    if (rc == 0) {
      return true;
    }
    String message = tj.error(handle);
    if (!tj.lastErrorWasWarning(handle)
        || message.toLowerCase(Locale.ROOT).contains("premature end")) {
      return false;
    }
    LOG.warn("decoder warning for {}: {}", name, message);
    return true;
  }

  /**
   * The number of 2x2 halvings the caller would make of a {@code width x height} decode (while half
   * of it still holds {@code keepWidth x keepHeight}), as one power-of-two factor.
   */
  static int boxFactor(int width, int height, double keepWidth, double keepHeight) {
    if (keepWidth <= 0 || keepHeight <= 0) {
      return 1;
    }
    // Whole pixels, as the halving counts them; the tolerance absorbs the rounding of keep =
    // preset size / image size times image size.
    long needWidth = (long) Math.ceil(keepWidth - 1e-6);
    long needHeight = (long) Math.ceil(keepHeight - 1e-6);
    int factor = 1;
    while (width / (2 * factor) >= needWidth && height / (2 * factor) >= needHeight) {
      factor *= 2;
    }
    return factor;
  }

  /** The smallest factor not below {@code minScale}, at most 1 (TurboJPEG also offers up to 2). */
  private int[] factorFor(double minScale) {
    int[] best = {1, 1};
    for (int[] f : factors) {
      double value = (double) f[0] / f[1];
      if (value <= 1 && value >= minScale && value < (double) best[0] / best[1]) {
        best = f;
      }
    }
    return best;
  }

  // TJSCALED(): ceil(dimension * num / denom)
  private static int scaled(int dimension, int[] factor) {
    return (int) (((long) dimension * factor[0] + factor[1] - 1) / factor[1]);
  }
}
