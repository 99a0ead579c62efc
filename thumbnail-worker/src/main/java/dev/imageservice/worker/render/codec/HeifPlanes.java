package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import org.jspecify.annotations.Nullable;

/**
 * Reads a heif_image that libheif decoded in the coder's own layout (no colour conversion asked):
 * its YCbCr or monochrome planes, bit depth, alpha plane and the nclx matrix and range libheif's
 * own conversion would have used, and box-reduces it with {@link PlanarReduce}. Answers null for
 * what libheif should convert itself (RGB-coded images, matrices it derives or special-cases).
 */
final class HeifPlanes {

  private static final int COLORSPACE_MONOCHROME = 2;
  private static final int CHROMA_MONOCHROME = 0;

  private HeifPlanes() {}

  /** The reduced image as packed ARGB, or null when this layout is left to libheif. */
  static int @Nullable [] reduce(
      LibHeif heif, Arena arena, MemorySegment image, int factor, boolean alpha) throws Throwable {
    int colorspace = (int) heif.imageColorspace.invokeExact(image);
    int chroma = (int) heif.imageChroma.invokeExact(image);
    boolean mono = colorspace == COLORSPACE_MONOCHROME && chroma == CHROMA_MONOCHROME;
    int shiftH;
    int shiftV;
    if (mono) {
      shiftH = 0;
      shiftV = 0;
    } else if (colorspace == LibHeif.COLORSPACE_YCBCR && chroma == LibHeif.CHROMA_420) {
      shiftH = 1;
      shiftV = 1;
    } else if (colorspace == LibHeif.COLORSPACE_YCBCR && chroma == LibHeif.CHROMA_422) {
      shiftH = 1;
      shiftV = 0;
    } else if (colorspace == LibHeif.COLORSPACE_YCBCR && chroma == LibHeif.CHROMA_444) {
      shiftH = 0;
      shiftV = 0;
    } else {
      return null;
    }
    // libheif copies a monochrome Y into R, G and B whatever the range says.
    YcbcrMatrix matrix = mono ? YcbcrMatrix.DEFAULT : matrix(heif, arena, image);
    if (matrix == null) {
      return null;
    }
    int width = (int) heif.imageWidth.invokeExact(image, LibHeif.CHANNEL_Y);
    int height = (int) heif.imageHeight.invokeExact(image, LibHeif.CHANNEL_Y);
    int bits = (int) heif.bitsPerPixelRange.invokeExact(image, LibHeif.CHANNEL_Y);
    if (width <= 0 || height <= 0 || bits < 8 || bits > 16) {
      return null;
    }
    MemorySegment stride = arena.allocate(JAVA_INT);
    MemorySegment y = plane(heif, image, LibHeif.CHANNEL_Y, stride, height);
    int yStride = stride.get(JAVA_INT, 0);
    int chromaHeight = (height + (1 << shiftV) - 1) >> shiftV;
    MemorySegment cb = mono ? y : plane(heif, image, LibHeif.CHANNEL_CB, stride, chromaHeight);
    MemorySegment cr = mono ? y : plane(heif, image, LibHeif.CHANNEL_CR, stride, chromaHeight);
    int chromaStride = mono ? 0 : stride.get(JAVA_INT, 0);
    int chromaBits =
        mono ? bits : (int) heif.bitsPerPixelRange.invokeExact(image, LibHeif.CHANNEL_CB);
    MemorySegment a = null;
    int alphaStride = 0;
    int alphaBits = 8;
    if (alpha) {
      a = plane(heif, image, LibHeif.CHANNEL_ALPHA, stride, height);
      alphaStride = stride.get(JAVA_INT, 0);
      alphaBits = (int) heif.bitsPerPixelRange.invokeExact(image, LibHeif.CHANNEL_ALPHA);
      int alphaWidth = (int) heif.imageWidth.invokeExact(image, LibHeif.CHANNEL_ALPHA);
      if (a == null || alphaWidth != width || alphaBits < 8 || alphaBits > 16) {
        return null;
      }
    }
    if (y == null || cb == null || cr == null || chromaBits != bits) {
      return null;
    }
    PlanarImage planes =
        new PlanarImage(
            width,
            height,
            bits,
            shiftH,
            shiftV,
            y,
            yStride,
            cb,
            cr,
            chromaStride,
            mono,
            a,
            alphaStride,
            alphaBits);
    return PlanarReduce.toArgb(planes, factor, matrix);
  }

  private static @Nullable MemorySegment plane(
      LibHeif heif, MemorySegment image, int channel, MemorySegment strideOut, int rows)
      throws Throwable {
    MemorySegment plane = (MemorySegment) heif.planeReadonly.invokeExact(image, channel, strideOut);
    int stride = strideOut.get(JAVA_INT, 0);
    return plane.equals(MemorySegment.NULL) || stride <= 0
        ? null
        : plane.reinterpret((long) stride * rows);
  }

  /** The decoded image's nclx conversion; libheif's default when it has none. */
  private static @Nullable YcbcrMatrix matrix(LibHeif heif, Arena arena, MemorySegment image)
      throws Throwable {
    MemorySegment out = arena.allocate(ADDRESS);
    MemorySegment error =
        (MemorySegment) heif.imageNclx.invokeExact((SegmentAllocator) arena, image, out);
    if (error.get(JAVA_INT, 0) != 0) {
      return YcbcrMatrix.DEFAULT;
    }
    MemorySegment nclx = out.get(ADDRESS, 0).reinterpret(LibHeif.NCLX_FULL_RANGE + 1);
    try {
      return YcbcrMatrix.of(
          nclx.get(JAVA_INT, LibHeif.NCLX_MATRIX),
          nclx.get(JAVA_BYTE, LibHeif.NCLX_FULL_RANGE) != 0);
    } finally {
      heif.nclxFree.invokeExact(nclx);
    }
  }
}
