package dev.imageservice.api.messaging;

import dev.imageservice.common.event.ImageUploaded;
import dev.imageservice.common.job.Job;
import dev.imageservice.common.job.JobRepository;
import dev.imageservice.common.outbox.OutboxRelay;
import dev.imageservice.common.outbox.OutboxRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Announces again the jobs that stayed {@code QUEUED} too long: their {@code ImageUploaded} was
 * lost after it left the outbox (a purged queue, an in-memory queue restarted). Duplicates are
 * harmless, since workers claim jobs conditionally. Safe to run on every replica.
 */
@Component
class StaleJobSweeper {

  private static final Logger log = LoggerFactory.getLogger(StaleJobSweeper.class);

  private final Jdbi jdbi;
  private final JobRepository jobs;
  private final OutboxRepository outbox;
  private final OutboxRelay relay;
  private final SweeperProperties properties;
  private final Clock clock;

  StaleJobSweeper(
      Jdbi jdbi,
      JobRepository jobs,
      OutboxRepository outbox,
      OutboxRelay relay,
      SweeperProperties properties,
      Clock clock) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.outbox = outbox;
    this.relay = relay;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${image-service.sweeper.interval:1m}",
      initialDelayString = "${image-service.sweeper.initial-delay:5s}")
  void requeueStaleJobs() {
    try {
      int requeued = sweep();
      if (requeued > 0) {
        relay.wakeUp();
        log.warn("re-announced {} job(s) QUEUED for over {}", requeued, properties.staleAfter());
      }
    } catch (RuntimeException e) {
      log.warn("stale job sweep failed, next one in {}: {}", properties.interval(), e.toString());
    }
  }

  int sweep() {
    return jdbi.inTransaction(
        handle -> {
          Instant now = clock.instant();
          List<Job> stale =
              jobs.touchStaleQueued(handle, now.minus(properties.staleAfter()), now, 100);
          for (Job job : stale) {
            outbox.add(
                handle,
                ImageUploaded.announcing(
                    job.jobId(), job.tenantId(), job.original(), job.presets(), now),
                now);
          }
          return stale.size();
        });
  }
}
