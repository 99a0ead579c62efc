package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Encodes straight (not premultiplied) BGRA pixels as a lossy WebP with libwebp's simple API
 * ({@code WebPEncodeBGRA}: the default preset, method 4, lossless alpha). libwebp writes an {@code
 * ALPH} chunk only when some pixel is not opaque, and never any metadata chunk (no EXIF, XMP or
 * ICCP).
 *
 * <p>Thread-safe and stateless: every call has its own confined arena; the library's output buffer
 * is freed with {@code WebPFree} before returning.
 */
final class WebPEncoder {

  private final MethodHandle encodeBgra;
  private final MethodHandle free;

  /** Binds the library; throws {@link IllegalArgumentException} when it is not installed. */
  WebPEncoder(String library) {
    SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
    Linker linker = Linker.nativeLinker();
    // size_t WebPEncodeBGRA(const uint8_t* bgra, int w, int h, int stride, float q, uint8_t** out)
    encodeBgra =
        linker.downcallHandle(
            lib.findOrThrow("WebPEncodeBGRA"),
            FunctionDescriptor.of(
                JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS));
    free = linker.downcallHandle(lib.findOrThrow("WebPFree"), FunctionDescriptor.ofVoid(ADDRESS));
  }

  /**
   * {@code argb} holds straight {@code 0xAARRGGBB} (on little-endian memory: B, G, R, A); quality
   * is libwebp's 0..100 factor.
   */
  byte[] encode(int[] argb, int width, int height, int quality) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment source = arena.allocate(JAVA_INT, (long) width * height);
      MemorySegment.copy(argb, 0, source, JAVA_INT, 0, width * height);
      MemorySegment output = arena.allocate(ADDRESS);
      long size =
          (long) encodeBgra.invokeExact(source, width, height, width * 4, (float) quality, output);
      MemorySegment data = output.get(ADDRESS, 0);
      if (size == 0 || data.equals(MemorySegment.NULL)) {
        throw new IllegalStateException("libwebp could not encode a " + width + "x" + height);
      }
      try {
        return data.reinterpret(size).toArray(JAVA_BYTE);
      } finally {
        free.invokeExact(data);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("libwebp call failed", e);
    }
  }
}
