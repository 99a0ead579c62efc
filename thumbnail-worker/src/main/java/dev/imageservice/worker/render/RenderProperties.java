package dev.imageservice.worker.render;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The renderer's settings, bound from {@code image-service.render.*}. Every default lives in the
 * compact constructor, so {@code new RenderProperties(null, 0, 0, 0)} is the production default.
 *
 * @param presets the presets jobs may ask for; default {@code small} (fit 256x256), {@code medium}
 *     (fit 1024x1024) and {@code square} (cover 256x256)
 * @param maxPixels largest width x height accepted, checked from the header before decoding
 * @param maxFrames most frames (pages) accepted; only the first is rendered
 * @param maxBytes largest file accepted
 */
@ConfigurationProperties("image-service.render")
@Validated
public record RenderProperties(
    @NotEmpty List<@Valid Preset> presets,
    @Positive long maxPixels,
    @Positive int maxFrames,
    @Positive long maxBytes) {

  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
  // Only the first frame is decoded, so frames cost only the header scan; 1000 keeps that scan
  // short while admitting any reasonable animation.
  public static final int DEFAULT_MAX_FRAMES = 1000;
  public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
  public static final List<Preset> DEFAULT_PRESETS =
      List.of(
          Preset.of("small", 256, 256, FitMode.FIT),
          Preset.of("medium", 1024, 1024, FitMode.FIT),
          Preset.of("square", 256, 256, FitMode.COVER));

  // Unset values arrive as null or 0 (from Spring binding or from callers); both mean "default".
  public RenderProperties {
    presets = presets == null || presets.isEmpty() ? DEFAULT_PRESETS : List.copyOf(presets);
    maxPixels = maxPixels == 0 ? DEFAULT_MAX_PIXELS : maxPixels;
    maxFrames = maxFrames == 0 ? DEFAULT_MAX_FRAMES : maxFrames;
    maxBytes = maxBytes == 0 ? DEFAULT_MAX_BYTES : maxBytes;
  }

  /** The production defaults. */
  public static RenderProperties defaults() {
    return new RenderProperties(null, 0, 0, 0);
  }
}
