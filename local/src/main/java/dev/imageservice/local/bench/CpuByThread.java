package dev.imageservice.local.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a measured window's CPU went, by kind of thread ({@link ThreadCpu#kind}). {@code bench e2e}
 * prints it after each window, so that what a worker spends beyond the render shows by who spends
 * it: the listener threads run each job's render, S3 transfers and database work; the SQS client's
 * event loop, the outbox relay, the timers, the compiler and the collector work beside them.
 */
final class CpuByThread {

  private static final int SHOWN = 10;

  private CpuByThread() {}

  /**
   * The largest kinds between two {@link ThreadCpu#byKind} reads, each as its share of the threads'
   * CPU and that share of {@code cpuPerJob}: {@code "io.awspring.clo 80.1% (95.2 ms), ..."}.
   */
  static String describe(Map<String, Long> before, Map<String, Long> after, double cpuPerJob) {
    return describe(before, after, cpuPerJob, "%s %.1f%% (%.1f ms)");
  }

  /**
   * As {@link #describe(Map, Map, double)} for a figure per call, a fraction of a millisecond:
   * {@code "java 96.0% (0.912 ms), ..."}.
   */
  static String describePerCall(
      Map<String, Long> before, Map<String, Long> after, double cpuPerCall) {
    return describe(before, after, cpuPerCall, "%s %.1f%% (%.3f ms)");
  }

  private static String describe(
      Map<String, Long> before, Map<String, Long> after, double cpuPerUnit, String format) {
    Map<String, Long> used = new HashMap<>();
    after.forEach((kind, ticks) -> used.put(kind, ticks - before.getOrDefault(kind, 0L)));
    long total = used.values().stream().mapToLong(Long::longValue).sum();
    if (total <= 0) {
      return "no CPU measured";
    }
    return used.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(SHOWN)
        .map(
            e ->
                format.formatted(
                    e.getKey(), 100.0 * e.getValue() / total, cpuPerUnit * e.getValue() / total))
        .collect(Collectors.joining(", "));
  }
}
