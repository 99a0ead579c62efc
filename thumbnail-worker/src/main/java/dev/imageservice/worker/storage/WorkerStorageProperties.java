package dev.imageservice.worker.storage;

import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the worker reads and writes.
 *
 * @param thumbnailsBucket bucket the thumbnails are written to
 * @param spoolDirectory where originals are spooled while rendering (the image-cache volume in
 *     Kubernetes); default the JVM's temp directory
 */
@Validated
@ConfigurationProperties("image-service.storage")
public record WorkerStorageProperties(
    @NotBlank String thumbnailsBucket, @Nullable Path spoolDirectory) {}
