package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Encodes packed pixels as a still AVIF with libavif (its first AV1 encoder, libaom on Debian):
 * 8-bit 4:2:0, sRGB signalled as {@code nclx} (BT.709 primaries, sRGB transfer, BT.601 matrix, full
 * range; what avifenc writes for sRGB input), an alpha item only when the image has transparency,
 * no EXIF, XMP or ICC.
 *
 * <p>The quality maps to a constant quantizer as libavif 1.x maps its own {@code quality}: {@code q
 * = round((100 - quality) * 63 / 100)}, for colour and alpha alike. Thread-safe: every call has its
 * own image, encoder and arena.
 */
final class AvifEncoder {

  /**
   * libavif's speed, 0 (slowest) to 10. Measured on the shared corpus (docs/performance.md, "Output
   * formats"): 8 makes files 3-6% bigger than 6 in a quarter of its time; 10 is 3x faster again but
   * 8-20% bigger. Thumbnails are encoded once and served often, hence 8.
   */
  static final int DEFAULT_SPEED = 8;

  private final Avif avif;

  AvifEncoder(Avif avif) {
    this.avif = avif;
  }

  /**
   * {@code argb} holds {@code 0xAARRGGBB}; premultiplied when {@code alpha}, else the top byte is
   * ignored. Quality is 1..100, speed 0..10.
   */
  byte[] encode(int[] argb, int width, int height, boolean alpha, int quality, int speed) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pixels = arena.allocate(JAVA_INT, (long) width * height);
      MemorySegment.copy(argb, 0, pixels, JAVA_INT, 0, width * height);
      MemorySegment image =
          ((MemorySegment) avif.imageCreate.invokeExact(width, height, 8, Avif.PIXEL_FORMAT_YUV420))
              .reinterpret(112);
      MemorySegment encoder = ((MemorySegment) avif.encoderCreate.invokeExact()).reinterpret(64);
      MemorySegment output = arena.allocate(Avif.RW_DATA_SIZE, 8);
      try {
        image.set(JAVA_SHORT, Avif.IMAGE_PRIMARIES, (short) 1); // BT.709
        image.set(JAVA_SHORT, Avif.IMAGE_TRANSFER, (short) 13); // sRGB
        image.set(JAVA_SHORT, Avif.IMAGE_MATRIX, (short) 6); // BT.601
        MemorySegment rgb = arena.allocate(Avif.RGB_SIZE, 8);
        avif.rgbSetDefaults.invokeExact(rgb, image);
        rgb.set(JAVA_INT, Avif.RGB_FORMAT, Avif.RGB_FORMAT_BGRA);
        rgb.set(JAVA_INT, Avif.RGB_IGNORE_ALPHA, alpha ? 0 : 1);
        // Our pixels are premultiplied; libavif divides them out itself.
        rgb.set(JAVA_INT, Avif.RGB_PREMULTIPLIED, alpha ? 1 : 0);
        rgb.set(ADDRESS, Avif.RGB_PIXELS, pixels);
        rgb.set(JAVA_INT, Avif.RGB_ROW_BYTES, width * 4);
        check((int) avif.rgbToYuv.invokeExact(image, rgb), "RGB to YUV");
        int quantizer = Math.round((100 - quality) * 63 / 100f);
        encoder.set(JAVA_INT, Avif.ENC_SPEED, speed);
        encoder.set(JAVA_INT, Avif.ENC_MIN_Q, quantizer);
        encoder.set(JAVA_INT, Avif.ENC_MAX_Q, quantizer);
        encoder.set(JAVA_INT, Avif.ENC_MIN_Q_ALPHA, quantizer);
        encoder.set(JAVA_INT, Avif.ENC_MAX_Q_ALPHA, quantizer);
        check((int) avif.encoderWrite.invokeExact(encoder, image, output), "encoding");
        long size = output.get(JAVA_LONG, 8);
        return output.get(ADDRESS, 0).reinterpret(size).toArray(JAVA_BYTE);
      } finally {
        avif.rwDataFree.invokeExact(output);
        avif.encoderDestroy.invokeExact(encoder);
        avif.imageDestroy.invokeExact(image);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("libavif call failed", e);
    }
  }

  private void check(int result, String what) {
    if (result != 0) {
      throw new IllegalStateException("libavif " + what + " failed: " + avif.describe(result));
    }
  }
}
