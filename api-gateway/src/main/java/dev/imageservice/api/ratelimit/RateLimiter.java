package dev.imageservice.api.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Token buckets in PostgreSQL, so that a limit holds across all API replicas: taking a token is one
 * atomic upsert that refills the bucket for the time since its last use and takes a token if one is
 * there. A bucket found empty is remembered on this replica until it has a token again, so a flood
 * costs no query. When PostgreSQL cannot be asked the limiter lets requests through for a few
 * seconds (the request itself will then meet the outage and answer 503). Thread-safe.
 */
@Component
public class RateLimiter {

  private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
  private static final Duration SKIP_AFTER_FAILURE = Duration.ofSeconds(5);

  // The level is computed from the row as locked by the upsert (not from a snapshot read), so
  // concurrent requests on one bucket each see the previous one's take.
  private static final String LEVEL =
      "least(cast(:burst as float8),"
          + " r.tokens + cast(extract(epoch from (now() - r.refilled_at)) as float8) * :rate)";

  private static final String TAKE =
      """
      insert into rate_limits as r (bucket, tokens, refilled_at, allowed)
      values (:bucket, :burst - 1, now(), true)
      on conflict (bucket) do update set
        tokens = case when LEVEL >= 1 then LEVEL - 1 else LEVEL end,
        allowed = LEVEL >= 1,
        refilled_at = now()
      returning tokens, allowed
      """
          .replace("LEVEL", LEVEL);

  private final Jdbi jdbi;
  private final Clock clock;
  private final Cache<String, Instant> emptyUntil =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();
  private volatile Instant skipUntil = Instant.MIN;

  RateLimiter(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Takes one token from the bucket, creating it full on first use. */
  public Decision take(String bucket, RateLimitProperties.Limit limit) {
    Instant now = clock.instant();
    Instant empty = emptyUntil.getIfPresent(bucket);
    if (empty != null && now.isBefore(empty)) {
      return Decision.denied(limit, 0, Duration.between(now, empty));
    }
    if (now.isBefore(skipUntil)) {
      return Decision.unlimited(limit);
    }
    Level level;
    try {
      level =
          jdbi.withHandle(
              h ->
                  h.createQuery(TAKE)
                      .bind("bucket", bucket)
                      .bind("burst", (double) limit.burst())
                      .bind("rate", limit.perSecond())
                      .map((rs, ctx) -> new Level(rs.getDouble("tokens"), rs.getBoolean("allowed")))
                      .one());
    } catch (RuntimeException e) {
      skipUntil = now.plus(SKIP_AFTER_FAILURE);
      log.warn("rate limits not checked for {}: {}", SKIP_AFTER_FAILURE, e.toString());
      return Decision.unlimited(limit);
    }
    if (level.allowed()) {
      return Decision.allowed(limit, level.tokens());
    }
    Decision denied = Decision.denied(limit, level.tokens(), null);
    emptyUntil.put(bucket, now.plusSeconds(denied.retryAfterSeconds()));
    return denied;
  }

  private record Level(double tokens, boolean allowed) {}
}
