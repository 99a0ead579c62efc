package dev.imageservice.common.backfill;

import dev.imageservice.common.job.Job;
import dev.imageservice.common.preset.PresetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The backfill tables as a queue: a backfill's items are the jobs to re-render; workers claim one
 * at a time with a conditional update that takes the next token (skipping rows another worker
 * locks), and record the outcome only while they still hold the token. A claim whose lease ended
 * (its worker stopped) is claimed again. Jobs are never touched. Takes the caller's {@link Handle};
 * stateless and thread-safe.
 */
public final class BackfillRepository {

  /** Reason recorded for an item whose job's original is no longer stored. */
  public static final String ORIGINAL_MISSING = "original_missing";

  /**
   * Starts the backfill of this preset version for the tenant, or answers the one already started
   * for it: one backfill per tenant, preset and version, so starting twice renders nothing twice.
   * Its items are the tenant's {@code SUCCEEDED} jobs without a rendition of that preset at that
   * version or later.
   */
  public UUID start(Handle handle, String tenantId, PresetSnapshot definition, Instant now) {
    UUID id = UUID.randomUUID();
    int inserted =
        handle
            .createUpdate(
                """
                insert into backfills (backfill_id, tenant_id, preset, preset_version, definition,
                    created_at)
                values (:id, :tenant, :preset, :version, cast(:definition as jsonb), :now)
                on conflict (tenant_id, preset, preset_version) do nothing
                """)
            .bind("id", id)
            .bind("tenant", tenantId)
            .bind("preset", definition.name())
            .bind("version", definition.version())
            .bind("definition", definition.toJson())
            .bind("now", utc(now))
            .execute();
    if (inserted == 0) {
      return handle
          .createQuery(
              """
              select backfill_id from backfills
              where tenant_id = :tenant and preset = :preset and preset_version = :version
              """)
          .bind("tenant", tenantId)
          .bind("preset", definition.name())
          .bind("version", definition.version())
          .mapTo(UUID.class)
          .one();
    }
    handle
        .createUpdate(
            """
            insert into backfill_items (backfill_id, job_id, state, updated_at)
            select :id, j.job_id, 'PENDING', :now from jobs j
            where j.tenant_id = :tenant and j.status = 'SUCCEEDED'
              and not exists (select 1 from thumbnails t where t.job_id = j.job_id
                              and t.preset = :preset and t.preset_version >= :version)
            """)
        .bind("id", id)
        .bind("tenant", tenantId)
        .bind("preset", definition.name())
        .bind("version", definition.version())
        .bind("now", utc(now))
        .execute();
    return id;
  }

  /** The tenant's backfill's progress; empty for another tenant's or an unknown one. */
  public Optional<BackfillProgress> progress(Handle handle, String tenantId, UUID id) {
    Map<String, Integer> reasons = new LinkedHashMap<>();
    handle
        .createQuery(
            """
            select reason, count(*) as n from backfill_items
            where backfill_id = :id and state = 'SKIPPED' group by reason order by reason
            """)
        .bind("id", id)
        .map((rs, ctx) -> reasons.put(rs.getString("reason"), rs.getInt("n")))
        .list();
    return handle
        .createQuery(
            """
            select b.backfill_id, b.preset, b.preset_version, b.created_at,
                count(i.job_id) as total,
                count(i.job_id) filter (where i.state in ('PENDING', 'CLAIMED')) as pending,
                count(i.job_id) filter (where i.state = 'DONE') as done,
                count(i.job_id) filter (where i.state = 'SKIPPED') as skipped
            from backfills b left join backfill_items i on i.backfill_id = b.backfill_id
            where b.backfill_id = :id and b.tenant_id = :tenant
            group by b.backfill_id
            """)
        .bind("id", id)
        .bind("tenant", tenantId)
        .map(
            (rs, ctx) ->
                new BackfillProgress(
                    rs.getObject("backfill_id", UUID.class),
                    rs.getString("preset"),
                    rs.getInt("preset_version"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getInt("total"),
                    rs.getInt("pending"),
                    rs.getInt("done"),
                    rs.getInt("skipped"),
                    reasons,
                    rs.getInt("pending") == 0))
        .findOne();
  }

  /** Claims the oldest open item (waiting, or claimed by a worker whose lease ended). */
  public Optional<BackfillItem> claimNext(Handle handle, Duration lease, Instant now) {
    return handle
        .createQuery(
            """
            update backfill_items i set state = 'CLAIMED', claim_token = i.claim_token + 1,
                attempts = i.attempts + 1, lease_until = :until, updated_at = :now
            from (select backfill_id, job_id from backfill_items
                  where state = 'PENDING' or (state = 'CLAIMED' and lease_until < :now)
                  order by updated_at limit 1 for update skip locked) next,
                 backfills b, jobs j
            where i.backfill_id = next.backfill_id and i.job_id = next.job_id
              and b.backfill_id = i.backfill_id and j.job_id = i.job_id
            returning i.backfill_id, i.job_id, i.claim_token, b.tenant_id,
                cast(b.definition as text) as definition, j.original_bucket, j.original_key,
                j.original_content_type, j.original_bytes, j.original_width, j.original_height
            """)
        .bind("until", utc(now.plus(lease)))
        .bind("now", utc(now))
        .map(
            (rs, ctx) ->
                new BackfillItem(
                    rs.getObject("backfill_id", UUID.class),
                    rs.getObject("job_id", UUID.class),
                    rs.getLong("claim_token"),
                    rs.getString("tenant_id"),
                    PresetSnapshot.fromJson(rs.getString("definition")),
                    new Job.Original(
                        rs.getString("original_bucket"),
                        rs.getString("original_key"),
                        rs.getString("original_content_type"),
                        rs.getLong("original_bytes"),
                        rs.getObject("original_width", Integer.class),
                        rs.getObject("original_height", Integer.class))))
        .findOne();
  }

  /** Whether the job still needs this item's rendition (it may be current already, or gone). */
  public boolean outdated(Handle handle, BackfillItem item) {
    return handle
        .createQuery(
            """
            select count(*) = 0 from thumbnails
            where job_id = :job and preset = :preset and preset_version >= :version
            """)
        .bind("job", item.jobId())
        .bind("preset", item.definition().name())
        .bind("version", item.definition().version())
        .mapTo(Boolean.class)
        .one();
  }

  /**
   * Records the item's outcome ({@code DONE} or {@code SKIPPED} with a reason); false when the
   * claim was lost, and then nothing may be recorded with it.
   */
  public boolean finish(
      Handle handle, BackfillItem item, boolean done, @Nullable String reason, Instant now) {
    return handle
            .createUpdate(
                """
                update backfill_items set state = :state, reason = :reason, lease_until = null,
                    updated_at = :now
                where backfill_id = :id and job_id = :job and claim_token = :token
                  and state = 'CLAIMED'
                """)
            .bind("state", done ? "DONE" : "SKIPPED")
            .bind("reason", reason)
            .bind("now", utc(now))
            .bind("id", item.backfillId())
            .bind("job", item.jobId())
            .bind("token", item.token())
            .execute()
        == 1;
  }

  /** Gives the claim back (a transient failure): the item is open again at once. */
  public void release(Handle handle, BackfillItem item, Instant now) {
    handle
        .createUpdate(
            """
            update backfill_items set state = 'PENDING', lease_until = null, updated_at = :now
            where backfill_id = :id and job_id = :job and claim_token = :token
              and state = 'CLAIMED'
            """)
        .bind("now", utc(now))
        .bind("id", item.backfillId())
        .bind("job", item.jobId())
        .bind("token", item.token())
        .execute();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
