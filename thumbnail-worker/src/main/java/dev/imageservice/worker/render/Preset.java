package dev.imageservice.worker.render;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thumbnail to render: a named box, how to fit the source into it, and the encoding.
 *
 * @param name stable name, part of the storage key
 * @param width box width in pixels of the oriented (post-EXIF) picture
 * @param height box height in pixels
 * @param mode {@link FitMode#FIT} or {@link FitMode#COVER}
 * @param format the encoding, or {@code null} for automatic: JPEG for opaque sources, PNG where the
 *     source has transparency
 * @param quality JPEG quality in (0, 1]; {@code 0} (unset) means {@link #DEFAULT_QUALITY}
 */
public record Preset(
    @NotBlank String name,
    @Positive int width,
    @Positive int height,
    @NotNull FitMode mode,
    @Nullable OutputFormat format,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") float quality) {

  /** JPEG quality used when a preset does not name one. */
  public static final float DEFAULT_QUALITY = 0.85f;

  public Preset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("preset " + name + ": box must be positive");
    }
    if (quality == 0f) {
      quality = DEFAULT_QUALITY;
    }
  }

  /** A preset with automatic format and default quality. */
  public static Preset of(String name, int width, int height, FitMode mode) {
    return new Preset(name, width, height, mode, null, DEFAULT_QUALITY);
  }
}
