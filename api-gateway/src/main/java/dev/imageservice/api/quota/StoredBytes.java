package dev.imageservice.api.quota;

import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * A tenant's stored bytes, summed from the rows: originals still stored plus every thumbnail. Being
 * computed rather than counted, it cannot drift: a deletion (rows gone), retention ({@code
 * original_deleted_at} set) or a re-render (thumbnail row replaced) shows at once. Uses the {@code
 * (tenant_id, created_at)} index; a tenant's jobs are summed per upload. Thread-safe.
 */
@Component
class StoredBytes {

  private final Jdbi jdbi;

  StoredBytes(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  Usage of(String tenantId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    select count(*) as jobs,
                      coalesce(sum(original_bytes) filter (where original_deleted_at is null), 0)
                        as originals,
                      coalesce((select sum(t.bytes) from thumbnails t join jobs j using (job_id)
                                where j.tenant_id = :tenantId), 0) as thumbnails
                    from jobs where tenant_id = :tenantId
                    """)
                .bind("tenantId", tenantId)
                .map(
                    (rs, ctx) ->
                        new Usage(
                            rs.getLong("jobs"), rs.getLong("originals"), rs.getLong("thumbnails")))
                .one());
  }

  /** What a tenant stores now. */
  record Usage(long jobs, long originalBytes, long thumbnailBytes) {
    long total() {
      return originalBytes + thumbnailBytes;
    }
  }
}
