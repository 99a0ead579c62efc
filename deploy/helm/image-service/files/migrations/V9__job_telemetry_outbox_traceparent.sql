-- Operators' view of a job (issue 17): the W3C trace context travels with each outbox row to SNS,
-- and each job keeps its trace id and what its render cost. Kept apart from jobs so that the job's
-- state machine and its columns stay untouched; a job without a row here simply shows neither.
alter table outbox add column traceparent text;

create table job_telemetry (
    job_id            uuid primary key references jobs (job_id) on delete cascade,
    -- The trace of the upload request (32 hex digits); null when tracing was off.
    trace_id          text,
    -- Milliseconds of the last successful processing: created -> claimed, then claim -> SUCCEEDED
    -- split into the steps, with other_ms the rest (waits, probing, database).
    queued_ms         bigint,
    download_ms       bigint,
    decode_ms         bigint,
    resize_ms         bigint,
    encode_ms         bigint,
    upload_ms         bigint,
    other_ms          bigint,
    total_ms          bigint,
    -- CPU time of the rendering thread, and the bytes of the decoded image held at the peak.
    cpu_ms            bigint,
    decode_peak_bytes bigint,
    input_format      text,
    recorded_at       timestamptz
);
