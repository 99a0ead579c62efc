package dev.imageservice.local.bench;

/**
 * What one measured window of {@code bench sdk-floor} found for one kind of call: the {@code
 * sdk-floor <kind> warm-up=...} line.
 *
 * @param kind the call
 * @param warmUpCalls calls of this kind made before the window
 * @param calls calls in the window
 * @param processCpuMillis the client process's CPU in the window, every thread
 * @param threadCpuMillis the calling thread's CPU in the window
 * @param window the client process's CPU in the window by thread kind (compiler and GC shares)
 * @param threads where the window's CPU went by kind of thread ({@link CpuByThread#describe})
 */
record FloorResult(
    CallKind kind,
    int warmUpCalls,
    int calls,
    double processCpuMillis,
    double threadCpuMillis,
    ThreadCpu.Totals window,
    String threads) {

  /**
   * The client process's CPU per call less its compiler threads' share: steady state, as a worker
   * running for days is (as {@code bench e2e} counts the workers', {@link
   * E2eResult#withoutCompiler}). GC stays in: the calls' garbage is theirs to collect.
   */
  double cpuPerCall() {
    return E2eResult.withoutCompiler(processCpuMillis / calls, window);
  }

  /** The calling thread's CPU per call: for the sync clients nearly all of it. */
  double threadCpuPerCall() {
    return threadCpuMillis / calls;
  }

  /** The line; its first fields (to {@code thread-cpu-ms/call}) are the ones to quote. */
  String line() {
    return ("sdk-floor %s warm-up=%d cpu-ms/call=%.3f thread-cpu-ms/call=%.3f calls=%d"
            + " cpu-with-jit-ms/call=%.3f jit=%.1f%% gc=%.1f%% threads: %s")
        .formatted(
            kind.label(),
            warmUpCalls,
            cpuPerCall(),
            threadCpuPerCall(),
            calls,
            processCpuMillis / calls,
            window.compilerPercent(),
            window.gcPercent(),
            threads);
  }
}
