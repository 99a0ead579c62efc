package dev.imageservice.api.quota;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Per-tenant quotas, enforced on uploads through the API's PostgreSQL rate limiter and shown by
 * {@code GET /v1/usage}.
 *
 * @param enabled whether quotas apply at all (default true)
 * @param uploadsPerMinute each tenant's uploads per minute, a token bucket of that size refilled
 *     evenly over a minute (default 600)
 * @param storedBytes each tenant's stored bytes (originals plus thumbnails); default unset:
 *     unlimited
 * @param storageRetryAfter the {@code Retry-After} of an upload refused for stored bytes: space
 *     only frees when the tenant deletes jobs (or retention deletes originals) (default 1 hour)
 * @param tenants overrides by tenant id; a field left unset takes the default above
 */
@Validated
@ConfigurationProperties("image-service.quota")
public record QuotaProperties(
    Boolean enabled,
    @Min(1) int uploadsPerMinute,
    @Nullable DataSize storedBytes,
    @NotNull Duration storageRetryAfter,
    @Valid Map<String, TenantOverride> tenants) {

  public QuotaProperties {
    enabled = enabled == null || enabled;
    uploadsPerMinute = uploadsPerMinute == 0 ? 600 : uploadsPerMinute;
    storageRetryAfter = storageRetryAfter == null ? Duration.ofHours(1) : storageRetryAfter;
    tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    if (storedBytes != null && storedBytes.toBytes() <= 0) {
      throw new IllegalArgumentException("image-service.quota.stored-bytes must be positive");
    }
  }

  /** One tenant's quotas: its override where set, the defaults elsewhere. */
  public TenantQuota of(String tenantId) {
    TenantOverride override = tenants.get(tenantId);
    Integer perMinute = override == null ? null : override.uploadsPerMinute();
    DataSize bytes =
        override == null || override.storedBytes() == null ? storedBytes : override.storedBytes();
    return new TenantQuota(
        perMinute == null ? uploadsPerMinute : perMinute, bytes == null ? null : bytes.toBytes());
  }

  /**
   * A tenant's override; an unset field inherits the default.
   *
   * @param uploadsPerMinute the tenant's uploads per minute
   * @param storedBytes the tenant's stored bytes
   */
  public record TenantOverride(
      @Nullable @Min(1) Integer uploadsPerMinute, @Nullable DataSize storedBytes) {}

  /**
   * The quotas that apply to one tenant.
   *
   * @param storedBytes null when unlimited
   */
  public record TenantQuota(int uploadsPerMinute, @Nullable Long storedBytes) {}
}
