package dev.imageservice.api.upload;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Upload settings.
 *
 * @param maxSize largest accepted original (default 50 MB); enforced while the body streams in
 * @param spoolDirectory where uploads (raw bodies, and multipart bodies in its {@code multipart}
 *     folder) are spooled before they go to S3 (default: {@code image-service-spool} in the JVM's
 *     temp directory; in Kubernetes the image-cache volume), so large bodies never sit on the heap
 * @param presets the preset names a job may ask for; all of them when it asks for none
 */
@Validated
@ConfigurationProperties("image-service.upload")
public record UploadProperties(
    @NotNull DataSize maxSize, @Nullable Path spoolDirectory, @NotEmpty List<String> presets) {

  public UploadProperties {
    if (maxSize == null) {
      maxSize = DataSize.ofMegabytes(50);
    }
    if (maxSize.toBytes() <= 0) {
      throw new IllegalArgumentException("image-service.upload.max-size must be positive");
    }
    presets =
        presets == null || presets.isEmpty()
            ? List.of("small", "medium", "square")
            : List.copyOf(presets);
  }
}
