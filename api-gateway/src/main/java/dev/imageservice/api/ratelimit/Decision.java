package dev.imageservice.api.ratelimit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a rate limit, with what its response headers say.
 *
 * @param allowed whether the request may go on
 * @param limit the bucket's size ({@code RateLimit-Limit})
 * @param remaining requests left right now ({@code RateLimit-Remaining})
 * @param resetSeconds seconds until the bucket is full again ({@code RateLimit-Reset})
 * @param retryAfterSeconds seconds until the next request may pass ({@code Retry-After}); 0 when
 *     allowed
 */
public record Decision(
    boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {

  static Decision allowed(RateLimitProperties.Limit limit, double tokens) {
    return new Decision(true, limit.burst(), (long) tokens, secondsToFull(limit, tokens), 0);
  }

  static Decision denied(RateLimitProperties.Limit limit, double tokens, @Nullable Duration wait) {
    long retryAfter =
        wait != null
            ? Math.max(1, (long) Math.ceil(wait.toMillis() / 1000.0))
            : Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
    return new Decision(false, limit.burst(), 0, secondsToFull(limit, tokens), retryAfter);
  }

  static Decision unlimited(RateLimitProperties.Limit limit) {
    return new Decision(true, limit.burst(), limit.burst(), 0, 0);
  }

  private static long secondsToFull(RateLimitProperties.Limit limit, double tokens) {
    return Math.max(0, (long) Math.ceil((limit.burst() - tokens) / limit.perSecond()));
  }
}
