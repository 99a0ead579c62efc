package dev.imageservice.worker.cost;

import dev.imageservice.common.telemetry.JobTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Splits one job's processing, from its claim to SUCCEEDED, into the parts {@link JobTimings}
 * names. Each timed part adds to its bucket; what no bucket timed (waits, probing, colour work, the
 * database) is {@code other}, so the parts always add up to the total. Not thread-safe: one per
 * job, used on the job's thread.
 */
public final class JobStopwatch {

  /** The parts of a job that are timed on their own. */
  public enum Part {
    DOWNLOAD,
    DECODE,
    RESIZE,
    ENCODE,
    UPLOAD
  }

  private final Instant createdAt;
  private final Instant claimedAt;
  private final long startNanos;
  private final Map<Part, Long> nanos = new EnumMap<>(Part.class);
  private long cpuNanos;
  private long decodePeakBytes;

  /**
   * @param createdAt when the job was created (the upload), for {@code queuedMs}
   * @param claimedAt when this worker claimed it, where {@code totalMs} starts
   */
  public JobStopwatch(Instant createdAt, Instant claimedAt) {
    this.createdAt = createdAt;
    this.claimedAt = claimedAt;
    this.startNanos = System.nanoTime();
  }

  /** Runs {@code work}, adding its duration to {@code part}. */
  public <T> T time(Part part, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      nanos.merge(part, System.nanoTime() - start, Long::sum);
    }
  }

  /** Adds the CPU time the rendering thread spent. */
  public void addCpu(long threadCpuNanos) {
    cpuNanos += Math.max(0, threadCpuNanos);
  }

  /** Notes the decoded image's size; the largest counts. */
  public void decoded(long bytes) {
    decodePeakBytes = Math.max(decodePeakBytes, bytes);
  }

  /** The timings up to now, which the caller takes as the moment of SUCCEEDED. */
  public JobTimings stop() {
    long total = System.nanoTime() - startNanos;
    long named = nanos.values().stream().mapToLong(Long::longValue).sum();
    return new JobTimings(
        Math.max(0, Duration.between(createdAt, claimedAt).toMillis()),
        millis(Part.DOWNLOAD),
        millis(Part.DECODE),
        millis(Part.RESIZE),
        millis(Part.ENCODE),
        millis(Part.UPLOAD),
        Math.max(0, total - named) / 1_000_000,
        total / 1_000_000,
        // Rounded up: a render that took any CPU never reads as 0 ms.
        (cpuNanos + 999_999) / 1_000_000,
        decodePeakBytes);
  }

  private long millis(Part part) {
    return nanos.getOrDefault(part, 0L) / 1_000_000;
  }
}
