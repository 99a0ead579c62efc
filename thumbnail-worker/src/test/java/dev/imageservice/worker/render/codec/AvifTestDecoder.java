package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Test-only: decodes an AVIF back to pixels with libavif's own decoder (dav1d or libaom), so that
 * tests check what a browser would see rather than trusting our encoder's bookkeeping. ImageIO has
 * no AVIF reader. Returns a {@code TYPE_INT_ARGB} image (straight alpha), or empty when libavif is
 * not installed.
 */
public final class AvifTestDecoder {

  private final MethodHandle decoderCreate;
  private final MethodHandle decoderDestroy;
  private final MethodHandle imageCreateEmpty;
  private final MethodHandle imageDestroy;
  private final MethodHandle readMemory;
  private final MethodHandle rgbSetDefaults;
  private final MethodHandle yuvToRgb;

  private AvifTestDecoder(SymbolLookup lib) {
    Linker linker = Linker.nativeLinker();
    decoderCreate =
        linker.downcallHandle(lib.findOrThrow("avifDecoderCreate"), FunctionDescriptor.of(ADDRESS));
    decoderDestroy =
        linker.downcallHandle(
            lib.findOrThrow("avifDecoderDestroy"), FunctionDescriptor.ofVoid(ADDRESS));
    imageCreateEmpty =
        linker.downcallHandle(
            lib.findOrThrow("avifImageCreateEmpty"), FunctionDescriptor.of(ADDRESS));
    imageDestroy =
        linker.downcallHandle(
            lib.findOrThrow("avifImageDestroy"), FunctionDescriptor.ofVoid(ADDRESS));
    readMemory =
        linker.downcallHandle(
            lib.findOrThrow("avifDecoderReadMemory"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    rgbSetDefaults =
        linker.downcallHandle(
            lib.findOrThrow("avifRGBImageSetDefaults"),
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    yuvToRgb =
        linker.downcallHandle(
            lib.findOrThrow("avifImageYUVToRGB"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
  }

  /** The decoder, when libavif is installed. */
  public static Optional<AvifTestDecoder> load() {
    try {
      return Optional.of(
          new AvifTestDecoder(SymbolLookup.libraryLookup(Avif.LIBRARY, Arena.global())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The picture; throws when libavif refuses the bytes. */
  public BufferedImage decode(byte[] avif) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment data = arena.allocateFrom(java.lang.foreign.ValueLayout.JAVA_BYTE, avif);
      MemorySegment decoder = (MemorySegment) decoderCreate.invokeExact();
      MemorySegment image = ((MemorySegment) imageCreateEmpty.invokeExact()).reinterpret(112);
      try {
        int rc = (int) readMemory.invokeExact(decoder, image, data, (long) avif.length);
        if (rc != 0) {
          throw new IllegalStateException("libavif refused the file: result " + rc);
        }
        int width = image.get(JAVA_INT, 0);
        int height = image.get(JAVA_INT, 4);
        boolean alpha = !image.get(ADDRESS, 64).equals(MemorySegment.NULL);
        MemorySegment pixels = arena.allocate(JAVA_INT, (long) width * height);
        MemorySegment rgb = arena.allocate(Avif.RGB_SIZE, 8);
        rgbSetDefaults.invokeExact(rgb, image);
        rgb.set(JAVA_INT, Avif.RGB_DEPTH, 8);
        rgb.set(JAVA_INT, Avif.RGB_FORMAT, Avif.RGB_FORMAT_BGRA);
        rgb.set(ADDRESS, Avif.RGB_PIXELS, pixels);
        rgb.set(JAVA_INT, Avif.RGB_ROW_BYTES, width * 4);
        if ((int) yuvToRgb.invokeExact(image, rgb) != 0) {
          throw new IllegalStateException("libavif could not convert to RGB");
        }
        BufferedImage out =
            new BufferedImage(
                width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] argb = pixels.toArray(JAVA_INT);
        out.setRGB(0, 0, width, height, argb, 0, width);
        return out;
      } finally {
        imageDestroy.invokeExact(image);
        decoderDestroy.invokeExact(decoder);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("libavif call failed", e);
    }
  }
}
