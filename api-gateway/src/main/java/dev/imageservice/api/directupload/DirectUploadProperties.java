package dev.imageservice.api.directupload;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Direct uploads ({@code POST /v1/uploads}): clients PUT their bytes to the images bucket through a
 * presigned URL, so originals no longer pass through the API. The size limit is the upload one
 * ({@code image-service.upload.max-size}).
 *
 * @param urlTtl how long the presigned PUT stays valid (default 15 minutes)
 * @param prefix the images bucket prefix uploads land under (default {@code uploads/}); verified
 *     objects are copied out of it, and the bucket's lifecycle rule on it removes strays
 * @param headerBytes how much of an uploaded object is read (ranged GET) to recognise its format
 *     and run the structure pre-scan (default 256KB)
 * @param expiryGrace how long after its URL expired a job still waiting for its upload becomes
 *     {@code EXPIRED} (default 1 minute: a PUT started just before the expiry may still finish)
 * @param expiryInterval how often the expiry sweep runs (default 1 minute)
 * @param queue the SQS queue (name or URL) the bucket's {@code ObjectCreated} notifications for the
 *     prefix arrive on; unset (local, tests): no consumer, clients call {@code complete}
 * @param queueWait the long-poll wait of that consumer (default 20 seconds)
 */
@Validated
@ConfigurationProperties("image-service.direct-upload")
public record DirectUploadProperties(
    @NotNull Duration urlTtl,
    @NotNull
        @Pattern(
            regexp = "^[a-z0-9-]+/$",
            message = "lower-case letters, digits, '-', ending in '/'")
        String prefix,
    @NotNull DataSize headerBytes,
    @NotNull Duration expiryGrace,
    @NotNull Duration expiryInterval,
    @Nullable String queue,
    @NotNull Duration queueWait) {

  public DirectUploadProperties {
    urlTtl = urlTtl == null ? Duration.ofMinutes(15) : urlTtl;
    prefix = prefix == null ? "uploads/" : prefix;
    headerBytes = headerBytes == null ? DataSize.ofKilobytes(256) : headerBytes;
    expiryGrace = expiryGrace == null ? Duration.ofMinutes(1) : expiryGrace;
    expiryInterval = expiryInterval == null ? Duration.ofMinutes(1) : expiryInterval;
    queue = queue == null || queue.isBlank() ? null : queue;
    queueWait = queueWait == null ? Duration.ofSeconds(20) : queueWait;
    if (urlTtl.isNegative() || urlTtl.isZero() || urlTtl.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(
          "image-service.direct-upload.url-ttl must be positive and at most 7 days (SigV4's bound)");
    }
  }
}
