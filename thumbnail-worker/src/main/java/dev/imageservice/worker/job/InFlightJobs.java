package dev.imageservice.worker.job;

import dev.imageservice.common.job.JobRepository;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The jobs this worker holds right now, and what happens to them at shutdown. The SQS listener
 * containers stop first (phase {@code Integer.MAX_VALUE}): they stop polling and wait up to {@code
 * image-service.worker.shutdown-timeout} for running messages to finish. Whatever is still running
 * after that is abandoned here: its thread is interrupted (the render stops between two steps) and
 * its claim released, so the next delivery need not wait out the lease. The message was never
 * acknowledged, so it simply becomes visible again. Thread-safe.
 */
@Component
public class InFlightJobs implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InFlightJobs.class);

  private final Map<UUID, Thread> running = new ConcurrentHashMap<>();
  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final Clock clock;
  private volatile boolean started;

  InFlightJobs(Jdbi jdbi, JobRepository jobs, Clock clock) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** Records that the calling thread works on the job until the registration is closed. */
  Registration register(UUID jobId) {
    running.put(jobId, Thread.currentThread());
    return () -> running.remove(jobId, Thread.currentThread());
  }

  public int count() {
    return running.size();
  }

  @Override
  public void start() {
    started = true;
  }

  @Override
  public void stop() {
    started = false;
    running.forEach(this::abandon);
  }

  private void abandon(UUID jobId, Thread thread) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId.toString())) {
      log.warn("job {}: still running at shutdown; abandoning it for another worker", jobId);
      thread.interrupt();
      try {
        jdbi.useHandle(h -> jobs.releaseClaim(h, jobId, clock.instant()));
      } catch (RuntimeException e) {
        log.warn("job {}: could not release the claim; it frees when the lease ends", jobId);
      }
    }
  }

  @Override
  public boolean isRunning() {
    return started;
  }

  // Stops right after the listener containers, before the connection pool and SQS client close.
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1;
  }

  /** Ends a registration. */
  @FunctionalInterface
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
