package dev.imageservice.local.bench;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One job's calls at the cost one window of {@code bench sdk-floor} measured for each kind: the
 * {@code sdk-floor per-job} line, the floor under what a worker spends on a job beyond its render.
 *
 * @param warmUpCalls the calls of each kind made before the window
 * @param results the window's result for each kind
 */
record FloorJob(int warmUpCalls, List<FloorResult> results) {

  FloorJob {
    results = results.stream().sorted(Comparator.comparing(FloorResult::kind)).toList();
  }

  /** The client process's CPU of one job's calls, compiler threads left out. */
  double cpuMillis() {
    return results.stream().mapToDouble(r -> r.kind().perJob() * r.cpuPerCall()).sum();
  }

  /** The calling threads' share of it. */
  double threadCpuMillis() {
    return results.stream().mapToDouble(r -> r.kind().perJob() * r.threadCpuPerCall()).sum();
  }

  String line() {
    String calls =
        results.stream()
            .map(r -> r.kind().perJob() + " " + r.kind().label())
            .collect(Collectors.joining(" + "));
    return "sdk-floor per-job after %d: %s = %.2f ms cpu (calling thread %.2f ms)"
        .formatted(warmUpCalls, calls, cpuMillis(), threadCpuMillis());
  }
}
