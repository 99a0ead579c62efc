package dev.imageservice.api.preset;

import dev.imageservice.common.preset.PresetFit;
import dev.imageservice.common.preset.PresetFormat;
import dev.imageservice.common.preset.PresetSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Jdbi access to {@code tenant_presets}: a tenant's own presets and overrides. Rows are never
 * deleted; a removed preset is an inactive row that keeps counting versions. Takes the caller's
 * {@link Handle}. Stateless and thread-safe.
 */
@Component
class TenantPresetRepository {

  /**
   * A row: the preset's current definition ({@code null} when removed) and its version.
   *
   * @param definition null when the tenant removed it
   */
  record Row(String name, @Nullable PresetSnapshot definition, int version) {}

  /** Serialises a tenant's preset changes (count limit, version increments) until commit. */
  void lockTenant(Handle handle, String tenantId) {
    handle
        .createQuery(
            "select 1 from (select pg_advisory_xact_lock(hashtext('tenant_presets:' || :tenant)))"
                + " locked")
        .bind("tenant", tenantId)
        .mapTo(Integer.class)
        .one();
  }

  List<Row> rows(Handle handle, String tenantId) {
    return handle
        .createQuery(
            """
            select name, active, width, height, fit, format, quality, version
            from tenant_presets where tenant_id = :tenant order by name
            """)
        .bind("tenant", tenantId)
        .map(
            (rs, ctx) -> {
              String name = rs.getString("name");
              int version = rs.getInt("version");
              String format = rs.getString("format");
              PresetSnapshot definition =
                  rs.getBoolean("active")
                      ? new PresetSnapshot(
                          name,
                          rs.getInt("width"),
                          rs.getInt("height"),
                          PresetFit.valueOf(rs.getString("fit")),
                          format == null ? null : PresetFormat.valueOf(format),
                          rs.getInt("quality"),
                          version)
                      : null;
              return new Row(name, definition, version);
            })
        .list();
  }

  /** Writes the definition as the tenant's current one, at its (already incremented) version. */
  void save(Handle handle, String tenantId, PresetSnapshot definition, Instant now) {
    PresetFormat format = definition.format();
    handle
        .createUpdate(
            """
            insert into tenant_presets (tenant_id, name, active, width, height, fit, format,
                quality, version, updated_at)
            values (:tenant, :name, true, :width, :height, :fit, :format, :quality, :version, :now)
            on conflict (tenant_id, name) do update set active = true, width = excluded.width,
                height = excluded.height, fit = excluded.fit, format = excluded.format,
                quality = excluded.quality, version = excluded.version,
                updated_at = excluded.updated_at
            """)
        .bind("tenant", tenantId)
        .bind("name", definition.name())
        .bind("width", definition.width())
        .bind("height", definition.height())
        .bind("fit", definition.fit().name())
        .bind("format", format == null ? null : format.name())
        .bind("quality", definition.quality())
        .bind("version", definition.version())
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .execute();
  }

  /** Marks the row removed at the given (incremented) version. */
  void remove(Handle handle, String tenantId, String name, int version, Instant now) {
    handle
        .createUpdate(
            """
            update tenant_presets set active = false, width = null, height = null, fit = null,
                format = null, quality = null, version = :version, updated_at = :now
            where tenant_id = :tenant and name = :name
            """)
        .bind("tenant", tenantId)
        .bind("name", name.toLowerCase(Locale.ROOT))
        .bind("version", version)
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .execute();
  }
}
