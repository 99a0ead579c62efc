package dev.imageservice.worker.job;

import dev.imageservice.common.job.Claim;
import dev.imageservice.common.job.JobLifecycle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  private final Map<Claim, Thread> running = new ConcurrentHashMap<>();
  private final JobLifecycle lifecycle;
  private volatile boolean started;

  InFlightJobs(JobLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** Records that the calling thread works on the claimed job until the registration is closed. */
  Registration register(Claim claim) {
    running.put(claim, Thread.currentThread());
    return () -> running.remove(claim, Thread.currentThread());
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

  private void abandon(Claim claim, Thread thread) {
    try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", claim.jobId().toString())) {
      log.warn(
          "job {}: still running at shutdown; abandoning it for another worker", claim.jobId());
      thread.interrupt();
      try {
        lifecycle.release(claim);
      } catch (RuntimeException e) {
        log.warn(
            "job {}: could not release the claim; it frees when the lease ends", claim.jobId());
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
