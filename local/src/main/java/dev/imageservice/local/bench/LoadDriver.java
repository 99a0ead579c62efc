package dev.imageservice.local.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one kind of request in a closed or an open loop on virtual threads and collects the
 * latencies. A request is a {@link Runnable} that throws when the API did not answer as expected;
 * such requests count as failures, not latencies.
 */
final class LoadDriver {

  /** What one load phase measured. {@code peakInFlight} is 0 for a closed loop. */
  record Result(Stats stats, int failures, double seconds, int peakInFlight) {
    double perSecond() {
      return stats.count() / seconds;
    }
  }

  private LoadDriver() {}

  /** {@code clients} callers send requests back to back for {@code seconds}. */
  static Result closedLoop(Runnable request, int clients, int seconds) throws InterruptedException {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        pool.submit(
            () -> {
              while (System.nanoTime() < deadline) {
                long t = System.nanoTime();
                timed(request, t, latencies, failures);
              }
            });
      }
    }
    return new Result(new Stats(latencies), failures.get(), elapsed(start), 0);
  }

  /**
   * Starts {@code rate} requests a second for {@code seconds}, at most {@code limit} at once.
   * Latency counts from each request's scheduled start, so one that had to wait for a free slot is
   * charged for the wait (no coordinated omission).
   */
  static Result openLoop(Runnable request, int limit, int rate, int seconds)
      throws InterruptedException {
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Semaphore slots = new Semaphore(limit);
    long period = 1_000_000_000L / rate;
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (long i = 0, total = (long) rate * seconds; i < total; i++) {
        long scheduled = start + i * period;
        LockSupport.parkNanos(scheduled - System.nanoTime());
        slots.acquire();
        pool.submit(
            () -> {
              peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                timed(request, scheduled, latencies, failures);
              } finally {
                inFlight.decrementAndGet();
                slots.release();
              }
            });
      }
    }
    return new Result(new Stats(latencies), failures.get(), elapsed(start), peak.get());
  }

  private static void timed(
      Runnable request, long from, List<Double> latencies, AtomicInteger failures) {
    try {
      request.run();
      latencies.add((System.nanoTime() - from) / 1e6);
    } catch (RuntimeException e) {
      failures.incrementAndGet();
    }
  }

  private static double elapsed(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
