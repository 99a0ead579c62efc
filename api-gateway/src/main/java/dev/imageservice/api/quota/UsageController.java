package dev.imageservice.api.quota;

import dev.imageservice.api.auth.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/usage}: the tenant's uploads and stored bytes against its quotas. */
@RestController
class UsageController {

  private final StoredBytes stored;
  private final UploadBucketLevel uploads;
  private final QuotaProperties properties;

  UsageController(StoredBytes stored, UploadBucketLevel uploads, QuotaProperties properties) {
    this.stored = stored;
    this.uploads = uploads;
    this.properties = properties;
  }

  @Operation(summary = "The tenant's uploads and stored bytes against its quotas")
  @GetMapping("/v1/usage")
  UsageView usage(Tenant tenant) {
    QuotaProperties.TenantQuota quota = properties.of(tenant.id());
    StoredBytes.Usage usage = stored.of(tenant.id());
    Long storedQuota = quota.storedBytes();
    return new UsageView(
        new UsageView.Uploads(
            quota.uploadsPerMinute(),
            uploads.remaining(tenant.id(), UploadQuota.uploadLimit(quota)),
            usage.jobs()),
        new UsageView.Storage(
            usage.total(),
            usage.originalBytes(),
            usage.thumbnailBytes(),
            storedQuota,
            storedQuota == null ? null : Math.max(0, storedQuota - usage.total())));
  }
}
