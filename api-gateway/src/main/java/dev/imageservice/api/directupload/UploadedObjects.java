package dev.imageservice.api.directupload;

import dev.imageservice.api.storage.StorageProperties;
import dev.imageservice.common.resilience.DependencyGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 side of a direct upload, in the images bucket, through the S3 guard (retry, circuit
 * breaker; an outage surfaces as {@code 503}): the object's size (HEAD), its first bytes (a ranged
 * GET, spooled to a temporary file for the sniffer), the server-side copy to the original's key and
 * the removal from the upload prefix. Thread-safe.
 */
@Component
class UploadedObjects {

  private static final Logger log = LoggerFactory.getLogger(UploadedObjects.class);

  private final S3Client s3;
  private final StorageProperties storage;
  private final DependencyGuard guard;

  UploadedObjects(
      S3Client s3,
      StorageProperties storage,
      @Qualifier(DependencyGuard.S3) DependencyGuard guard) {
    this.s3 = s3;
    this.storage = storage;
    this.guard = guard;
  }

  /** The object's size, or empty when nothing was uploaded (yet). */
  OptionalLong size(String key) {
    return guard.call(
        () -> {
          try {
            return OptionalLong.of(
                s3.headObject(r -> r.bucket(storage.imagesBucket()).key(key)).contentLength());
          } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
          } catch (S3Exception e) {
            if (e.statusCode() == 404) {
              return OptionalLong.empty();
            }
            throw e;
          }
        });
  }

  /** The first {@code bytes} bytes, in a temporary file the caller deletes. */
  Path head(String key, long bytes) {
    return guard.call(
        () -> {
          Path file = temporaryFile();
          try (InputStream in =
              s3.getObject(
                  r ->
                      r.bucket(storage.imagesBucket())
                          .key(key)
                          .range("bytes=0-" + (Math.max(1, bytes) - 1)))) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
          } catch (IOException e) {
            deleteQuietly(file);
            throw SdkException.builder().message("reading the upload failed").cause(e).build();
          } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
          }
        });
  }

  /** Server-side copy; the original is stored with the type its bytes were recognised as. */
  void copy(String from, String to, String contentType) {
    guard.run(
        () ->
            s3.copyObject(
                r ->
                    r.sourceBucket(storage.imagesBucket())
                        .sourceKey(from)
                        .destinationBucket(storage.imagesBucket())
                        .destinationKey(to)
                        .contentType(contentType)
                        .metadataDirective(MetadataDirective.REPLACE)));
  }

  /** Best effort: a stray left behind is removed by the bucket's lifecycle rule on the prefix. */
  void delete(String key) {
    try {
      s3.deleteObject(r -> r.bucket(storage.imagesBucket()).key(key));
    } catch (SdkException e) {
      log.warn("could not delete upload {}: {}", key, e.toString());
    }
  }

  private static Path temporaryFile() {
    try {
      return Files.createTempFile("direct-upload-", ".head");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("could not delete {}: {}", file, e.toString());
    }
  }
}
