package dev.imageservice.worker.storage;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.resilience.DependencyGuard;
import dev.imageservice.worker.render.ImageRejectedException;
import dev.imageservice.worker.system.TransientFailureException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads an original from S3 for a render, never through the heap: into native memory when S3
 * announces at most {@code image-service.storage.in-memory-original-limit} bytes, else into a spool
 * file. The read is guarded by the S3 retry and circuit breaker. Thread-safe.
 */
@Component
public class OriginalFetcher {

  /** The names of the spool files, as {@link SpoolSweep} finds those left behind. */
  static final String SPOOL_FILES = "original-*.bin";

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
   * The original, which the caller closes on the thread that fetched it.
   *
   * @throws ImageRejectedException when the object does not exist (it never will)
   * @throws TransientFailureException when S3 is unreachable or failing
   */
  public Original fetch(String bucket, String key) {
    try {
      return guard.call(
          () -> {
            ResponseBytes read = new ResponseBytes();
            Original original;
            try {
              original =
                  s3.getObject(
                      request -> request.bucket(bucket).key(key),
                      (response, in) -> read.keep(response, in, key));
            } catch (RuntimeException e) {
              read.discard();
              throw e;
            }
            checkLength(original, read.announced);
            return original;
          });
    } catch (NoSuchKeyException e) {
      throw new ImageRejectedException(
          FailureCode.ORIGINAL_MISSING, "The original image is no longer stored", e);
    } catch (SdkException | CallNotPermittedException e) {
      // Unreachable, failing, or the circuit open: the message comes back later.
      throw new TransientFailureException("reading the original from S3 failed", e);
    }
  }

  /** Where one attempt's bytes go, chosen from the length S3 announces. */
  private final class ResponseBytes {

    private @Nullable Long announced;
    private @Nullable Original kept;

    Original keep(GetObjectResponse response, InputStream in, String key) throws IOException {
      announced = response.contentLength();
      long limit = properties.inMemoryOriginalLimit().toBytes();
      kept =
          announced != null && announced <= limit
              ? Original.inMemory(in, announced, key)
              : Original.spooled(in, newSpoolFile());
      return kept;
    }

    /** Frees what an attempt kept when the SDK failed after the bytes were read. */
    void discard() {
      if (kept != null) {
        kept.close();
      }
    }
  }

  /**
   * The SDK's CRC32 validation of the GET is off ({@link S3ChecksumConfig}): an original shorter
   * than the object (or, spooled, longer) is refused here, and the guard's retry reads it again. In
   * memory no more than the announced length is read.
   */
  private static void checkLength(Original original, @Nullable Long expected) {
    if (expected != null && original.size() != expected) {
      original.close();
      throw SdkClientException.create(
          "the original read " + original.size() + " bytes where S3 announced " + expected);
    }
  }

  private Path newSpoolFile() throws IOException {
    Path dir = properties.spoolDirectory();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "original-", ".bin");
  }
}
