package dev.imageservice.api.storage;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.resilience.DependencyGuard;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.nio.file.Path;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes uploaded originals to the images bucket, through the S3 retry and circuit breaker: while
 * S3 is down an upload is refused with {@code 503} (at once, once the circuit is open) instead of
 * holding a request thread. Thread-safe.
 */
@Component
public class OriginalStore {

  private static final Logger log = LoggerFactory.getLogger(OriginalStore.class);

  private final S3Client s3;
  private final StorageProperties properties;
  private final DependencyGuard guard;

  OriginalStore(
      S3Client s3,
      StorageProperties properties,
      @Qualifier(DependencyGuard.S3) DependencyGuard guard) {
    this.s3 = s3;
    this.properties = properties;
    this.guard = guard;
  }

  public String bucket() {
    return properties.imagesBucket();
  }

  /** The key of a job's original: derived from tenant and job, so it can never collide. */
  public static String keyOf(String tenantId, UUID jobId) {
    return tenantId + "/" + jobId + "/original";
  }

  /**
   * @throws ProblemException {@code 503} with {@code Retry-After} when S3 cannot take the object
   */
  public void store(String key, Path file, String contentType) {
    try {
      // A file body is re-readable, so a retried put sends the same bytes again.
      guard.run(
          () ->
              s3.putObject(
                  request ->
                      request.bucket(properties.imagesBucket()).key(key).contentType(contentType),
                  RequestBody.fromFile(file)));
    } catch (CallNotPermittedException e) {
      throw ProblemException.unavailable("Image storage", e, guard.openStateWait());
    } catch (SdkException e) {
      throw ProblemException.unavailable("Image storage", e);
    }
  }

  /**
   * Removes an original whose job was never recorded (a lost idempotency race). Best effort: an
   * orphan left behind costs storage only, and the lifecycle rule expires it.
   */
  public void delete(String key) {
    try {
      s3.deleteObject(request -> request.bucket(properties.imagesBucket()).key(key));
    } catch (SdkException e) {
      log.warn("could not delete orphan original {}: {}", key, e.toString());
    }
  }
}
