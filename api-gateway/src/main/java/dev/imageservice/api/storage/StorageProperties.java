package dev.imageservice.api.storage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where originals and thumbnails are stored.
 *
 * @param imagesBucket bucket the API writes originals to
 * @param thumbnailsBucket bucket the workers write thumbnails to; the API only signs links to it
 * @param thumbnailUrlTtl how long a thumbnail link stays valid (default 15 minutes)
 * @param healthTimeout how long the readiness probe's {@code HeadBucket} may take before S3 counts
 *     as down (default 2 seconds)
 */
@Validated
@ConfigurationProperties("image-service.storage")
public record StorageProperties(
    @NotBlank String imagesBucket,
    @NotBlank String thumbnailsBucket,
    @NotNull Duration thumbnailUrlTtl,
    @NotNull Duration healthTimeout) {

  public StorageProperties {
    if (thumbnailUrlTtl == null) {
      thumbnailUrlTtl = Duration.ofMinutes(15);
    }
    if (healthTimeout == null) {
      healthTimeout = Duration.ofSeconds(2);
    }
  }
}
