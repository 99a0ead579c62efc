package dev.imageservice.worker.render;

import dev.imageservice.common.preset.PresetDefinition;
import dev.imageservice.common.preset.PresetFit;
import dev.imageservice.common.preset.PresetFormat;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * @param mode {@link FitMode#FIT}, {@link FitMode#COVER} or {@link FitMode#SMART}
 * @param format the encoding, or {@code null} for automatic: JPEG for opaque sources, WebP where
 *     the source has transparency (see {@link FormatChoice} for a machine without libwebp or
 *     libavif)
 * @param quality from 1 to 100 on libjpeg's scale; {@code 0} (unset) means {@link #DEFAULT_QUALITY}
 */
public record Preset(
    @NotBlank String name,
    @Positive int width,
    @Positive int height,
    @NotNull FitMode mode,
    @Nullable OutputFormat format,
    @Min(1) @Max(100) int quality) {

  /** JPEG quality used when a preset does not name one. */
  public static final int DEFAULT_QUALITY = PresetDefinition.DEFAULT_QUALITY;

  public Preset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("preset " + name + ": box must be positive");
    }
    if (quality == 0) {
      quality = DEFAULT_QUALITY;
    }
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException(
          "preset " + name + ": quality is 1 to 100, not " + quality);
    }
  }

  /** The renderer's view of a shared preset definition. */
  public static Preset from(PresetDefinition definition) {
    PresetFormat format = definition.format();
    PresetFit fit = Objects.requireNonNullElse(definition.fit(), PresetFit.CONTAIN);
    return new Preset(
        definition.name(),
        definition.width(),
        definition.height(),
        switch (fit) {
          case COVER -> FitMode.COVER;
          case SMART -> FitMode.SMART;
          case CONTAIN -> FitMode.FIT;
        },
        format == null || format == PresetFormat.AUTO ? null : OutputFormat.valueOf(format.name()),
        definition.quality());
  }

  /** ImageIO's compression quality, in (0, 1]. */
  public float imageIoQuality() {
    return quality / 100f;
  }

  /** A preset with automatic format and default quality. */
  public static Preset of(String name, int width, int height, FitMode mode) {
    return new Preset(name, width, height, mode, null, DEFAULT_QUALITY);
  }
}
