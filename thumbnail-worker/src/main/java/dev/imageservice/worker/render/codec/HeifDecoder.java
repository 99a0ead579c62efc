package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the primary image of a HEIC, HEIF or AVIF file with libheif: {@code irot} and {@code
 * imir} applied (libheif's default; EXIF orientation is not, as the specification says), grids
 * assembled, YCbCr converted with the file's {@code nclx} matrix, 10 and 12 bits brought to 8,
 * alpha kept (straight). An ICC profile is returned for the renderer to apply.
 *
 * <p>libheif cannot decode scaled, so the full image lives in native memory, as the coder's YCbCr
 * planes (1.5 bytes a pixel at 4:2:0, not converted to RGBA by libheif); it is box-averaged
 * straight from there by a whole factor and only the reduced pixels are converted to RGB, so the
 * Java heap only ever holds the reduced image. Thread-safe: each call has its own context and
 * arena.
 */
final class HeifDecoder {

  private final LibHeif heif;
  private final boolean planar;

  HeifDecoder(LibHeif heif) {
    this(heif, true);
  }

  /**
   * @param planar whether to reduce libheif's YCbCr planes here ({@link HeifPlanes}) rather than
   *     have libheif convert the full image to RGBA first (kept for the comparison tests)
   */
  HeifDecoder(LibHeif heif, boolean planar) {
    this.heif = heif;
    this.planar = planar;
  }

  /**
   * Decodes the HEIF bytes {@code data} reduced by the largest whole factor keeping at least {@code
   * minScale} of each side.
   *
   * @throws HeifDecodeException when libheif refuses the file
   */
  NativeImage decode(MemorySegment data, double minScale) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment context = (MemorySegment) heif.contextAlloc.invokeExact();
      try {
        check(
            (MemorySegment)
                heif.readFromMemory.invokeExact(
                    (java.lang.foreign.SegmentAllocator) arena,
                    context,
                    data,
                    data.byteSize(),
                    MemorySegment.NULL),
            "reading the file");
        MemorySegment handleOut = arena.allocate(ADDRESS);
        check(
            (MemorySegment)
                heif.primaryHandle.invokeExact(
                    (java.lang.foreign.SegmentAllocator) arena, context, handleOut),
            "finding the primary image");
        MemorySegment handle = handleOut.get(ADDRESS, 0);
        try {
          return decodeHandle(arena, handle, minScale, CodedChroma.of(data));
        } finally {
          heif.handleRelease.invokeExact(handle);
        }
      } finally {
        heif.contextFree.invokeExact(context);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("libheif call failed", e);
    }
  }

  private NativeImage decodeHandle(
      Arena arena, MemorySegment handle, double minScale, int codedChroma) throws Throwable {
    boolean alpha = (int) heif.hasAlpha.invokeExact(handle) != 0;
    byte[] profile = iccProfile(arena, handle);
    int factor = Math.max(1, (int) Math.floor(1 / Math.min(1.0, minScale)));
    // Premultiplied alpha is left to libheif's own conversion (rare; it divides it out).
    // Asked for YCbCr in the coded chroma, libheif hands over the decoder's planes unconverted.
    if (planar
        && codedChroma != LibHeif.CHROMA_UNDEFINED
        && (int) heif.isPremultiplied.invokeExact(handle) == 0) {
      MemorySegment image = decodeTo(arena, handle, LibHeif.COLORSPACE_YCBCR, codedChroma);
      try {
        int[] pixels = HeifPlanes.reduce(heif, arena, image, factor, alpha);
        if (pixels != null) {
          int width = (int) heif.imageWidth.invokeExact(image, LibHeif.CHANNEL_Y);
          int height = (int) heif.imageHeight.invokeExact(image, LibHeif.CHANNEL_Y);
          return new NativeImage(
              pixels, ceilDiv(width, factor), ceilDiv(height, factor), alpha, profile);
        }
      } finally {
        heif.imageRelease.invokeExact(image);
      }
    }
    MemorySegment image =
        decodeTo(arena, handle, LibHeif.COLORSPACE_RGB, LibHeif.CHROMA_INTERLEAVED_RGBA);
    try {
      int width = (int) heif.imageWidth.invokeExact(image, LibHeif.CHANNEL_INTERLEAVED);
      int height = (int) heif.imageHeight.invokeExact(image, LibHeif.CHANNEL_INTERLEAVED);
      MemorySegment strideOut = arena.allocate(JAVA_INT);
      MemorySegment plane =
          (MemorySegment)
              heif.planeReadonly.invokeExact(image, LibHeif.CHANNEL_INTERLEAVED, strideOut);
      if (plane.equals(MemorySegment.NULL) || width <= 0 || height <= 0) {
        throw new HeifDecodeException(false, "decoding: libheif returned no RGBA plane");
      }
      int stride = strideOut.get(JAVA_INT, 0);
      MemorySegment rgba = plane.reinterpret((long) stride * height);
      return new NativeImage(
          BoxReduce.rgbaToArgb(rgba, width, height, stride, factor, alpha),
          ceilDiv(width, factor),
          ceilDiv(height, factor),
          alpha,
          profile);
    } finally {
      heif.imageRelease.invokeExact(image);
    }
  }

  /** Decodes the handle's image to {@code colorspace}/{@code chroma}; the caller releases it. */
  private MemorySegment decodeTo(Arena arena, MemorySegment handle, int colorspace, int chroma)
      throws Throwable {
    MemorySegment options = (MemorySegment) heif.optionsAlloc.invokeExact();
    MemorySegment imageOut = arena.allocate(ADDRESS);
    try {
      MemorySegment opts = options.reinterpret(LibHeif.OPTION_CONVERT_HDR_TO_8BIT + 1);
      if (opts.get(JAVA_BYTE, 0) >= 2) {
        opts.set(JAVA_BYTE, LibHeif.OPTION_CONVERT_HDR_TO_8BIT, (byte) 1);
      }
      check(
          (MemorySegment)
              heif.decodeImage.invokeExact(
                  (java.lang.foreign.SegmentAllocator) arena,
                  handle,
                  imageOut,
                  colorspace,
                  chroma,
                  options),
          "decoding");
    } finally {
      heif.optionsFree.invokeExact(options);
    }
    return imageOut.get(ADDRESS, 0);
  }

  private byte @Nullable [] iccProfile(Arena arena, MemorySegment handle) throws Throwable {
    long size = (long) heif.profileSize.invokeExact(handle);
    if (size <= 0 || size > 4 << 20) {
      return null; // nclx or none: libheif's YCbCr conversion used the nclx matrix already
    }
    MemorySegment out = arena.allocate(size);
    MemorySegment error =
        (MemorySegment)
            heif.rawProfile.invokeExact((java.lang.foreign.SegmentAllocator) arena, handle, out);
    return LibHeif.failure(error, "profile") == null ? out.toArray(JAVA_BYTE) : null;
  }

  private static void check(MemorySegment error, String step) {
    HeifDecodeException failure = LibHeif.failure(error, step);
    if (failure != null) {
      throw failure;
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }
}
