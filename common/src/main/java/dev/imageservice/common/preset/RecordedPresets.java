package dev.imageservice.common.preset;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The preset definitions recorded with a job ({@code jobs.preset_definitions}) and the versions its
 * renditions were made with ({@code thumbnails.preset_version}). Takes the caller's {@link Handle},
 * so the writes join the caller's transaction. Stateless and thread-safe.
 */
public final class RecordedPresets {

  /** Records the definitions resolved for the job at upload. */
  public void record(Handle handle, UUID jobId, List<PresetSnapshot> definitions) {
    handle
        .createUpdate(
            "update jobs set preset_definitions = cast(:json as jsonb) where job_id = :jobId")
        .bind("json", PresetSnapshot.toJson(definitions))
        .bind("jobId", jobId)
        .execute();
  }

  /** The definitions recorded with the job; empty for jobs recorded before definitions were. */
  public List<PresetSnapshot> find(Handle handle, UUID jobId) {
    return handle
        .createQuery("select cast(preset_definitions as text) from jobs where job_id = :jobId")
        .bind("jobId", jobId)
        .mapTo(String.class)
        .findOne()
        .map(PresetSnapshot::listFromJson)
        .orElse(List.of());
  }

  /** Marks one rendition with the version it was made with. */
  public void markVersion(Handle handle, UUID jobId, String preset, int version) {
    handle
        .createUpdate(
            "update thumbnails set preset_version = :version"
                + " where job_id = :jobId and preset = :preset")
        .bind("version", version)
        .bind("jobId", jobId)
        .bind("preset", preset)
        .execute();
  }
}
