package dev.imageservice.worker.render;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;

/**
 * Waits, after the warm-up, until the JIT's compiler threads have finished what the warm-up queued:
 * measured, the warm-up's last passes leave 100-300 ms of C2 compilation behind, which otherwise
 * runs during the first real render and, on a worker with one core, delays it by as much. The
 * process is taken as settled once it has used at most one clock tick of CPU in a window while this
 * thread slept. Bounded; returns at once where the JDK cannot say its process CPU time.
 */
final class JitSettle {

  private static final long WINDOW_MS = 100;
  private static final long IDLE_NANOS = 15_000_000; // one 10 ms clock tick and some slack

  private JitSettle() {}

  /** Waits at most {@code max}; returns how long it waited. */
  static Duration await(Duration max) {
    long start = System.nanoTime();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (!(os instanceof com.sun.management.OperatingSystemMXBean process)
        || process.getProcessCpuTime() < 0) {
      return Duration.ZERO;
    }
    long deadline = start + max.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        long before = process.getProcessCpuTime();
        Thread.sleep(WINDOW_MS);
        if (process.getProcessCpuTime() - before <= IDLE_NANOS) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the caller decides; a shorter wait is harmless
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
