package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Encodes packed RGB pixels as a baseline JPEG with TurboJPEG: 4:2:0 chroma, the standard tables
 * scaled by quality exactly as libjpeg (and ImageIO's writer) scale them, no metadata.
 *
 * <p>Thread-safe (see {@link TurboJpeg}); native memory lives in a confined arena per call.
 */
final class TurboJpegEncoder {

  private final TurboJpeg tj;

  TurboJpegEncoder(TurboJpeg tj) {
    this.tj = tj;
  }

  /** {@code rgb} holds {@code 0x??RRGGBB} (the top byte is ignored); quality is 1..100. */
  byte[] encode(int[] rgb, int width, int height, int quality) {
    return encode(rgb, width, height, quality, TurboJpeg.SAMP_420);
  }

  /** As {@link #encode(int[], int, int, int)}, with the chroma subsampling ({@code TJSAMP_*}). */
  byte[] encode(int[] rgb, int width, int height, int quality, int subsamp) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment source = arena.allocate(JAVA_INT, (long) width * height);
      MemorySegment.copy(rgb, 0, source, JAVA_INT, 0, width * height);
      long capacity = (long) tj.bufSize.invokeExact(width, height, subsamp);
      MemorySegment target = arena.allocate(capacity);
      MemorySegment targetPointer = arena.allocate(ADDRESS);
      targetPointer.set(ADDRESS, 0, target);
      MemorySegment size = arena.allocate(JAVA_LONG);
      size.set(JAVA_LONG, 0, capacity);
      MemorySegment handle = tj.borrowCompressor();
      try {
        // NOREALLOC: the library writes into our buffer, sized by tjBufSize for the worst case.
        int rc =
            (int)
                tj.compress.invokeExact(
                    handle,
                    source,
                    width,
                    0,
                    height,
                    TurboJpeg.PF_BGRX,
                    targetPointer,
                    size,
                    subsamp,
                    quality,
                    TurboJpeg.FLAG_NOREALLOC);
        if (rc != 0 && !tj.lastErrorWasWarning(handle)) {
          throw new IllegalStateException("TurboJPEG encoding failed: " + tj.error(handle));
        }
      } finally {
        tj.returnCompressor(handle);
      }
      return target.asSlice(0, size.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("TurboJPEG call failed", e);
    }
  }
}
