package dev.imageservice.worker.render;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Whether the warm-up ends with an explicit full collection. With the serial collector (the one a
 * one-core JVM picks) it moves the warm-up's survivors out of the young generation at once, instead
 * of in the first real render's first young collection (measured 40 ms there). With G1 (two cores
 * or more) that collection costs far less, and the full collection does harm: it shrinks the heap
 * to about three times the live data (68 MB in a worker), and G1's adaptive start of marking,
 * learning from a heap that small and the decoded images' humongous arrays, can fall to 0 bytes, so
 * that every decode starts a concurrent cycle for as long as the worker runs: 14.9 % of a worker's
 * CPU in one profiled {@code bench e2e} run; workers that escape it spend under 1 %.
 */
final class WarmUpCollection {

  private WarmUpCollection() {}

  /** Collects when this JVM's collectors gain from it ({@link #worthIt}). */
  static void collectIfWorthIt() {
    List<String> names =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .toList();
    if (worthIt(names)) {
      System.gc();
    }
  }

  /** True unless the collectors are G1's (their names start with {@code G1 }). */
  static boolean worthIt(List<String> collectorNames) {
    return collectorNames.stream().noneMatch(name -> name.startsWith("G1 "));
  }
}
