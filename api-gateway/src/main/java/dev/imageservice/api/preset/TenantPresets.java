package dev.imageservice.api.preset;

import dev.imageservice.api.system.ProblemException;
import dev.imageservice.common.preset.ImagingProperties;
import dev.imageservice.common.preset.PresetDefinition;
import dev.imageservice.common.preset.PresetSnapshot;
import dev.imageservice.common.problem.ProblemType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Service;

/**
 * A tenant's presets: the configured defaults ({@code image-service.presets}, version 1) overlaid
 * by the tenant's own definitions and overrides. Every change increments the name's version,
 * removal too, so that a version names one definition for good. Changes of one tenant are
 * serialised (the preset count and versions are checked and written under one lock). Thread-safe.
 */
@Service
public class TenantPresets {

  /** Most presets a tenant may define or override. */
  public static final int MAX_PER_TENANT = 20;

  private final Jdbi jdbi;
  private final TenantPresetRepository rows;
  private final Map<String, PresetDefinition> defaults = new LinkedHashMap<>();
  private final Clock clock;

  TenantPresets(Jdbi jdbi, TenantPresetRepository rows, ImagingProperties shared, Clock clock) {
    this.jdbi = jdbi;
    this.rows = rows;
    this.clock = clock;
    shared.presets().forEach(p -> defaults.put(p.name(), p));
  }

  /** The outcome of a {@link #put}: the preset as stored and whether the name was new. */
  public record Saved(TenantPreset preset, boolean created) {}

  /** All presets of the tenant, defaults first in configuration order, then its own by name. */
  public List<TenantPreset> all(String tenantId) {
    return jdbi.withHandle(h -> List.copyOf(resolve(h, tenantId).values()));
  }

  public Optional<TenantPreset> find(String tenantId, String name) {
    return all(tenantId).stream().filter(p -> p.definition().name().equals(name)).findFirst();
  }

  /** The tenant's definitions by name, as they apply now. */
  public Map<String, PresetSnapshot> definitions(String tenantId) {
    Map<String, PresetSnapshot> byName = new LinkedHashMap<>();
    jdbi.withHandle(h -> resolve(h, tenantId))
        .forEach((name, preset) -> byName.put(name, preset.definition()));
    return byName;
  }

  /** The configured preset names (what an upload renders when it names none). */
  public List<String> defaultNames() {
    return List.copyOf(defaults.keySet());
  }

  /** Defines or replaces the tenant's preset; refuses past {@value #MAX_PER_TENANT}. */
  public Saved put(String tenantId, PresetDefinition definition) {
    return jdbi.inTransaction(
        h -> {
          rows.lockTenant(h, tenantId);
          Map<String, TenantPreset> current = resolve(h, tenantId);
          TenantPreset before = current.get(definition.name());
          long own = current.values().stream().filter(TenantPreset::tenantDefined).count();
          if ((before == null || !before.tenantDefined()) && own >= MAX_PER_TENANT) {
            throw new ProblemException(
                ProblemType.MALFORMED_REQUEST,
                "A tenant may define or override at most "
                    + MAX_PER_TENANT
                    + " presets; delete one first");
          }
          int version = lastVersion(h, tenantId, definition.name()) + 1;
          PresetSnapshot saved = PresetSnapshot.of(definition, version);
          rows.save(h, tenantId, saved, clock.instant());
          return new Saved(new TenantPreset(saved, sourceOf(definition.name())), before == null);
        });
  }

  /**
   * Removes the tenant's definition; a configured name falls back to its default (at a new
   * version).
   *
   * @return false when the tenant has no definition of that name
   */
  public boolean delete(String tenantId, String name) {
    return jdbi.inTransaction(
        h -> {
          rows.lockTenant(h, tenantId);
          TenantPreset current = resolve(h, tenantId).get(name);
          if (current == null || !current.tenantDefined()) {
            return false;
          }
          rows.remove(h, tenantId, name, current.definition().version() + 1, clock.instant());
          return true;
        });
  }

  /** The tenant's presets by name, as they apply now, read through the caller's handle. */
  public Map<String, TenantPreset> resolve(Handle handle, String tenantId) {
    Map<String, TenantPreset> resolved = new LinkedHashMap<>();
    defaults
        .values()
        .forEach(
            d ->
                resolved.put(
                    d.name(),
                    new TenantPreset(
                        PresetSnapshot.of(d, PresetSnapshot.DEFAULT_VERSION),
                        TenantPreset.DEFAULT)));
    for (TenantPresetRepository.Row row : rows.rows(handle, tenantId)) {
      PresetDefinition fallback = defaults.get(row.name());
      if (row.definition() != null) {
        resolved.put(row.name(), new TenantPreset(row.definition(), sourceOf(row.name())));
      } else if (fallback != null) {
        // Removed override: the default again, at the row's version (higher than any before).
        resolved.put(
            row.name(),
            new TenantPreset(PresetSnapshot.of(fallback, row.version()), TenantPreset.DEFAULT));
      } else {
        resolved.remove(row.name());
      }
    }
    return resolved;
  }

  private int lastVersion(Handle handle, String tenantId, String name) {
    return rows.rows(handle, tenantId).stream()
        .filter(r -> r.name().equals(name))
        .mapToInt(TenantPresetRepository.Row::version)
        .findFirst()
        .orElse(defaults.containsKey(name) ? PresetSnapshot.DEFAULT_VERSION : 0);
  }

  private String sourceOf(String name) {
    return defaults.containsKey(name) ? TenantPreset.OVERRIDE : TenantPreset.TENANT;
  }
}
