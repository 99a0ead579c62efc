package dev.imageservice.api.storage;

import java.nio.file.Path;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Writes uploaded originals to the images bucket. Thread-safe. */
@Component
public class OriginalStore {

  private final S3Client s3;
  private final StorageProperties properties;

  OriginalStore(S3Client s3, StorageProperties properties) {
    this.s3 = s3;
    this.properties = properties;
  }

  public String bucket() {
    return properties.imagesBucket();
  }

  /** The key of a job's original: derived from tenant and job, so it can never collide. */
  public static String keyOf(String tenantId, UUID jobId) {
    return tenantId + "/" + jobId + "/original";
  }

  public void store(String key, Path file, String contentType) {
    s3.putObject(
        request -> request.bucket(properties.imagesBucket()).key(key).contentType(contentType),
        RequestBody.fromFile(file));
  }

  /** Removes an original whose job was never recorded (a lost idempotency race). */
  public void delete(String key) {
    s3.deleteObject(request -> request.bucket(properties.imagesBucket()).key(key));
  }
}
