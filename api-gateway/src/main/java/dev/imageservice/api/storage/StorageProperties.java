package dev.imageservice.api.storage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where originals and thumbnails are stored, and how thumbnail links are signed.
 *
 * @param imagesBucket bucket the API writes originals to
 * @param thumbnailsBucket bucket the workers write thumbnails to; the API only signs links to it
 * @param thumbnailUrlTtl how long a thumbnail link stays valid (default 15 minutes)
 * @param healthTimeout how long the readiness probe's {@code HeadBucket} may take before S3 counts
 *     as down (default 2 seconds)
 * @param cloudfront when set, thumbnail links are CloudFront signed URLs of the distribution's
 *     {@code /thumbnails/*} behaviour (trusted key group); when absent (local, tests), presigned S3
 *     URLs
 */
@Validated
@ConfigurationProperties("image-service.storage")
public record StorageProperties(
    @NotBlank String imagesBucket,
    @NotBlank String thumbnailsBucket,
    @NotNull Duration thumbnailUrlTtl,
    @NotNull Duration healthTimeout,
    @Valid @Nullable CloudFrontSigning cloudfront) {

  public StorageProperties {
    if (thumbnailUrlTtl == null) {
      thumbnailUrlTtl = Duration.ofMinutes(15);
    }
    if (healthTimeout == null) {
      healthTimeout = Duration.ofSeconds(2);
    }
  }

  /**
   * CloudFront signed URLs for thumbnails.
   *
   * @param domain the distribution's host name ({@code d111111abcdef8.cloudfront.net} or the public
   *     domain), no scheme
   * @param keyPairId the id of the CloudFront public key in the distribution's trusted key group
   *     (deploy/infra output {@code ThumbnailSigningKeyId})
   * @param privateKeyFile PEM file (PKCS#8 or PKCS#1 RSA) holding the matching private key, mounted
   *     from Secrets Manager; read once at start
   */
  public record CloudFrontSigning(
      @NotBlank @Pattern(regexp = "^[A-Za-z0-9.-]+$", message = "a host name, without scheme")
          String domain,
      @NotBlank String keyPairId,
      @NotNull Path privateKeyFile) {}
}
