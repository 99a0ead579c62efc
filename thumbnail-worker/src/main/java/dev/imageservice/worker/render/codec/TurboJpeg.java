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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The libjpeg-turbo 2.1 TurboJPEG API ({@code libturbojpeg.so.0}, {@code tj*} functions) bound
 * through {@code java.lang.foreign}. Holds the method handles and pools of compressor and
 * decompressor handles.
 *
 * <p>Thread-safe: a {@code tjhandle} is not, so each call borrows one from a pool and returns it; a
 * pool (rather than a {@code ThreadLocal}) keeps the number of handles at the peak concurrency even
 * when renders run on short-lived or virtual threads. Handles live as long as the JVM.
 */
final class TurboJpeg {

  static final String LIBRARY = "libturbojpeg.so.0";
  static final int PF_BGRX = 3;
  static final int PF_BGRA = 8;
  static final int CS_CMYK = 3;
  static final int CS_YCCK = 4;
  static final int SAMP_444 = 0;
  static final int SAMP_422 = 1;
  static final int SAMP_420 = 2;
  static final int SAMP_GRAY = 3;
  static final int FLAG_NOREALLOC = 1024;
  // TJFLAG_LIMITSCANS (turbojpeg.h 2.1: 32768, not 8192, which is TJFLAG_STOPONWARNING): refuse a
  // progressive JPEG of more than 500 scans. Our own pre-scan refuses far fewer already; this
  // guards a caller that skips it.
  static final int FLAG_LIMITSCANS = 32768;
  static final int ERR_WARNING = 0;

  final MethodHandle decompressHeader;
  final MethodHandle decompress;
  final MethodHandle decompressToPlanes;
  final MethodHandle planeWidth;
  final MethodHandle planeHeight;
  final MethodHandle compress;
  final MethodHandle bufSize;
  final MethodHandle errorString;
  final MethodHandle errorCode;
  private final MethodHandle initDecompress;
  private final MethodHandle initCompress;
  private final MethodHandle scalingFactors;
  private final Queue<MemorySegment> decompressors = new ConcurrentLinkedQueue<>();
  private final Queue<MemorySegment> compressors = new ConcurrentLinkedQueue<>();

  /** Binds the library; throws {@link IllegalArgumentException} when it is not installed. */
  TurboJpeg(String library) {
    SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global());
    Function<String, Binder> fn = name -> descriptor -> bind(lib, name, descriptor);
    initDecompress = fn.apply("tjInitDecompress").to(FunctionDescriptor.of(ADDRESS));
    initCompress = fn.apply("tjInitCompress").to(FunctionDescriptor.of(ADDRESS));
    // int tjDecompressHeader3(h, buf, unsigned long size, int *w, int *h, int *subsamp, int *cs)
    decompressHeader =
        fn.apply("tjDecompressHeader3")
            .to(
                FunctionDescriptor.of(
                    JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    // int tjDecompress2(h, buf, size, dst, width, pitch, height, pixelFormat, flags)
    decompress =
        fn.apply("tjDecompress2")
            .to(
                FunctionDescriptor.of(
                    JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                    JAVA_INT, JAVA_INT));
    // int tjDecompressToYUVPlanes(h, buf, size, unsigned char **planes, width, int *strides,
    //                             height, flags)
    decompressToPlanes =
        fn.apply("tjDecompressToYUVPlanes")
            .to(
                FunctionDescriptor.of(
                    JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
                    JAVA_INT));
    // int tjPlaneWidth(componentID, width, subsamp), tjPlaneHeight(componentID, height, subsamp)
    planeWidth =
        fn.apply("tjPlaneWidth").to(FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    planeHeight =
        fn.apply("tjPlaneHeight").to(FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    // int tjCompress2(h, src, width, pitch, height, pf, unsigned char **dst, unsigned long *size,
    //                 subsamp, quality, flags)
    compress =
        fn.apply("tjCompress2")
            .to(
                FunctionDescriptor.of(
                    JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS,
                    ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    bufSize =
        fn.apply("tjBufSize").to(FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT));
    errorString = fn.apply("tjGetErrorStr2").to(FunctionDescriptor.of(ADDRESS, ADDRESS));
    errorCode = fn.apply("tjGetErrorCode").to(FunctionDescriptor.of(JAVA_INT, ADDRESS));
    scalingFactors = fn.apply("tjGetScalingFactors").to(FunctionDescriptor.of(ADDRESS, ADDRESS));
  }

  /** The DCT scaling factors the library offers, as {@code {num, denom}} pairs. */
  int[][] scalingFactors() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment count = arena.allocate(JAVA_INT);
      MemorySegment array = (MemorySegment) scalingFactors.invokeExact(count);
      int n = count.get(JAVA_INT, 0);
      // The library returns a bare pointer: give it the size of its n {int num; int denom;}.
      MemorySegment factors = array.reinterpret(8L * n);
      int[][] result = new int[n][];
      for (int i = 0; i < n; i++) {
        result[i] =
            new int[] {
              factors.getAtIndex(JAVA_INT, 2L * i), factors.getAtIndex(JAVA_INT, 2L * i + 1)
            };
      }
      return result;
    } catch (Throwable e) {
      throw new IllegalStateException("tjGetScalingFactors failed", e);
    }
  }

  MemorySegment borrowDecompressor() {
    return borrow(decompressors, initDecompress);
  }

  void returnDecompressor(MemorySegment handle) {
    decompressors.offer(handle);
  }

  MemorySegment borrowCompressor() {
    return borrow(compressors, initCompress);
  }

  void returnCompressor(MemorySegment handle) {
    compressors.offer(handle);
  }

  /** The last error of {@code handle}: its message, and whether it was only a warning. */
  String error(MemorySegment handle) {
    try {
      MemorySegment text = (MemorySegment) errorString.invokeExact(handle);
      return text.reinterpret(512).getString(0);
    } catch (Throwable e) {
      return "unknown TurboJPEG error";
    }
  }

  boolean lastErrorWasWarning(MemorySegment handle) {
    try {
      return (int) errorCode.invokeExact(handle) == ERR_WARNING;
    } catch (Throwable e) {
      return false;
    }
  }

  private static MemorySegment borrow(Queue<MemorySegment> pool, MethodHandle init) {
    MemorySegment handle = pool.poll();
    if (handle != null) {
      return handle;
    }
    try {
      handle = (MemorySegment) init.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException("TurboJPEG handle creation failed", e);
    }
    if (handle.equals(MemorySegment.NULL)) {
      throw new IllegalStateException("TurboJPEG handle creation failed");
    }
    return handle;
  }

  private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor descriptor) {
    MemorySegment symbol =
        lib.find(name).orElseThrow(() -> new IllegalArgumentException(name + " not in " + LIBRARY));
    return Linker.nativeLinker().downcallHandle(symbol, descriptor);
  }

  private interface Binder {
    MethodHandle to(FunctionDescriptor descriptor);
  }
}
