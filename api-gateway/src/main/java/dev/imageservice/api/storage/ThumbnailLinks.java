package dev.imageservice.api.storage;

import dev.imageservice.common.job.Thumbnail;
import java.net.URI;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Signs short-lived GET links to thumbnails, so that clients fetch the bytes from S3 (or
 * CloudFront) directly instead of through the API. Thread-safe.
 */
@Component
public class ThumbnailLinks {

  private final S3Presigner presigner;
  private final StorageProperties properties;

  ThumbnailLinks(S3Presigner presigner, StorageProperties properties) {
    this.presigner = presigner;
    this.properties = properties;
  }

  public URI linkTo(Thumbnail thumbnail) {
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
}
