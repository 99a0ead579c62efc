package dev.imageservice.worker.storage;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.resilience.DependencyGuard;
import dev.imageservice.worker.render.ImageRejectedException;
import dev.imageservice.worker.system.TransientFailureException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Streams an original from S3 to a spool file, never through the heap. The read is guarded by the
 * S3 retry and circuit breaker. Thread-safe.
 */
@Component
public class OriginalFetcher {

  private final S3Client s3;
  private final WorkerStorageProperties properties;
  private final DependencyGuard guard;

  OriginalFetcher(
      S3Client s3,
      WorkerStorageProperties properties,
      @Qualifier(DependencyGuard.S3) DependencyGuard guard) {
    this.s3 = s3;
    this.properties = properties;
    this.guard = guard;
  }

  /**
   * The original in a new spool file, which the caller deletes.
   *
   * @throws ImageRejectedException when the object does not exist (it never will)
   * @throws TransientFailureException when S3 is unreachable or failing
   */
  public Path fetch(String bucket, String key) {
    Path file = newSpoolFile();
    try {
      guard.call(
          () -> {
            // A failed attempt may leave a partial file, and the SDK refuses to overwrite one.
            delete(file);
            GetObjectResponse response =
                s3.getObject(request -> request.bucket(bucket).key(key), file);
            checkLength(file, response.contentLength());
            return response;
          });
      return file;
    } catch (NoSuchKeyException e) {
      delete(file);
      throw new ImageRejectedException(
          FailureCode.ORIGINAL_MISSING, "The original image is no longer stored", e);
    } catch (SdkException | CallNotPermittedException e) {
      // Unreachable, failing, or the circuit open: the message comes back later.
      delete(file);
      throw new TransientFailureException("reading the original from S3 failed", e);
    }
  }

  /**
   * The SDK's CRC32 validation of the GET is off ({@link S3ChecksumConfig}): a spool file shorter
   * or longer than the object is refused here, and the guard's retry reads it again.
   */
  private static void checkLength(Path file, Long expected) {
    try {
      long actual = Files.size(file);
      if (expected != null && actual != expected) {
        throw SdkClientException.create(
            "the original read " + actual + " bytes where S3 announced " + expected);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool file's size", e);
    }
  }

  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover spool file is harmless; the render result matters more.
    }
  }

  private Path newSpoolFile() {
    try {
      Path dir = properties.spoolDirectory();
      Path file;
      if (dir != null) {
        Files.createDirectories(dir);
        file = Files.createTempFile(dir, "original-", ".bin");
      } else {
        file = Files.createTempFile("original-", ".bin");
      }
      // The SDK refuses to overwrite an existing file.
      Files.delete(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spool file", e);
    }
  }
}
