package dev.imageservice.worker.render.codec;

import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * A decoded YCbCr image as libheif holds it in native memory: one plane per channel, samples of
 * {@code bits} bits (one byte each up to 8 bits, else two, little-endian), chroma subsampled by
 * {@code 1 << shiftH} across and {@code 1 << shiftV} down (4:2:0 = 1, 1). Strides in bytes.
 *
 * @param mono true for a monochrome image: {@code cb} and {@code cr} are not read, the grey is Y
 * @param alpha the alpha plane (full size, straight alpha), or null when the image has none
 */
record PlanarImage(
    int width,
    int height,
    int bits,
    int shiftH,
    int shiftV,
    MemorySegment y,
    int yStride,
    MemorySegment cb,
    MemorySegment cr,
    int chromaStride,
    boolean mono,
    @Nullable MemorySegment alpha,
    int alphaStride,
    int alphaBits) {

  int chromaWidth() {
    return (width + (1 << shiftH) - 1) >> shiftH;
  }
}
