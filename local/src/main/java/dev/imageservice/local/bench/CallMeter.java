package dev.imageservice.local.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * Measures a window of calls in this process: its CPU, every thread (the SDK's event loops and
 * response threads, the pool's housekeeper, GC and JIT), and the calling thread's, and where the
 * process's went by kind of thread ({@link ThreadCpu}). No sampling thread runs beside the calls
 * (it would add its own CPU to theirs): a compiler thread that exits inside a window leaves its CPU
 * there counted as the calls'. Not thread-safe: the calling thread measures.
 */
final class CallMeter {

  private final ThreadCpu threads = ThreadCpu.of(ProcessHandle.current().pid());
  private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();

  /** Makes {@code calls} calls of {@code call} (readied outside the window) and measures them. */
  FloorResult measure(FloorCall call, int warmUpCalls, int calls) {
    call.prepare(calls);
    Map<String, Long> kindsBefore = threads.byKind();
    ThreadCpu.Totals before = threads.totals();
    long processBefore = RenderBaseline.processCpuNanos();
    long threadBefore = threadBean.getCurrentThreadCpuTime();
    for (int i = 0; i < calls; i++) {
      call.call();
    }
    long thread = threadBean.getCurrentThreadCpuTime() - threadBefore;
    long process = RenderBaseline.processCpuNanos() - processBefore;
    ThreadCpu.Totals window = threads.totals().minus(before);
    Map<String, Long> kindsAfter = threads.byKind();
    return new FloorResult(
        call.kind(),
        warmUpCalls,
        calls,
        process / 1e6,
        thread / 1e6,
        window,
        CpuByThread.describePerCall(kindsBefore, kindsAfter, process / 1e6 / calls));
  }

  /**
   * Makes {@code rounds} rounds of one call of each kind, in turn as a job makes them, readying
   * them in blocks: the warm-up between the windows.
   */
  static void warmUp(Iterable<FloorCall> calls, int rounds) {
    int block = 100;
    for (int done = 0; done < rounds; done += block) {
      int size = Math.min(block, rounds - done);
      calls.forEach(call -> call.prepare(size));
      for (int i = 0; i < size; i++) {
        calls.forEach(FloorCall::call);
      }
    }
  }
}
