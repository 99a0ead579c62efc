package dev.imageservice.common.telemetry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Jdbi access to {@code job_telemetry}: one row per job, written by the API (its trace id, in the
 * upload's transaction) and by the worker (timings, after SUCCEEDED; a re-run overwrites).
 * Stateless and thread-safe.
 */
public final class JobTelemetryRepository {

  /** Records the job's trace; a null trace id (tracing off) writes nothing. */
  public void recordTrace(Handle handle, UUID jobId, @Nullable String traceId) {
    if (traceId == null) {
      return;
    }
    handle
        .createUpdate(
            """
            insert into job_telemetry (job_id, trace_id) values (:jobId, :traceId)
            on conflict (job_id) do nothing
            """)
        .bind("jobId", jobId)
        .bind("traceId", traceId)
        .execute();
  }

  /** Records the timings of the job's latest successful processing. */
  public void recordTimings(
      Handle handle, UUID jobId, JobTimings t, String inputFormat, Instant now) {
    handle
        .createUpdate(
            """
            insert into job_telemetry (job_id, queued_ms, download_ms, decode_ms, resize_ms,
                encode_ms, upload_ms, other_ms, total_ms, cpu_ms, decode_peak_bytes, input_format,
                recorded_at)
            values (:jobId, :queued, :download, :decode, :resize, :encode, :upload, :other, :total,
                :cpu, :peak, :format, :now)
            on conflict (job_id) do update set queued_ms = excluded.queued_ms,
                download_ms = excluded.download_ms, decode_ms = excluded.decode_ms,
                resize_ms = excluded.resize_ms, encode_ms = excluded.encode_ms,
                upload_ms = excluded.upload_ms, other_ms = excluded.other_ms,
                total_ms = excluded.total_ms, cpu_ms = excluded.cpu_ms,
                decode_peak_bytes = excluded.decode_peak_bytes,
                input_format = excluded.input_format, recorded_at = excluded.recorded_at
            """)
        .bind("jobId", jobId)
        .bind("queued", t.queuedMs())
        .bind("download", t.downloadMs())
        .bind("decode", t.decodeMs())
        .bind("resize", t.resizeMs())
        .bind("encode", t.encodeMs())
        .bind("upload", t.uploadMs())
        .bind("other", t.otherMs())
        .bind("total", t.totalMs())
        .bind("cpu", t.cpuMs())
        .bind("peak", t.decodePeakBytes())
        .bind("format", inputFormat)
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .execute();
  }

  /** The job's telemetry; empty when nothing was recorded. */
  public Optional<JobTelemetry> find(Handle handle, UUID jobId) {
    return handle
        .createQuery("select * from job_telemetry where job_id = :jobId")
        .bind("jobId", jobId)
        .map(
            (rs, ctx) -> {
              JobTimings timings = null;
              if (rs.getObject("total_ms") != null) {
                timings =
                    new JobTimings(
                        rs.getLong("queued_ms"),
                        rs.getLong("download_ms"),
                        rs.getLong("decode_ms"),
                        rs.getLong("resize_ms"),
                        rs.getLong("encode_ms"),
                        rs.getLong("upload_ms"),
                        rs.getLong("other_ms"),
                        rs.getLong("total_ms"),
                        rs.getLong("cpu_ms"),
                        rs.getLong("decode_peak_bytes"));
              }
              return new JobTelemetry(
                  rs.getString("trace_id"), timings, rs.getString("input_format"));
            })
        .findOne();
  }
}
