package dev.imageservice.worker.storage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the worker reads and writes.
 *
 * @param thumbnailsBucket bucket the thumbnails are written to
 * @param spoolDirectory where originals are spooled while rendering (the image-cache volume in
 *     Kubernetes); default the JVM's temp directory
 * @param thumbnailCacheMaxAge how long a browser may keep a thumbnail: written as {@code
 *     Cache-Control: private, max-age=<seconds>} on every object (default 15 minutes, the API's
 *     default {@code thumbnail-url-ttl}). Keep it at most the link lifetime, so that a revoked link
 *     is not served from a cache for longer than it was valid; {@code private} keeps shared caches
 *     other than our own signature-checking CloudFront from storing it.
 */
@Validated
@ConfigurationProperties("image-service.storage")
public record WorkerStorageProperties(
    @NotBlank String thumbnailsBucket,
    @Nullable Path spoolDirectory,
    @NotNull Duration thumbnailCacheMaxAge) {

  /** The longest max-age accepted: a day, far beyond any link lifetime we would issue. */
  static final Duration MAX_CACHE_AGE = Duration.ofDays(1);

  public WorkerStorageProperties {
    if (thumbnailCacheMaxAge == null) {
      thumbnailCacheMaxAge = Duration.ofMinutes(15);
    }
    if (thumbnailCacheMaxAge.isNegative() || thumbnailCacheMaxAge.compareTo(MAX_CACHE_AGE) > 0) {
      throw new IllegalArgumentException(
          "image-service.storage.thumbnail-cache-max-age must be between 0 and "
              + MAX_CACHE_AGE
              + ", was "
              + thumbnailCacheMaxAge);
    }
  }

  /** The {@code Cache-Control} value written on every thumbnail object. */
  public String thumbnailCacheControl() {
    return "private, max-age=" + thumbnailCacheMaxAge.toSeconds();
  }
}
