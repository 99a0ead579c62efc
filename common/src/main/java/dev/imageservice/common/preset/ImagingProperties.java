package dev.imageservice.common.preset;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The one definition of presets and image limits both services read, bound from {@code
 * image-service.presets} and {@code image-service.limits}: the API accepts exactly the presets the
 * worker renders, and refuses at upload exactly what the worker would refuse by size. Defaults live
 * here, in the compact constructors.
 *
 * @param presets the presets jobs may ask for (all of them when a job names none); default {@code
 *     small} (contain 256x256), {@code medium} (contain 1024x1024) and {@code square} (cover
 *     256x256)
 * @param limits what an original may be
 */
@ConfigurationProperties("image-service")
public record ImagingProperties(@Nullable List<PresetDefinition> presets, @Nullable Limits limits) {

  public static final List<PresetDefinition> DEFAULT_PRESETS =
      List.of(
          PresetDefinition.of("small", 256, 256, PresetFit.CONTAIN),
          PresetDefinition.of("medium", 1024, 1024, PresetFit.CONTAIN),
          PresetDefinition.of("square", 256, 256, PresetFit.COVER));

  public ImagingProperties {
    presets = presets == null || presets.isEmpty() ? DEFAULT_PRESETS : List.copyOf(presets);
    limits = Objects.requireNonNullElseGet(limits, () -> new Limits(null, 0));
    Set<String> seen = new HashSet<>();
    for (PresetDefinition preset : presets) {
      if (!seen.add(preset.name())) {
        throw new IllegalArgumentException(
            "image-service.presets names '" + preset.name() + "' twice");
      }
    }
  }

  /** The production defaults. */
  public static ImagingProperties defaults() {
    return new ImagingProperties(null, null);
  }

  /** The preset with this name, if it is configured. */
  public Optional<PresetDefinition> preset(String name) {
    return presets().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The configured preset names, in configuration order. */
  public List<String> presetNames() {
    return presets().stream().map(PresetDefinition::name).toList();
  }

  @Override
  public List<PresetDefinition> presets() {
    return Objects.requireNonNull(presets);
  }

  @Override
  public Limits limits() {
    return Objects.requireNonNull(limits);
  }

  /**
   * Limits on an original, applied by the API (at upload, where it can) and by the worker.
   *
   * @param maxBytes largest original accepted (default 50MB); {@code image-service.upload.max-size}
   *     may be lower, never higher
   * @param maxPixels largest width x height accepted (default 50000000), checked from the header
   *     before decoding
   */
  public record Limits(@Nullable DataSize maxBytes, long maxPixels) {

    public static final DataSize DEFAULT_MAX_BYTES = DataSize.ofMegabytes(50);
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    public Limits {
      maxBytes = Objects.requireNonNullElse(maxBytes, DEFAULT_MAX_BYTES);
      maxPixels = maxPixels == 0 ? DEFAULT_MAX_PIXELS : maxPixels;
      if (maxBytes.toBytes() <= 0) {
        throw new IllegalArgumentException(
            "image-service.limits.max-bytes is a size (e.g. 50MB) and must be positive");
      }
      if (maxPixels < 0) {
        throw new IllegalArgumentException(
            "image-service.limits.max-pixels is width x height in pixels and must be positive");
      }
    }

    @Override
    public DataSize maxBytes() {
      return Objects.requireNonNull(maxBytes);
    }
  }
}
