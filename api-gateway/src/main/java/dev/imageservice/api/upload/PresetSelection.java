package dev.imageservice.api.upload;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.problem.ProblemType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Turns the {@code presets=a,b} query into a checked list of configured preset names. */
@Component
class PresetSelection {

  private final UploadProperties properties;

  PresetSelection(UploadProperties properties) {
    this.properties = properties;
  }

  List<String> select(@Nullable String presetsParam) {
    if (presetsParam == null || presetsParam.isBlank()) {
      return properties.presets();
    }
    List<String> requested =
        List.copyOf(
            new LinkedHashSet<>(
                Arrays.stream(presetsParam.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList()));
    List<String> unknown =
        requested.stream().filter(p -> !properties.presets().contains(p)).toList();
    if (requested.isEmpty() || !unknown.isEmpty()) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST,
          "Unknown preset(s) " + unknown + "; known presets are " + properties.presets());
    }
    return requested;
  }
}
