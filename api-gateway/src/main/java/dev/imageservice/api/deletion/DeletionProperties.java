package dev.imageservice.api.deletion;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Deleting jobs and retaining originals. Deletions are carried out by a sweeper on every API
 * replica, from the {@code job_deletions} table.
 *
 * @param interval how often the sweeper looks for due deletions (default 5 seconds); also how often
 *     retention runs
 * @param batchSize deletions taken per sweep (default 50)
 * @param lease how long a replica holds the deletions it took before another may take them (default
 *     2 minutes)
 * @param recheckAfter after the first pass, when the job's prefixes are listed and emptied once
 *     more, for a rendition written by a worker that died between its S3 write and its refused
 *     commit (default 15 minutes; longer than a render takes)
 * @param retryAfter wait before a failed pass (S3 or CloudFront unreachable) is tried again
 *     (default 30 seconds)
 * @param retainOriginals delete each original this long after its job SUCCEEDED; the job stays
 *     viewable with its thumbnails (default: unset, originals are kept)
 * @param cloudfrontDistributionId when set, the CloudFront paths of a deleted job's thumbnails are
 *     invalidated in this distribution (default: unset, no invalidation)
 * @param cloudfrontEndpoint the CloudFront API endpoint (default: the SDK's); set only for tests
 */
@Validated
@ConfigurationProperties("image-service.deletion")
public record DeletionProperties(
    @NotNull Duration interval,
    @Min(1) @Max(1000) int batchSize,
    @NotNull Duration lease,
    @NotNull Duration recheckAfter,
    @NotNull Duration retryAfter,
    @Nullable Duration retainOriginals,
    @Nullable @Pattern(regexp = "^[A-Z0-9]{1,64}$", message = "a CloudFront distribution id")
        String cloudfrontDistributionId,
    @Nullable URI cloudfrontEndpoint) {

  public DeletionProperties {
    interval = interval == null ? Duration.ofSeconds(5) : interval;
    batchSize = batchSize == 0 ? 50 : batchSize;
    lease = lease == null ? Duration.ofMinutes(2) : lease;
    recheckAfter = recheckAfter == null ? Duration.ofMinutes(15) : recheckAfter;
    retryAfter = retryAfter == null ? Duration.ofSeconds(30) : retryAfter;
    if (retainOriginals != null && (retainOriginals.isNegative() || retainOriginals.isZero())) {
      throw new IllegalArgumentException(
          "image-service.deletion.retain-originals must be positive (leave it unset to keep"
              + " originals)");
    }
  }
}
