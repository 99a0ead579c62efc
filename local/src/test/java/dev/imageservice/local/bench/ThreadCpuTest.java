package dev.imageservice.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void countsTheProcessesCpuAndFindsNoCompilerWorkInAnIdleWindow() {
    ThreadCpu meter = ThreadCpu.of(ProcessHandle.current().pid());
    assumeTrue(meter.available(), "needs Linux /proc");
    ThreadCpu.Totals before = meter.totals();
    burn(300);
    ThreadCpu.Totals window = meter.totals().minus(before);

    // 300 ms of this thread's CPU at 100 ticks per second: at least 25 ticks, whatever else ran.
    assertThat(window.process()).isGreaterThanOrEqualTo(25);
    assertThat(window.compiler()).isBetween(0L, window.process());
    assertThat(window.compilerPercent()).isBetween(0.0, 100.0);
    assertThat(window.gcPercent()).isBetween(0.0, 100.0);
  }

  @Test
  void countsTheMinorFaultsOfFreshMemoryAndTheKernelsShare() {
    ThreadCpu meter = ThreadCpu.of(ProcessHandle.current().pid());
    assumeTrue(meter.available(), "needs Linux /proc");
    ThreadCpu.Totals before = meter.totals();
    // 64 MB of new native memory, every page written once: at least one fault per 2 MB huge page
    // where the kernel gives those, one per 4 kB page where it does not.
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fresh = arena.allocate(64L << 20);
      for (long offset = 0; offset < fresh.byteSize(); offset += 4096) {
        fresh.set(ValueLayout.JAVA_BYTE, offset, (byte) 1);
      }
    }
    ThreadCpu.Totals window = meter.totals().minus(before);

    assertThat(window.minorFaults()).isGreaterThanOrEqualTo(32);
    assertThat(window.system()).isBetween(0L, window.process());
    assertThat(window.systemPercent()).isBetween(0.0, 100.0);
  }

  @Test
  void warmUpEndsAtItsMinimumOnceTheCompilerIsIdleAndNeverPassesItsCap() {
    ThreadCpu meter = ThreadCpu.of(ProcessHandle.current().pid());
    assumeTrue(meter.available(), "needs Linux /proc");
    List<Integer> batches = new ArrayList<>();

    // Every batch counts as idle (no threshold): it stops as soon as the minimum is reached. Not
    // 100 %: the threads' ticks and the process's are read a moment apart from different /proc
    // files, and in a batch this short one compiler tick between the reads makes the compiler's
    // share exceed 100 % (a CI run read that and ran a third batch).
    WarmUp.Done idle = new WarmUp(48, 480, Double.POSITIVE_INFINITY).run(meter, 24, batches::add);
    assertThat(idle.jobs()).isEqualTo(48);
    assertThat(batches).containsExactly(24, 24);

    // Never idle (below 0 %): the cap ends it, the last batch cut to fit.
    batches.clear();
    WarmUp.Done capped = new WarmUp(24, 60, -1).run(meter, 24, batches::add);
    assertThat(capped.jobs()).isEqualTo(60);
    assertThat(batches).containsExactly(24, 24, 12);
  }

  /**
   * Runs until this thread has used {@code millis} of CPU (not wall time: the machine is shared).
   */
  private static void burn(long millis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long end = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
    long x = 0;
    while (threads.getCurrentThreadCpuTime() < end) {
      x += Long.numberOfTrailingZeros(x + System.nanoTime());
    }
    assertThat(x).isNotNegative();
  }
}
