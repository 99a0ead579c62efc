package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Decodes a JPEG to its YCbCr (or grey) planes with TurboJPEG's {@code tjDecompressToYUVPlanes}
 * ({@code jpeg_read_raw_data}: DCT-scaled like {@code tjDecompress2}, but no chroma upsampling and
 * no colour conversion), then box-reduces them with {@link PlanarReduce}, which converts only the
 * reduced pixels to RGB. Of a 4:2:0 JPEG reduced by 2, each output pixel's chroma is the one coded
 * sample, sited at the centre of its 2x2 luma block, which is the box's centre.
 *
 * <p>Before, the full decoded size was upsampled, converted, copied to the heap as 4 bytes a pixel
 * and only then box-halved; now native memory holds 1.5 to 3 bytes a pixel and the heap the reduced
 * image. Only the layouts {@link PlanarReduce} reads are taken (4:4:4, 4:2:2, 4:2:0, grey); the
 * caller decodes anything else to BGRA as before.
 */
final class JpegPlanes {

  private JpegPlanes() {}

  /** Whether this TurboJPEG subsampling ({@code TJSAMP_*}) can be decoded to planes here. */
  static boolean supports(int subsamp) {
    return subsamp == TurboJpeg.SAMP_444
        || subsamp == TurboJpeg.SAMP_422
        || subsamp == TurboJpeg.SAMP_420
        || subsamp == TurboJpeg.SAMP_GRAY;
  }

  /** The planes of a decode to {@code width x height} (a scaled size TurboJPEG offers). */
  record Planes(MemorySegment pointers, MemorySegment strides, PlanarImage image) {}

  /** Allocates the planes for {@code tjDecompressToYUVPlanes} in {@code arena}. */
  static Planes allocate(TurboJpeg tj, Arena arena, int width, int height, int subsamp)
      throws Throwable {
    boolean grey = subsamp == TurboJpeg.SAMP_GRAY;
    // TurboJPEG pads the planes to whole chroma samples (an odd 4:2:0 width has an even luma row).
    int yWidth = (int) tj.planeWidth.invokeExact(0, width, subsamp);
    int yHeight = (int) tj.planeHeight.invokeExact(0, height, subsamp);
    int cWidth = grey ? 0 : (int) tj.planeWidth.invokeExact(1, width, subsamp);
    int cHeight = grey ? 0 : (int) tj.planeHeight.invokeExact(1, height, subsamp);
    if (yWidth <= 0 || yHeight <= 0 || (!grey && (cWidth <= 0 || cHeight <= 0))) {
      throw new IllegalStateException("tjPlaneWidth/Height refused " + width + "x" + height);
    }
    MemorySegment y = arena.allocate((long) yWidth * yHeight);
    MemorySegment cb = grey ? y : arena.allocate((long) cWidth * cHeight);
    MemorySegment cr = grey ? y : arena.allocate((long) cWidth * cHeight);
    MemorySegment pointers = arena.allocate(ADDRESS, 3);
    pointers.setAtIndex(ADDRESS, 0, y);
    pointers.setAtIndex(ADDRESS, 1, grey ? MemorySegment.NULL : cb);
    pointers.setAtIndex(ADDRESS, 2, grey ? MemorySegment.NULL : cr);
    MemorySegment strides = arena.allocate(JAVA_INT, 3);
    strides.setAtIndex(JAVA_INT, 0, yWidth);
    strides.setAtIndex(JAVA_INT, 1, cWidth);
    strides.setAtIndex(JAVA_INT, 2, cWidth);
    int shiftH = subsamp == TurboJpeg.SAMP_422 || subsamp == TurboJpeg.SAMP_420 ? 1 : 0;
    int shiftV = subsamp == TurboJpeg.SAMP_420 ? 1 : 0;
    PlanarImage image =
        new PlanarImage(
            width, height, 8, shiftH, shiftV, y, yWidth, cb, cr, cWidth, grey, null, 0, 8);
    return new Planes(pointers, strides, image);
  }

  /**
   * The decoded planes reduced by {@code factor}, as opaque {@code 0xffRRGGBB}, {@code width /
   * factor} by {@code height / factor}: a last partial block is dropped, as the 2x2 halving that
   * this replaces dropped an odd row or column, so that the picture's geometry stays the same.
   */
  static int[] reduce(Planes planes, int factor) {
    PlanarImage all = planes.image();
    PlanarImage whole =
        new PlanarImage(
            all.width() / factor * factor,
            all.height() / factor * factor,
            all.bits(),
            all.shiftH(),
            all.shiftV(),
            all.y(),
            all.yStride(),
            all.cb(),
            all.cr(),
            all.chromaStride(),
            all.mono(),
            null,
            0,
            8);
    return PlanarReduce.toArgb(whole, factor, YcbcrMatrix.JFIF);
  }
}
