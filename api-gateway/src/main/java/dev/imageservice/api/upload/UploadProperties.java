package dev.imageservice.api.upload;

import dev.imageservice.common.format.StructureLimits;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Upload settings. The presets a job may ask for are the shared {@code image-service.presets}
 * ({@link dev.imageservice.common.preset.ImagingProperties}), which the worker renders.
 *
 * @param maxSize largest accepted original (default 50 MB); enforced while the body streams in; may
 *     not be above {@code image-service.limits.max-bytes}, which the worker applies ({@link
 *     UploadLimitsCheck})
 * @param spoolDirectory where uploads (raw bodies, and multipart bodies in its {@code multipart}
 *     folder) are spooled before they go to S3 (default: {@code image-service-spool} in the JVM's
 *     temp directory; in Kubernetes the image-cache volume), so large bodies never sit on the heap
 * @param maxScans most JPEG scans an upload may have (default {@value
 *     StructureLimits#DEFAULT_MAX_SCANS}, the worker's default); more is refused with 422 {@code
 *     too_many_scans} before a job exists
 * @param maxChunks most PNG ancillary chunks (default {@value
 *     StructureLimits#DEFAULT_MAX_ANCILLARY_CHUNKS}); more: 422 {@code too_many_chunks}
 * @param maxFrames most GIF frames or TIFF directories (default {@value
 *     StructureLimits#DEFAULT_MAX_FRAMES}); more: 422 {@code too_many_frames}
 */
@Validated
@ConfigurationProperties("image-service.upload")
public record UploadProperties(
    @NotNull DataSize maxSize,
    @Nullable Path spoolDirectory,
    int maxScans,
    int maxChunks,
    int maxFrames) {

  public UploadProperties {
    if (maxSize == null) {
      maxSize = DataSize.ofMegabytes(50);
    }
    if (maxSize.toBytes() <= 0) {
      throw new IllegalArgumentException("image-service.upload.max-size must be positive");
    }
  }

  /** The structure caps of the header pre-scan; unset (0) values are the shared defaults. */
  public StructureLimits structureLimits() {
    return new StructureLimits(maxScans, maxChunks, maxFrames);
  }
}
