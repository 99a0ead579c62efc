package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a JPEG file at reduced size with TurboJPEG's DCT scaling (1/8 steps): the smallest scale
 * that keeps at least the requested fraction of the width and height. The file is mapped, not
 * copied; all native memory belongs to a confined arena freed when the decode returns.
 *
 * <p>Thread-safe (see {@link TurboJpeg}). Declines (empty) what the caller must decode another way:
 * CMYK and YCCK JPEGs, which TurboJPEG cannot turn into RGB, truncated data and any decoder error,
 * so that the established decoder reports them exactly as before.
 */
final class TurboJpegDecoder {

  private static final Logger LOG = LoggerFactory.getLogger(TurboJpegDecoder.class);

  private final TurboJpeg tj;
  private final int[][] factors;

  TurboJpegDecoder(TurboJpeg tj) {
    this.tj = tj;
    this.factors = tj.scalingFactors();
  }

  Optional<NativeImage> decode(Path source, double minScale) throws IOException {
    try (Arena arena = Arena.ofConfined();
        FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
      MemorySegment jpeg = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
      MemorySegment handle = tj.borrowDecompressor();
      try {
        return decode(arena, handle, jpeg, minScale, source);
      } finally {
        tj.returnDecompressor(handle);
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("TurboJPEG call failed", e);
    }
  }

  private Optional<NativeImage> decode(
      Arena arena, MemorySegment handle, MemorySegment jpeg, double minScale, Path source)
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
    int[] factor = factorFor(minScale);
    int width = scaled(info.getAtIndex(JAVA_INT, 0), factor);
    int height = scaled(info.getAtIndex(JAVA_INT, 1), factor);
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
    if (rc != 0) {
      String message = tj.error(handle);
      if (!tj.lastErrorWasWarning(handle)
          || message.toLowerCase(Locale.ROOT).contains("premature end")) {
        return Optional.empty();
      }
      LOG.warn("decoder warning for {}: {}", source.getFileName(), message);
    }
    // Little-endian BGRA bytes read as ints are 0xAARRGGBB: the working format, no conversion.
    int[] argb = pixels.toArray(JAVA_INT);
    return Optional.of(new NativeImage(argb, width, height, false, JpegIccProfile.read(jpeg)));
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
