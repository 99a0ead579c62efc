package dev.imageservice.worker.cost;

import dev.imageservice.common.telemetry.JobTelemetryRepository;
import dev.imageservice.common.telemetry.JobTimings;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records what a successful job cost: its {@link JobTimings} in {@code job_telemetry} (shown as the
 * job's {@code timings}) and, in Prometheus, {@code image_render_cpu_seconds{format}} (CPU time of
 * one job's render, by input format) and {@code image_render_decode_memory_bytes{format}} (the
 * decoded image's bytes). Recording is best effort: a database failure here is logged and never
 * fails the job, which has already succeeded. Thread-safe.
 */
@Component
public class JobCosts {

  private static final Logger log = LoggerFactory.getLogger(JobCosts.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Jdbi jdbi;
  private final JobTelemetryRepository telemetry;
  private final MeterRegistry registry;
  private final Clock clock;

  JobCosts(Jdbi jdbi, JobTelemetryRepository telemetry, MeterRegistry registry, Clock clock) {
    this.jdbi = jdbi;
    this.telemetry = telemetry;
    this.registry = registry;
    this.clock = clock;
  }

  /** Runs {@code render} on this thread, adding the thread's CPU time to the stopwatch. */
  public static <T> T measuringCpu(JobStopwatch stopwatch, Supplier<T> render) {
    long before = THREADS.getCurrentThreadCpuTime();
    try {
      return render.get();
    } finally {
      long after = THREADS.getCurrentThreadCpuTime();
      if (before >= 0 && after >= 0) {
        stopwatch.addCpu(after - before);
      }
    }
  }

  /** Records a job that just SUCCEEDED, rendered from an image of {@code inputFormat}. */
  public void succeeded(UUID jobId, String inputFormat, JobStopwatch stopwatch) {
    JobTimings timings = stopwatch.stop();
    cpu(inputFormat).record(Duration.ofMillis(timings.cpuMs()));
    memory(inputFormat).record(timings.decodePeakBytes());
    try {
      jdbi.useHandle(h -> telemetry.recordTimings(h, jobId, timings, inputFormat, clock.instant()));
    } catch (RuntimeException e) {
      log.warn("job {}: timings not recorded: {}", jobId, e.toString());
    }
    log.info(
        "job {}: took {} ms after {} ms queued (download {}, decode {}, resize {}, encode {},"
            + " upload {}, other {}), render CPU {} ms",
        jobId,
        timings.totalMs(),
        timings.queuedMs(),
        timings.downloadMs(),
        timings.decodeMs(),
        timings.resizeMs(),
        timings.encodeMs(),
        timings.uploadMs(),
        timings.otherMs(),
        timings.cpuMs());
  }

  private Timer cpu(String format) {
    return Timer.builder("image.render.cpu")
        .description("CPU time of one job's render (every preset), by input format")
        .tag("format", format)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofMinutes(1))
        .register(registry);
  }

  private DistributionSummary memory(String format) {
    return DistributionSummary.builder("image.render.decode.memory")
        .description("Bytes of the decoded image one job's render held, by input format")
        .baseUnit("bytes")
        .tag("format", format)
        .publishPercentileHistogram()
        .minimumExpectedValue(1e5)
        .maximumExpectedValue(2e9)
        .register(registry);
  }
}
