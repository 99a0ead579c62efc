package dev.imageservice.api.ratelimit;

import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes buckets nobody used for longer than any bucket takes to refill (at least an hour): such a
 * bucket is full, exactly as a missing one, so the table only holds recent clients. Every replica
 * runs it; the delete is idempotent. Thread-safe.
 */
@Component
class IdleBucketCleanup {

  private static final Logger log = LoggerFactory.getLogger(IdleBucketCleanup.class);

  private final Jdbi jdbi;
  private final Duration idle;

  IdleBucketCleanup(Jdbi jdbi, RateLimitProperties properties) {
    this.jdbi = jdbi;
    this.idle =
        max(
            Duration.ofHours(1),
            max(
                refillTime(properties.tenantRequests()),
                refillTime(properties.failedAuthentications())));
  }

  @Scheduled(fixedDelay = 10, initialDelay = 10, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
  void forgetIdleBuckets() {
    try {
      int deleted =
          jdbi.withHandle(
              h ->
                  h.createUpdate(
                          "delete from rate_limits where refilled_at < now() - make_interval(secs => :idle)")
                      .bind("idle", (double) idle.toSeconds())
                      .execute());
      log.debug("forgot {} idle rate-limit bucket(s)", deleted);
    } catch (RuntimeException e) {
      log.warn("idle rate-limit buckets not deleted: {}", e.toString());
    }
  }

  private static Duration refillTime(RateLimitProperties.Limit limit) {
    return Duration.ofSeconds((long) Math.ceil(limit.burst() / limit.perSecond()) + 1);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
