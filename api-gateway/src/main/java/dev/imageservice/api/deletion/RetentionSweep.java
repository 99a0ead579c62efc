package dev.imageservice.api.deletion;

import dev.imageservice.common.deletion.JobDeletions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention of originals: when {@code retain-originals} is set, queues the removal of each original
 * that long after its job SUCCEEDED, through the same {@code job_deletions} machinery as a
 * deletion. The job keeps its thumbnails and shows {@code original.deletedAt}. Off by default. Safe
 * on every replica ({@code skip locked}). Thread-safe.
 */
@Component
class RetentionSweep {

  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

  private final Jdbi jdbi;
  private final DeletionProperties properties;
  private final Clock clock;
  private final JobDeletions deletions = new JobDeletions();

  RetentionSweep(Jdbi jdbi, DeletionProperties properties, Clock clock) {
    this.jdbi = jdbi;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${image-service.deletion.interval:5s}",
      initialDelayString = "${image-service.deletion.interval:5s}")
  void expireOriginals() {
    Duration retain = properties.retainOriginals();
    if (retain == null) {
      return;
    }
    try {
      Instant now = clock.instant();
      int queued =
          jdbi.inTransaction(
              h -> deletions.expireOriginals(h, now.minus(retain), now, properties.batchSize()));
      if (queued > 0) {
        log.info("retention: {} original(s) older than {} queued for deletion", queued, retain);
      }
    } catch (RuntimeException e) {
      log.warn("retention sweep failed, next one in {}: {}", properties.interval(), e.toString());
    }
  }
}
