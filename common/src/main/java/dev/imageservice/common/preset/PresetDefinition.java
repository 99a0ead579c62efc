package dev.imageservice.common.preset;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One thumbnail both services agree on: the API accepts its name, the worker renders it. Checked
 * when built (so at start, while binding), with messages that name the unit and the range.
 *
 * @param name {@code [a-z0-9_-]{1,32}}, part of the storage key and of the API
 * @param width box width in pixels, 1 to {@value #MAX_SIDE}
 * @param height box height in pixels, 1 to {@value #MAX_SIDE}
 * @param fit {@code contain} (default), {@code cover}, or {@code smart} (cover with a
 *     saliency-chosen window)
 * @param format {@code jpeg}, {@code png}, {@code webp}, {@code avif}, or {@code auto} (the default
 *     when unset): JPEG for opaque images, WebP with alpha for transparent ones
 * @param quality 1 to 100 on libjpeg's scale, as in every image tool; WebP uses it as it is, AVIF
 *     as the same look; 0 (unset) means {@value #DEFAULT_QUALITY}
 */
public record PresetDefinition(
    String name,
    int width,
    int height,
    @Nullable PresetFit fit,
    @Nullable PresetFormat format,
    int quality) {

  public static final int MAX_SIDE = 4096;
  public static final int DEFAULT_QUALITY = 85;
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

  public PresetDefinition {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "preset name '" + name + "' must match [a-z0-9_-]{1,32} (it is part of storage keys)");
    }
    checkSide(name, "width", width);
    checkSide(name, "height", height);
    fit = Objects.requireNonNullElse(fit, PresetFit.CONTAIN);
    quality = quality == 0 ? DEFAULT_QUALITY : quality;
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException(
          "preset "
              + name
              + ": quality is a JPEG quality from 1 to 100 (85 is a good photo default), not "
              + quality);
    }
  }

  /** A preset with automatic format and the default quality. */
  public static PresetDefinition of(String name, int width, int height, PresetFit fit) {
    return new PresetDefinition(name, width, height, fit, null, DEFAULT_QUALITY);
  }

  private static void checkSide(String name, String side, int pixels) {
    if (pixels < 1 || pixels > MAX_SIDE) {
      throw new IllegalArgumentException(
          "preset "
              + name
              + ": "
              + side
              + " is in pixels, from 1 to "
              + MAX_SIDE
              + ", not "
              + pixels);
    }
  }
}
