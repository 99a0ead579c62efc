package dev.imageservice.worker.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The worker's job metrics, as Prometheus shows them: {@code image_jobs_completed_total{status,
 * code}} (jobs this worker finished, by final status and failure code, {@code none} on success),
 * {@code image_render_seconds} (render time histogram), {@code image_job_latency_seconds} (upload
 * to completion histogram), {@code image_jobs_transient_failures_total} (deliveries left for SQS to
 * redeliver), {@code image_renders_in_flight} and {@code image_render_memory_reserved_bytes}.
 * Thread-safe.
 */
@Component
public class JobMetrics {

  static final String NO_CODE = "none";

  private final MeterRegistry registry;
  private final Clock clock;
  private final Timer render;
  private final Timer latency;
  private final Counter transientFailures;

  JobMetrics(
      MeterRegistry registry, Clock clock, InFlightJobs inFlight, RenderMemoryBudget budget) {
    this.registry = registry;
    this.clock = clock;
    this.render =
        Timer.builder("image.render")
            .description("Time to decode and render every preset of one image")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
    this.latency =
        Timer.builder("image.job.latency")
            .description("Time from upload (job created) to the job's final state")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(100))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    this.transientFailures =
        Counter.builder("image.jobs.transient.failures")
            .description("Deliveries that failed transiently and were left for redelivery")
            .register(registry);
    Gauge.builder("image.renders.in.flight", inFlight, InFlightJobs::count)
        .description("Jobs this worker is rendering now")
        .register(registry);
    Gauge.builder("image.render.memory.reserved", budget, RenderMemoryBudget::reserved)
        .description("Decoded-image bytes reserved by running renders")
        .baseUnit("bytes")
        .register(registry);
    completedCounter("SUCCEEDED", NO_CODE);
  }

  <T> T timeRender(Supplier<T> work) {
    return render.record(work);
  }

  /** A job this worker moved to its final state. */
  void completed(String status, String code, Instant createdAt) {
    completedCounter(status, code).increment();
    latency.record(Duration.between(createdAt, clock.instant()));
  }

  void transientFailure() {
    transientFailures.increment();
  }

  private Counter completedCounter(String status, String code) {
    return Counter.builder("image.jobs.completed")
        .description("Jobs finished by this worker, by final status and failure code")
        .tag("status", status)
        .tag("code", code)
        .register(registry);
  }
}
