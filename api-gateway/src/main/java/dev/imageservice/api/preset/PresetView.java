package dev.imageservice.api.preset;

import dev.imageservice.common.preset.PresetFormat;
import dev.imageservice.common.preset.PresetSnapshot;
import java.util.Locale;

/**
 * A preset as the API shows it.
 *
 * @param format the output format, or {@code auto}
 * @param version incremented on every change of this name for this tenant
 * @param source {@code default}, {@code override} or {@code tenant}
 */
public record PresetView(
    String name,
    int width,
    int height,
    String fit,
    String format,
    int quality,
    int version,
    String source) {

  static PresetView of(TenantPreset preset) {
    PresetSnapshot d = preset.definition();
    PresetFormat format = d.format();
    return new PresetView(
        d.name(),
        d.width(),
        d.height(),
        d.fit().name().toLowerCase(Locale.ROOT),
        format == null ? "auto" : format.name().toLowerCase(Locale.ROOT),
        d.quality(),
        d.version(),
        preset.source());
  }
}
