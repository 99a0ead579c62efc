package dev.imageservice.api.upload;

import dev.imageservice.api.preset.TenantPresets;
import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.preset.ImagingProperties;
import dev.imageservice.common.preset.PresetSnapshot;
import dev.imageservice.common.problem.ProblemType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns the {@code presets=a,b} query into a checked list of presets: any of the tenant's ({@link
 * TenantPresets}), resolved to the definitions and versions the job records and the worker renders;
 * without the query, the configured ones ({@code image-service.presets}, as the tenant may have
 * overridden them).
 */
@Component
public class PresetSelection {

  private final List<String> known;
  private final TenantPresets tenantPresets;

  PresetSelection(ImagingProperties shared, TenantPresets tenantPresets) {
    this.known = shared.presetNames();
    this.tenantPresets = tenantPresets;
  }

  /** The tenant's presets the query names (the configured ones when it names none), resolved. */
  public List<PresetSnapshot> resolve(String tenantId, @Nullable String presetsParam) {
    Map<String, PresetSnapshot> available = tenantPresets.definitions(tenantId);
    List<String> requested =
        presetsParam == null || presetsParam.isBlank() ? known : names(presetsParam);
    List<String> unknown = requested.stream().filter(p -> !available.containsKey(p)).toList();
    if (requested.isEmpty() || !unknown.isEmpty()) {
      throw new ProblemException(
          ProblemType.MALFORMED_REQUEST,
          "Unknown preset(s) " + unknown + "; known presets are " + available.keySet());
    }
    return requested.stream().map(available::get).toList();
  }

  private static List<String> names(String presetsParam) {
    return List.copyOf(
        new LinkedHashSet<>(
            Arrays.stream(presetsParam.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList()));
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
