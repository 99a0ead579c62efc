package dev.imageservice.api.quota;

import dev.imageservice.api.ratelimit.Decision;
import dev.imageservice.api.ratelimit.RateLimitProperties;
import dev.imageservice.api.ratelimit.RateLimiter;
import org.springframework.stereotype.Component;

/**
 * A tenant's upload quotas, checked before an upload is read: uploads per minute (a token bucket in
 * the shared PostgreSQL {@link RateLimiter}, so the limit holds across replicas) and stored bytes
 * (the tenant's current total plus the declared size of this upload). Thread-safe.
 */
@Component
class UploadQuota {

  static final String BUCKET_PREFIX = "uploads:";

  private final RateLimiter limiter;
  private final StoredBytes stored;
  private final QuotaProperties properties;

  UploadQuota(RateLimiter limiter, StoredBytes stored, QuotaProperties properties) {
    this.limiter = limiter;
    this.stored = stored;
    this.properties = properties;
  }

  static RateLimitProperties.Limit uploadLimit(QuotaProperties.TenantQuota quota) {
    return new RateLimitProperties.Limit(quota.uploadsPerMinute(), quota.uploadsPerMinute() / 60.0);
  }

  boolean enabled() {
    return properties.enabled();
  }

  /** Takes one upload from the tenant's per-minute bucket. */
  Decision takeUpload(String tenantId) {
    return limiter.take(BUCKET_PREFIX + tenantId, uploadLimit(properties.of(tenantId)));
  }

  /**
   * Whether {@code incomingBytes} more fit in the tenant's stored-bytes quota.
   *
   * @return the refusal, or null when the upload fits (or bytes are unlimited)
   */
  StorageRefusal checkStorage(String tenantId, long incomingBytes) {
    Long quota = properties.of(tenantId).storedBytes();
    if (quota == null) {
      return null;
    }
    long used = stored.of(tenantId).total();
    if (used + Math.max(0, incomingBytes) <= quota) {
      return null;
    }
    return new StorageRefusal(
        quota, Math.max(0, quota - used), properties.storageRetryAfter().toSeconds());
  }

  /** An upload that would exceed the stored-bytes quota. */
  record StorageRefusal(long quotaBytes, long remainingBytes, long retryAfterSeconds) {}
}
