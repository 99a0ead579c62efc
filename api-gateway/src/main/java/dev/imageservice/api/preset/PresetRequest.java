package dev.imageservice.api.preset;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.preset.PresetDefinition;
import dev.imageservice.common.preset.PresetFit;
import dev.imageservice.common.preset.PresetFormat;
import dev.imageservice.common.problem.ProblemType;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /v1/presets/{name}}. Checked by {@link PresetDefinition}, the same rules a
 * configured preset follows, and refused with a 400 that names the field and the range.
 *
 * @param width box width in pixels, 1 to 4096
 * @param height box height in pixels, 1 to 4096
 * @param fit {@code contain} (default), {@code cover} or {@code smart}
 * @param format an output format ({@code jpeg}, {@code png}, ...) or {@code auto}/absent
 * @param quality 1 to 100; absent means 85
 */
public record PresetRequest(
    @Nullable Integer width,
    @Nullable Integer height,
    @Nullable String fit,
    @Nullable String format,
    @Nullable Integer quality) {

  PresetDefinition toDefinition(String name) {
    if (width == null || height == null) {
      throw invalid(
          "width and height are required (pixels, 1 to " + PresetDefinition.MAX_SIDE + ")");
    }
    try {
      return new PresetDefinition(
          name, width, height, parsedFit(), parsedFormat(), quality == null ? 0 : quality);
    } catch (IllegalArgumentException e) {
      // PresetDefinition's messages are written for users: they name the field and the range.
      throw invalid(e.getMessage());
    }
  }

  private @Nullable PresetFit parsedFit() {
    if (fit == null) {
      return null;
    }
    return switch (fit.toLowerCase(Locale.ROOT)) {
      case "contain" -> PresetFit.CONTAIN;
      case "cover" -> PresetFit.COVER;
      case "smart" -> PresetFit.SMART;
      default -> throw invalid("fit is contain, cover or smart, not '" + fit + "'");
    };
  }

  private @Nullable PresetFormat parsedFormat() {
    if (format == null || format.equalsIgnoreCase("auto")) {
      return null;
    }
    return Arrays.stream(PresetFormat.values())
        .filter(f -> f.name().equalsIgnoreCase(format))
        .findFirst()
        .orElseThrow(
            () ->
                invalid(
                    "format is auto or one of "
                        + Arrays.stream(PresetFormat.values())
                            .map(f -> f.name().toLowerCase(Locale.ROOT))
                            .toList()
                        + ", not '"
                        + format
                        + "'"));
  }

  static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.MALFORMED_REQUEST, detail);
  }
}
