package dev.imageservice.api.storage;

import dev.imageservice.common.job.Thumbnail;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.model.CustomSignerRequest;
import software.amazon.awssdk.services.cloudfront.utils.SigningHashAlgorithm;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signs short-lived GET links to thumbnails, so that clients fetch the bytes directly instead of
 * through the API. With {@code image-service.storage.cloudfront} configured the link is a
 * CloudFront signed URL (custom policy for exactly that object, SHA-256, expiring after {@code
 * thumbnail-url-ttl}); CloudFront refuses the {@code /thumbnails/*} path without a valid signature,
 * so a leaked key or bucket name alone reveals nothing. Otherwise (local, tests) it is a presigned
 * S3 URL with the same lifetime. Thread-safe.
 */
@Component
public final class ThumbnailLinks {

  /** The distribution's path prefix of the thumbnails behaviour (stripped before S3). */
  public static final String CLOUDFRONT_PREFIX = "/thumbnails/";

  private final S3Presigner presigner;
  private final StorageProperties properties;
  private final Clock clock;
  private final @Nullable PrivateKey signingKey;
  private final CloudFrontUtilities cloudFront = CloudFrontUtilities.create();

  ThumbnailLinks(S3Presigner presigner, StorageProperties properties, Clock clock) {
    this.presigner = presigner;
    this.properties = properties;
    this.clock = clock;
    this.signingKey = properties.cloudfront() == null ? null : readKey(properties.cloudfront());
  }

  public URI linkTo(Thumbnail thumbnail) {
    StorageProperties.CloudFrontSigning signing = properties.cloudfront();
    if (signing != null && signingKey != null) {
      return signed(signing, signingKey, thumbnail.key());
    }
    return URI.create(
        presigner
            .presignGetObject(
                request ->
                    request
                        .signatureDuration(properties.thumbnailUrlTtl())
                        .getObjectRequest(
                            get -> get.bucket(thumbnail.bucket()).key(thumbnail.key())))
            .url()
            .toString());
  }

  private URI signed(StorageProperties.CloudFrontSigning signing, PrivateKey key, String s3Key) {
    String url =
        "https://"
            + signing.domain()
            + CLOUDFRONT_PREFIX
            + SdkHttpUtils.urlEncodeIgnoreSlashes(s3Key);
    Instant expires = clock.instant().plus(properties.thumbnailUrlTtl());
    return URI.create(
        cloudFront
            .getSignedUrlWithCustomPolicy(
                CustomSignerRequest.builder()
                    .resourceUrl(url)
                    .privateKey(key)
                    .keyPairId(signing.keyPairId())
                    .expirationDate(expires)
                    .hashAlgorithm(SigningHashAlgorithm.SHA256)
                    .build())
            .url());
  }

  // The SDK's own PEM reader (PKCS#8 and PKCS#1); a missing or malformed key stops the start.
  private static PrivateKey readKey(StorageProperties.CloudFrontSigning signing) {
    try {
      // The builder insists on a complete request; only the parsed key is kept.
      return CustomSignerRequest.builder()
          .privateKey(signing.privateKeyFile())
          .resourceUrl("https://" + signing.domain() + CLOUDFRONT_PREFIX)
          .keyPairId(signing.keyPairId())
          .expirationDate(Instant.EPOCH)
          .build()
          .privateKey();
    } catch (Exception e) {
      throw new IllegalStateException(
          "image-service.storage.cloudfront.private-key-file: cannot read a private key from "
              + signing.privateKeyFile(),
          e);
    }
  }
}
