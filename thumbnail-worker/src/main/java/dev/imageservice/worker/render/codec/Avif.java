package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The parts of libavif 0.11 ({@code libavif.so.15}, Debian 12) the encoder uses, bound through
 * {@code java.lang.foreign}, with the struct offsets of that version's {@code avif.h}. libavif has
 * no ABI guarantee across sonames; the soname pins the layout, and {@link #checkLayout} compares a
 * fresh struct's defaults with that header before any encode, so that a different layout turns the
 * codec off instead of writing to the wrong fields.
 */
final class Avif {

  static final String LIBRARY = "libavif.so.15";
  static final int PIXEL_FORMAT_YUV420 = 3;
  static final int RGB_FORMAT_BGRA = 4;
  static final int PLANES_YUV = 1;

  // avifRGBImage: width 0, height 4, depth 8, format 12, ..., ignoreAlpha 28,
  // alphaPremultiplied 32, pixels 40, rowBytes 48; 56 bytes.
  static final long RGB_SIZE = 56;
  static final long RGB_DEPTH = 8;
  static final long RGB_FORMAT = 12;
  static final long RGB_IGNORE_ALPHA = 28;
  static final long RGB_PREMULTIPLIED = 32;
  static final long RGB_PIXELS = 40;
  static final long RGB_ROW_BYTES = 48;
  // avifImage: width 0, height 4, depth 8, yuvFormat 12, yuvRange 16, ..., colorPrimaries 104,
  // transferCharacteristics 106, matrixCoefficients 108 (uint16 each).
  static final long IMAGE_YUV_FORMAT = 12;
  static final long IMAGE_PRIMARIES = 104;
  static final long IMAGE_TRANSFER = 106;
  static final long IMAGE_MATRIX = 108;
  // avifEncoder: codecChoice 0, maxThreads 4, speed 8, keyframeInterval 12, timescale 16 (u64),
  // minQuantizer 24, maxQuantizer 28, minQuantizerAlpha 32, maxQuantizerAlpha 36.
  static final long ENC_MAX_THREADS = 4;
  static final long ENC_SPEED = 8;
  static final long ENC_TIMESCALE = 16;
  static final long ENC_MIN_Q = 24;
  static final long ENC_MAX_Q = 28;
  static final long ENC_MIN_Q_ALPHA = 32;
  static final long ENC_MAX_Q_ALPHA = 36;
  // avifRWData { uint8_t* data; size_t size; }
  static final long RW_DATA_SIZE = 16;

  final MethodHandle imageCreate;
  final MethodHandle imageDestroy;
  final MethodHandle rgbSetDefaults;
  final MethodHandle rgbToYuv;
  final MethodHandle encoderCreate;
  final MethodHandle encoderWrite;
  final MethodHandle encoderDestroy;
  final MethodHandle rwDataFree;
  final MethodHandle resultToString;

  /** Binds the library; throws {@link IllegalArgumentException} when it is not installed. */
  Avif(String library) {
    SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
    Linker linker = Linker.nativeLinker();
    imageCreate =
        linker.downcallHandle(
            lib.findOrThrow("avifImageCreate"),
            FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    imageDestroy =
        linker.downcallHandle(
            lib.findOrThrow("avifImageDestroy"), FunctionDescriptor.ofVoid(ADDRESS));
    rgbSetDefaults =
        linker.downcallHandle(
            lib.findOrThrow("avifRGBImageSetDefaults"),
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    rgbToYuv =
        linker.downcallHandle(
            lib.findOrThrow("avifImageRGBToYUV"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    encoderCreate =
        linker.downcallHandle(lib.findOrThrow("avifEncoderCreate"), FunctionDescriptor.of(ADDRESS));
    encoderWrite =
        linker.downcallHandle(
            lib.findOrThrow("avifEncoderWrite"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    encoderDestroy =
        linker.downcallHandle(
            lib.findOrThrow("avifEncoderDestroy"), FunctionDescriptor.ofVoid(ADDRESS));
    rwDataFree =
        linker.downcallHandle(
            lib.findOrThrow("avifRWDataFree"), FunctionDescriptor.ofVoid(ADDRESS));
    resultToString =
        linker.downcallHandle(
            lib.findOrThrow("avifResultToString"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    checkLayout();
  }

  /** libavif's name of a result code. */
  String describe(int result) {
    try {
      return ((MemorySegment) resultToString.invokeExact(result)).reinterpret(128).getString(0);
    } catch (Throwable e) {
      return "avifResult " + result;
    }
  }

  // Defaults a 0.11 struct has right after creation; any other layout fails here, at load.
  private void checkLayout() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment image =
          ((MemorySegment) imageCreate.invokeExact(3, 5, 8, PIXEL_FORMAT_YUV420)).reinterpret(112);
      MemorySegment encoder = ((MemorySegment) encoderCreate.invokeExact()).reinterpret(64);
      try {
        MemorySegment rgb = arena.allocate(RGB_SIZE, 8);
        rgbSetDefaults.invokeExact(rgb, image);
        boolean ok =
            image.get(JAVA_INT, 0) == 3
                && image.get(JAVA_INT, 4) == 5
                && image.get(JAVA_INT, IMAGE_YUV_FORMAT) == PIXEL_FORMAT_YUV420
                && rgb.get(JAVA_INT, 4) == 5
                && rgb.get(JAVA_INT, RGB_DEPTH) == 8
                && rgb.get(JAVA_INT, RGB_FORMAT) == 1 // AVIF_RGB_FORMAT_RGBA, the default
                && encoder.get(JAVA_INT, ENC_MAX_THREADS) == 1
                && encoder.get(JAVA_INT, ENC_SPEED) == -1 // AVIF_SPEED_DEFAULT
                && encoder.get(JAVA_LONG, ENC_TIMESCALE) == 1;
        if (!ok) {
          throw new IllegalArgumentException(LIBRARY + " does not have libavif 0.11's layout");
        }
      } finally {
        encoderDestroy.invokeExact(encoder);
        imageDestroy.invokeExact(image);
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalArgumentException("libavif layout check failed", e);
    }
  }
}
