-- Deleting a job, or only its original (retention), is durable work: DELETE /v1/jobs/{id} removes
-- the job's rows and writes one row here in the same transaction; a sweeper in the api-gateway then
-- removes the objects from both buckets, retrying until S3 answers. After the first pass it comes
-- back once more (recheck_at) to catch a rendition written by a worker that died between its S3
-- write and its (refused) commit. A 'JOB' row is never deleted: it is the tombstone that tells a
-- repeated DELETE (204) from an unknown job (404), and a late render that its job is gone.
create table job_deletions (
    id              bigserial primary key,
    job_id          uuid        not null,
    tenant_id       text        not null,
    scope           text        not null check (scope in ('JOB', 'ORIGINAL')),
    original_bucket text        not null,
    original_key    text        not null,
    requested_at    timestamptz not null,
    -- When the first pass removed everything it found; the row is then due again at recheck_at.
    purged_at       timestamptz,
    completed_at    timestamptz,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    constraint job_deletions_job_scope unique (job_id, scope)
);

create index job_deletions_due on job_deletions (next_attempt_at) where completed_at is null;

-- Set when retention (or a deletion) took the original away; the job stays viewable with its
-- thumbnails, and stored-bytes usage no longer counts the original.
alter table jobs add column original_deleted_at timestamptz;

-- Retention looks for SUCCEEDED jobs whose original is still there, oldest completion first.
create index jobs_retention on jobs (completed_at)
    where status = 'SUCCEEDED' and original_deleted_at is null;
