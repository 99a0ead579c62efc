package dev.imageservice.api.deletion;

import dev.imageservice.common.deletion.DeletionQueue;
import dev.imageservice.common.deletion.DeletionScope;
import dev.imageservice.common.deletion.PendingDeletion;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Carries out the queued deletions: takes the due rows (with a lease, so replicas share them and a
 * replica that dies only delays its rows), removes their objects ({@link ObjectPurge}), invalidates
 * a deleted job's CloudFront paths ({@link CdnInvalidation}) and records the pass. A job's first
 * pass is followed by one re-check after {@code recheck-after}, which empties the prefixes again (a
 * rendition written by a worker that died before its refused commit) and completes the row. A
 * failing pass is retried after {@code retry-after}, forever: a deletion is never given up. Runs on
 * every replica. Thread-safe.
 */
@Component
class DeletionSweeper {

  private static final Logger log = LoggerFactory.getLogger(DeletionSweeper.class);

  private final Jdbi jdbi;
  private final ObjectPurge purge;
  private final CdnInvalidation cdn;
  private final DeletionProperties properties;
  private final Clock clock;
  private final DeletionQueue queue = new DeletionQueue();

  DeletionSweeper(
      Jdbi jdbi,
      ObjectPurge purge,
      CdnInvalidation cdn,
      DeletionProperties properties,
      Clock clock) {
    this.jdbi = jdbi;
    this.purge = purge;
    this.cdn = cdn;
    this.properties = properties;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${image-service.deletion.interval:5s}",
      initialDelayString = "${image-service.deletion.interval:5s}")
  void sweep() {
    try {
      Instant now = clock.instant();
      List<PendingDeletion> due =
          jdbi.inTransaction(
              h -> queue.take(h, now, now.plus(properties.lease()), properties.batchSize()));
      due.forEach(this::carryOut);
    } catch (RuntimeException e) {
      log.warn("deletion sweep failed, next one in {}: {}", properties.interval(), e.toString());
    }
  }

  private void carryOut(PendingDeletion deletion) {
    try {
      int objects = purge.purge(deletion);
      boolean firstPass = deletion.purgedAt() == null;
      if (firstPass && deletion.scope() == DeletionScope.JOB) {
        cdn.invalidate(deletion);
      }
      Instant now = clock.instant();
      if (firstPass && deletion.scope() == DeletionScope.JOB) {
        jdbi.useHandle(
            h -> queue.purged(h, deletion.id(), now, now.plus(properties.recheckAfter())));
      } else {
        jdbi.useHandle(h -> queue.completed(h, deletion.id(), now));
      }
      log.info(
          "job {}: {} deletion pass {} removed {} object(s)",
          deletion.jobId(),
          deletion.scope(),
          deletion.attempts() + 1,
          objects);
    } catch (RuntimeException e) {
      log.warn(
          "job {}: {} deletion pass failed, retried in {}: {}",
          deletion.jobId(),
          deletion.scope(),
          properties.retryAfter(),
          e.toString());
      Instant retryAt = clock.instant().plus(properties.retryAfter());
      try {
        jdbi.useHandle(h -> queue.failed(h, deletion.id(), e.toString(), retryAt));
      } catch (RuntimeException ignored) {
        // The lease ends by itself; the row is due again then.
      }
    }
  }
}
