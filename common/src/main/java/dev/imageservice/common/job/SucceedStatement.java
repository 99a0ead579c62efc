package dev.imageservice.common.job;

import dev.imageservice.common.event.ImageEvent;
import dev.imageservice.common.outbox.OutboxRepository;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * {@link JobTransition#SUCCEED} as one SQL statement: the fenced status update with what the render
 * learnt about the original, the job's thumbnail rows marked with the versions of the definitions
 * recorded with it, and the outbox row announcing it. Every write is gated on the fenced update, so
 * when the claim was lost nothing at all is written. Run in autocommit it is atomic on its own: one
 * round trip per job where an update, a delete, an upsert batch, a version update, an outbox insert
 * and a commit took six. Used only by {@link JobLifecycle}. Stateless apart from the outbox;
 * thread-safe.
 */
final class SucceedStatement {

  // The parts of one statement share its snapshot and none sees what another writes, and one
  // statement must not write a row twice. So the renditions are not deleted and inserted again, as
  // separate statements did: the rows of the job whose key (preset, content type) is not rendered
  // now are deleted (a rendition that changed format leaves no stale row) and the rendered ones are
  // upserted, which touches disjoint rows with the same result. Each rendition carries the version
  // of its preset's recorded definition, read from the update's own row; presets recorded without
  // one get the column's default (1), as a fresh insert did.
  private static final String SQL =
      """
      with moved as (
        update jobs set status = 'SUCCEEDED', lease_until = null, error_code = null,
            error_message = null, updated_at = :now, completed_at = :now,
            original_width = :width, original_height = :height,
            thumbhash = coalesce(:thumbhash, thumbhash)
      """
          + TransitionStatements.FENCE
          + """
        returning job_id, preset_definitions
      ),
      rendered as (
        select m.job_id, r.*,
            coalesce((select cast(d ->> 'version' as integer)
                      from jsonb_array_elements(m.preset_definitions) d
                      where d ->> 'name' = r.preset limit 1), 1) as preset_version
        from moved m,
            unnest(cast(:presets as text[]), cast(:buckets as text[]), cast(:keys as text[]),
                cast(:widths as integer[]), cast(:heights as integer[]),
                cast(:contentTypes as text[]), cast(:bytes as bigint[]),
                cast(:alternates as boolean[]))
            as r(preset, bucket, object_key, width, height, content_type, bytes, alternate)
      ),
      stale as (
        delete from thumbnails t using moved m
        where t.job_id = m.job_id
          and not exists (select 1 from rendered r
                          where r.preset = t.preset and r.content_type = t.content_type)
      ),
      stored as (
        insert into thumbnails (job_id, preset, bucket, object_key, width, height, content_type,
            bytes, alternate, preset_version)
        select job_id, preset, bucket, object_key, width, height, content_type, bytes, alternate,
            preset_version
        from rendered
        on conflict (job_id, preset, content_type) do update set bucket = excluded.bucket,
            object_key = excluded.object_key, width = excluded.width, height = excluded.height,
            bytes = excluded.bytes, alternate = excluded.alternate,
            preset_version = excluded.preset_version
      )
      """
          + OutboxRepository.insertOncePerRowOf("moved");

  private final OutboxRepository outbox;

  SucceedStatement(OutboxRepository outbox) {
    this.outbox = outbox;
  }

  /**
   * Records the success and its announcement, or, when the claim was lost, nothing.
   *
   * @param thumbhash the job's ThumbHash (base64); null keeps the column
   * @return false when the claim was lost
   */
  boolean execute(
      Handle handle,
      Claim claim,
      Instant now,
      int width,
      int height,
      @Nullable String thumbhash,
      List<Thumbnail> stored,
      ImageEvent announcement) {
    Collection<Thumbnail> rows = lastOfEachKey(stored);
    return outbox
            .bindRow(handle.createUpdate(SQL), announcement, now)
            .bind("jobId", claim.jobId())
            .bind("token", claim.token())
            .bind("from", JobTransition.SUCCEED.fromNames())
            .bind("now", now.atOffset(ZoneOffset.UTC))
            .bind("width", width)
            .bind("height", height)
            .bind("thumbhash", thumbhash)
            .bind("presets", column(rows, Thumbnail::preset, String[]::new))
            .bind("buckets", column(rows, Thumbnail::bucket, String[]::new))
            .bind("keys", column(rows, Thumbnail::key, String[]::new))
            .bind("widths", column(rows, Thumbnail::width, Integer[]::new))
            .bind("heights", column(rows, Thumbnail::height, Integer[]::new))
            .bind("contentTypes", column(rows, Thumbnail::contentType, String[]::new))
            .bind("bytes", column(rows, Thumbnail::bytes, Long[]::new))
            .bind("alternates", column(rows, Thumbnail::alternate, Boolean[]::new))
            .execute()
        == 1;
  }

  // One upsert may not write a row twice; upserts one after another let the last of a key win.
  private static Collection<Thumbnail> lastOfEachKey(List<Thumbnail> stored) {
    Map<List<String>, Thumbnail> byKey = new LinkedHashMap<>();
    stored.forEach(t -> byKey.put(List.of(t.preset(), t.contentType()), t));
    return byKey.values();
  }

  private static <T> T[] column(
      Collection<Thumbnail> rows, Function<Thumbnail, T> value, IntFunction<T[]> array) {
    return rows.stream().map(value).toArray(array);
  }
}
