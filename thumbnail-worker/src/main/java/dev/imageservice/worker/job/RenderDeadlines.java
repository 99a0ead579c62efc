package dev.imageservice.worker.job;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The deadlines of the renders running now, for the heartbeats: a job whose render is past its
 * deadline by more than {@code image-service.job.render-grace} gets no more lease renewals and no
 * more visibility extensions. A render that ends at its deadline (the normal case: the decoder is
 * aborted, the job fails {@code render_timeout}) never gets there; one that does is wedged in code
 * that cannot be stopped, and its message must go back to the queue (and after {@code
 * maxReceiveCount} receives to the DLQ) instead of being held until shutdown. Thread-safe.
 */
@Component
public class RenderDeadlines {

  private final Map<UUID, Instant> stopHeartbeatsAt = new ConcurrentHashMap<>();
  private final JobProperties properties;
  private final Clock clock;

  RenderDeadlines(JobProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** Records the job's render deadline until the returned registration is closed. */
  Registration track(UUID jobId, Instant deadline) {
    Instant stopAt = deadline.plus(properties.renderGrace());
    stopHeartbeatsAt.put(jobId, stopAt);
    return () -> stopHeartbeatsAt.remove(jobId, stopAt);
  }

  /** True when the job's render is past its deadline and the grace: stop its heartbeats. */
  public boolean overdue(UUID jobId) {
    Instant stopAt = stopHeartbeatsAt.get(jobId);
    return stopAt != null && clock.instant().isAfter(stopAt);
  }

  /** Ends a tracking. */
  @FunctionalInterface
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
