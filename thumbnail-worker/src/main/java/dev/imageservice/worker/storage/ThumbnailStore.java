package dev.imageservice.worker.storage;

import dev.imageservice.common.job.Thumbnail;
import dev.imageservice.common.resilience.DependencyGuard;
import dev.imageservice.worker.render.RenderedThumbnail;
import dev.imageservice.worker.system.TransientFailureException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes thumbnails at deterministic keys ({@code tenant/job/preset.ext}; a preset's extra formats
 * differ from its own, so each rendition has its own key): rendering a job again overwrites its
 * objects instead of adding new ones. Each object carries {@code Cache-Control: private,
 * max-age=...} no longer than the link lifetime (never {@code public}/{@code immutable}: a
 * thumbnail must stop being served once its signed link has expired). Writes are guarded by the S3
 * retry and circuit breaker. Thread-safe.
 */
@Component
public class ThumbnailStore {

  private final S3Client s3;
  private final WorkerStorageProperties properties;
  private final DependencyGuard guard;

  ThumbnailStore(
      S3Client s3,
      WorkerStorageProperties properties,
      @Qualifier(DependencyGuard.S3) DependencyGuard guard) {
    this.s3 = s3;
    this.properties = properties;
    this.guard = guard;
  }

  public static String keyOf(String tenantId, UUID jobId, String preset, String extension) {
    return tenantId + "/" + jobId + "/" + preset + "." + extension;
  }

  /**
   * @throws TransientFailureException when S3 is unreachable or failing
   */
  public Thumbnail store(String tenantId, UUID jobId, RenderedThumbnail rendered) {
    String key = keyOf(tenantId, jobId, rendered.preset(), rendered.format().extension());
    String contentType = rendered.format().contentType();
    try {
      guard.call(
          () ->
              s3.putObject(
                  request ->
                      request
                          .bucket(properties.thumbnailsBucket())
                          .key(key)
                          .contentType(contentType)
                          .cacheControl(properties.thumbnailCacheControl()),
                  // The encoded bytes as they are: fromBytes would copy them first. Nothing
                  // changes them (RenderedThumbnail's bytes are written once, by the encoder).
                  RequestBody.fromContentProvider(
                      ContentStreamProvider.fromByteArrayUnsafe(rendered.bytes()),
                      rendered.bytes().length,
                      contentType)));
    } catch (SdkException | CallNotPermittedException e) {
      throw new TransientFailureException("writing thumbnail " + key + " failed", e);
    }
    return new Thumbnail(
        rendered.preset(),
        properties.thumbnailsBucket(),
        key,
        rendered.width(),
        rendered.height(),
        contentType,
        rendered.bytes().length,
        rendered.alternate());
  }

  /**
   * Removes a thumbnail this worker wrote for a job deleted meanwhile. Deleting a missing object
   * succeeds.
   *
   * @throws TransientFailureException when S3 is unreachable or failing
   */
  public void delete(Thumbnail thumbnail) {
    try {
      guard.run(() -> s3.deleteObject(r -> r.bucket(thumbnail.bucket()).key(thumbnail.key())));
    } catch (SdkException | CallNotPermittedException e) {
      throw new TransientFailureException("deleting thumbnail " + thumbnail.key() + " failed", e);
    }
  }
}
