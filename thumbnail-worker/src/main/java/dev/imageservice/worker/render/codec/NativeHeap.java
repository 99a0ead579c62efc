package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixes glibc's two malloc thresholds, so that the native decoders' large per-image blocks are
 * reused from one image to the next instead of coming fresh from the kernel for every image.
 *
 * <p>Why: libjpeg-turbo allocates a progressive JPEG's whole-image coefficient arrays and its
 * sample buffers with {@code malloc} and zeroes them, and libwebp and libheif allocate their frames
 * the same way. With glibc's adaptive thresholds, blocks above the current mmap threshold are
 * mapped and unmapped per image, and an arena's free top above the trim threshold is handed back
 * after each image, so the next image's blocks are new pages again: a worker's render threads took
 * 600-650 page faults per job, each about 12 microseconds of kernel time on the machines measured,
 * against about 110 with the thresholds fixed (docs/performance.md, round nine). Fixed, blocks up
 * to {@link #MMAP_THRESHOLD} come from malloc's arenas and up to {@link #TRIM_THRESHOLD} stays free
 * at an arena's top for the next image; a larger block is still mapped per image.
 *
 * <p>The price is memory the process keeps after a large image: at most about {@link
 * #TRIM_THRESHOLD} plus the largest image's blocks per arena (a render thread has one), which the
 * next image reuses. The render pipeline sets them when it is built with native codecs, unless
 * {@code image-service.render.native-heap} ({@code RenderProperties#nativeHeap}) is false; the JVM
 * property {@value #PROPERTY}{@code =false} turns them off for every pipeline of the JVM, Spring or
 * not. A no-op where {@code mallopt} is missing (not glibc).
 */
final class NativeHeap {

  static final String PROPERTY = "image-service.render.native-heap";

  /** glibc's ceiling for a fixed mmap threshold (half of a thread arena's 64 MB heap). */
  static final int MMAP_THRESHOLD = 32 << 20;

  static final int TRIM_THRESHOLD = 64 << 20;

  // mallopt's parameter numbers, from glibc's malloc.h.
  private static final int M_TRIM_THRESHOLD = -1;
  private static final int M_MMAP_THRESHOLD = -3;

  private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);
  private static final AtomicBoolean ASKED = new AtomicBoolean();

  private NativeHeap() {}

  /** {@link #fixThresholds()} the first time, nothing after: every render pipeline asks. */
  static void fixThresholdsOnce() {
    if (ASKED.compareAndSet(false, true)) {
      fixThresholds();
    }
  }

  /** Whether the thresholds are fixed now (false where {@code mallopt} is missing or refused). */
  static boolean fixThresholds() {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      LOG.info("malloc thresholds left to glibc ({}=false)", PROPERTY);
      return false;
    }
    Optional<MethodHandle> mallopt = mallopt();
    if (mallopt.isEmpty()) {
      return false;
    }
    try {
      boolean set =
          (int) mallopt.get().invokeExact(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
              && (int) mallopt.get().invokeExact(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
      LOG.info(
          "malloc thresholds {}: blocks up to {} MB from the arenas, up to {} MB kept free at an"
              + " arena's top for the next image",
          set ? "fixed" : "refused",
          MMAP_THRESHOLD >> 20,
          TRIM_THRESHOLD >> 20);
      return set;
    } catch (Throwable e) {
      LOG.warn("malloc thresholds left to glibc: {}", e.toString());
      return false;
    }
  }

  private static Optional<MethodHandle> mallopt() {
    Linker linker = Linker.nativeLinker();
    Optional<MemorySegment> symbol = linker.defaultLookup().find("mallopt");
    return symbol.map(
        s -> linker.downcallHandle(s, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT)));
  }
}
