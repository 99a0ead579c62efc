package dev.imageservice.api.upload;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.preset.ImagingProperties;
import dev.imageservice.common.problem.ProblemType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns the {@code presets=a,b} query into a checked list of configured preset names: those of the
 * definition the worker renders from ({@code image-service.presets}).
 */
@Component
public class PresetSelection {

  private final List<String> known;

  PresetSelection(ImagingProperties shared) {
    this.known = shared.presetNames();
  }

  public List<String> select(@Nullable String presetsParam) {
    if (presetsParam == null || presetsParam.isBlank()) {
      return known;
    }
    List<String> requested =
        List.copyOf(
            new LinkedHashSet<>(
                Arrays.stream(presetsParam.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList()));
    List<String> unknown = requested.stream().filter(p -> !known.contains(p)).toList();
    if (requested.isEmpty() || !unknown.isEmpty()) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST,
          "Unknown preset(s) " + unknown + "; known presets are " + known);
    }
    return requested;
  }
}
