package dev.imageservice.api.preset;

import dev.imageservice.common.preset.PresetSnapshot;

/**
 * One of a tenant's presets as it applies now.
 *
 * @param definition what renders, with its version
 * @param source {@code default} (configured, unchanged), {@code override} (the tenant's definition
 *     of a configured name) or {@code tenant} (a name only this tenant has)
 */
public record TenantPreset(PresetSnapshot definition, String source) {

  static final String DEFAULT = "default";
  static final String OVERRIDE = "override";
  static final String TENANT = "tenant";

  boolean tenantDefined() {
    return !DEFAULT.equals(source);
  }
}
