package dev.imageservice.api.quota;

import dev.imageservice.api.ratelimit.RateLimitProperties;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * Reads a tenant's upload bucket without taking from it, for {@code GET /v1/usage}: the level the
 * {@link dev.imageservice.api.ratelimit.RateLimiter} would find now (a missing bucket is full).
 * Thread-safe.
 */
@Component
class UploadBucketLevel {

  private final Jdbi jdbi;

  UploadBucketLevel(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  long remaining(String tenantId, RateLimitProperties.Limit limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select floor(least(cast(:burst as float8), tokens
                        + cast(extract(epoch from (now() - refilled_at)) as float8) * :rate))
                    from rate_limits where bucket = :bucket
                    """)
                .bind("bucket", UploadQuota.BUCKET_PREFIX + tenantId)
                .bind("burst", (double) limit.burst())
                .bind("rate", limit.perSecond())
                .mapTo(Double.class)
                .findOne()
                .map(level -> (long) Math.max(0, level))
                .orElse((long) limit.burst()));
  }
}
