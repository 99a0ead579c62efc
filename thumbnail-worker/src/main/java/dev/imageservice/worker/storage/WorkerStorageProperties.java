package dev.imageservice.worker.storage;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the worker reads and writes.
 *
 * @param thumbnailsBucket bucket the thumbnails are written to
 * @param spoolDirectory where originals over {@code in-memory-original-limit} are spooled while
 *     rendering (the image-cache volume in Kubernetes; default {@code image-service-originals} in
 *     the JVM's temp directory). Spool files that a killed worker left there are deleted once they
 *     are an hour old (or twice the longest render's time limit, if that is longer).
 * @param thumbnailCacheMaxAge how long a browser may keep a thumbnail: written as {@code
 *     Cache-Control: private, max-age=<seconds>} on every object (default 15 minutes, the API's
 *     default {@code thumbnail-url-ttl}). Keep it at most the link lifetime, so that a revoked link
 *     is not served from a cache for longer than it was valid; {@code private} keeps shared caches
 *     other than our own signature-checking CloudFront from storing it.
 * @param inMemoryOriginalLimit originals of at most this many bytes are read into native memory and
 *     rendered from there; larger ones go to a spool file in {@code spool-directory} (default 16MB,
 *     at most 256MB; 0 spools every original). Each render in flight may hold this much outside the
 *     heap besides the decoder's own memory.
 */
@Validated
@ConfigurationProperties("image-service.storage")
public record WorkerStorageProperties(
    @NotBlank String thumbnailsBucket,
    @NotNull Path spoolDirectory,
    @NotNull Duration thumbnailCacheMaxAge,
    @NotNull DataSize inMemoryOriginalLimit) {

  /** The longest max-age accepted: a day, far beyond any link lifetime we would issue. */
  static final Duration MAX_CACHE_AGE = Duration.ofDays(1);

  /**
   * The largest original read into memory: beyond the API's upload limit (50MB by default), and
   * small enough that a worker's renders in flight cannot take its memory by their originals alone.
   */
  static final DataSize MAX_IN_MEMORY_ORIGINAL = DataSize.ofMegabytes(256);

  public WorkerStorageProperties {
    if (thumbnailCacheMaxAge == null) {
      thumbnailCacheMaxAge = Duration.ofMinutes(15);
    }
    if (thumbnailCacheMaxAge.isNegative() || thumbnailCacheMaxAge.compareTo(MAX_CACHE_AGE) > 0) {
      throw new IllegalArgumentException(
          "image-service.storage.thumbnail-cache-max-age must be between 0 and "
              + MAX_CACHE_AGE
              + ", was "
              + thumbnailCacheMaxAge);
    }
    if (spoolDirectory == null) {
      // A folder of our own, not the temp directory itself: the sweep of files left behind by a
      // killed worker must never touch another program's files.
      spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"), "image-service-originals");
    }
    if (inMemoryOriginalLimit == null) {
      inMemoryOriginalLimit = DataSize.ofMegabytes(16);
    }
    if (inMemoryOriginalLimit.isNegative()
        || inMemoryOriginalLimit.compareTo(MAX_IN_MEMORY_ORIGINAL) > 0) {
      throw new IllegalArgumentException(
          "image-service.storage.in-memory-original-limit must be between 0 and "
              + MAX_IN_MEMORY_ORIGINAL
              + ", was "
              + inMemoryOriginalLimit);
    }
  }

  /** The {@code Cache-Control} value written on every thumbnail object. */
  public String thumbnailCacheControl() {
    return "private, max-age=" + thumbnailCacheMaxAge.toSeconds();
  }
}
