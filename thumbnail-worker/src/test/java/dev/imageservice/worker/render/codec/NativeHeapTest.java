package dev.imageservice.worker.render.codec;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What fixing the thresholds changes, read back from glibc's own accounting ({@code mallinfo2},
 * summed over every arena): blocks of a decode's size come from an arena rather than from a mapping
 * of their own, and the arena keeps them after they are freed, for the next image. With glibc's
 * adaptive thresholds in a fresh JVM the 20 MB blocks below are mapped each (the mmap threshold
 * starts at 128 kB); once it has risen, their 60 MB freed together are trimmed.
 */
class NativeHeapTest {

  private static final long BLOCK = 20L << 20;
  private static final long SLACK = 4L << 20;

  /** mallinfo2's ten size_t fields, in glibc's order. */
  private static final MemoryLayout MALLINFO2 =
      MemoryLayout.structLayout(
          JAVA_LONG.withName("arena"),
          JAVA_LONG.withName("ordblks"),
          JAVA_LONG.withName("smblks"),
          JAVA_LONG.withName("hblks"),
          JAVA_LONG.withName("hblkhd"),
          JAVA_LONG.withName("usmblks"),
          JAVA_LONG.withName("fsmblks"),
          JAVA_LONG.withName("uordblks"),
          JAVA_LONG.withName("fordblks"),
          JAVA_LONG.withName("keepcost"));

  /** Bytes the arenas hold from the system, and bytes in blocks mapped on their own. */
  private record Usage(long arenas, long mapped) {}

  @Test
  void aDecodesBlocksComeFromAnArenaAndStayThereForTheNextImage() throws Exception {
    Optional<MethodHandle> mallinfo2 = mallinfo2();
    Assumptions.assumeTrue(mallinfo2.isPresent(), "not glibc: no mallinfo2 and no mallopt");
    assertThat(NativeHeap.fixThresholds()).isTrue();

    // On a thread of its own, as a render thread: three blocks held at once, then all freed.
    AtomicReference<Usage[]> seen = new AtomicReference<>();
    Thread render =
        Thread.ofPlatform()
            .start(
                () -> {
                  Usage before = usage(mallinfo2.get());
                  Usage held;
                  try (Arena image = Arena.ofConfined()) {
                    for (int i = 0; i < 3; i++) {
                      image.allocate(BLOCK).fill((byte) 1);
                    }
                    held = usage(mallinfo2.get());
                  }
                  seen.set(new Usage[] {before, held, usage(mallinfo2.get())});
                });
    render.join();
    Usage before = seen.get()[0];
    Usage held = seen.get()[1];
    Usage freed = seen.get()[2];

    assertThat(held.mapped() - before.mapped())
        .as("bytes mapped for the blocks themselves")
        .isLessThan(BLOCK);
    // Adaptive, the trim threshold is twice the mmap threshold (at most 64 MB): 60 MB freed at an
    // arena's top would go back to the system, and the next image would fault it in again.
    assertThat(held.arenas() - freed.arenas())
        .as("bytes the arenas gave back to the system once the image's blocks were freed")
        .isLessThan(SLACK);
  }

  @Test
  void aBlockAboveTheMmapThresholdIsStillMappedOnItsOwn() throws Exception {
    Optional<MethodHandle> mallinfo2 = mallinfo2();
    Assumptions.assumeTrue(mallinfo2.isPresent(), "not glibc: no mallinfo2 and no mallopt");
    assertThat(NativeHeap.fixThresholds()).isTrue();

    Usage before = usage(mallinfo2.get());
    try (Arena image = Arena.ofConfined()) {
      image.allocate(NativeHeap.MMAP_THRESHOLD + BLOCK);
      assertThat(usage(mallinfo2.get()).mapped() - before.mapped())
          .isGreaterThanOrEqualTo(NativeHeap.MMAP_THRESHOLD + BLOCK);
    }
  }

  private static Optional<MethodHandle> mallinfo2() {
    Linker linker = Linker.nativeLinker();
    return linker
        .defaultLookup()
        .find("mallinfo2")
        .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(MALLINFO2)));
  }

  private static Usage usage(MethodHandle mallinfo2) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = (MemorySegment) mallinfo2.invokeExact((SegmentAllocator) arena);
      return new Usage(info.get(JAVA_LONG, 0), info.get(JAVA_LONG, 4 * Long.BYTES));
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
