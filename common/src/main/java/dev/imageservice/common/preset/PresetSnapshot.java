package dev.imageservice.common.preset;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A preset definition as resolved for one job (or one backfill), with the version it had then. The
 * API records these with the job and in its {@code ImageUploaded} event; the worker renders them,
 * so it needs to know no preset by name. Flat and immutable, so its JSON (in the event and in the
 * {@code jobs.preset_definitions} column) stays plain.
 *
 * @param version the preset's version when resolved; configured defaults are {@value
 *     #DEFAULT_VERSION}, a tenant's change increments it
 */
public record PresetSnapshot(
    String name,
    int width,
    int height,
    PresetFit fit,
    @Nullable PresetFormat format,
    int quality,
    int version) {

  /** The version of a configured preset no tenant has changed. */
  public static final int DEFAULT_VERSION = 1;

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final TypeReference<List<PresetSnapshot>> LIST = new TypeReference<>() {};

  public PresetSnapshot {
    // Validates exactly as a configured preset is validated (name, sides, fit, quality).
    PresetDefinition checked = new PresetDefinition(name, width, height, fit, format, quality);
    fit = checked.fit();
    quality = checked.quality();
    if (version < 1) {
      throw new IllegalArgumentException("preset " + name + ": version starts at 1");
    }
  }

  public static PresetSnapshot of(PresetDefinition definition, int version) {
    return new PresetSnapshot(
        definition.name(),
        definition.width(),
        definition.height(),
        definition.fit(),
        definition.format(),
        definition.quality(),
        version);
  }

  /** The definition, without its version. */
  public PresetDefinition definition() {
    return new PresetDefinition(name, width, height, fit, format, quality);
  }

  /** JSON of a list of snapshots, as stored in the database. */
  public static String toJson(List<PresetSnapshot> snapshots) {
    return JSON.writeValueAsString(snapshots);
  }

  /** Snapshots from {@link #toJson}; an unreadable value is a bug, so it throws. */
  public static List<PresetSnapshot> listFromJson(String json) {
    try {
      return List.copyOf(JSON.readValue(json, LIST));
    } catch (JacksonException e) {
      throw new IllegalStateException("stored preset definitions unreadable", e);
    }
  }

  /** One snapshot from JSON (a backfill's definition). */
  public static PresetSnapshot fromJson(String json) {
    try {
      return JSON.readValue(json, PresetSnapshot.class);
    } catch (JacksonException e) {
      throw new IllegalStateException("stored preset definition unreadable", e);
    }
  }

  /** JSON of one snapshot. */
  public String toJson() {
    return JSON.writeValueAsString(this);
  }
}
