-- Direct uploads (POST /v1/uploads): the job exists before its bytes do. It waits AWAITING_UPLOAD
-- until the object's arrival is reported (S3 event or POST /v1/uploads/{id}/complete), and ends
-- EXPIRED when the presigned URL lapsed without an upload.
alter table jobs drop constraint jobs_status_check;
alter table jobs add constraint jobs_status_check
    check (status in ('AWAITING_UPLOAD', 'QUEUED', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'EXPIRED'));

-- One row per direct upload, beside its job (additive: the jobs table and its readers are unchanged).
-- upload_key is where the client PUTs, under the upload prefix; once verified the object is copied to
-- the job's original key and removed from there. formats are carried as asked for (output encodings).
create table direct_uploads (
    job_id        uuid primary key references jobs (job_id) on delete cascade,
    upload_key    text        not null unique,
    declared_size bigint      not null check (declared_size > 0),
    formats       text[]      not null default '{}',
    expires_at    timestamptz not null
);

-- The expiry sweep looks for jobs still waiting for their upload.
create index jobs_awaiting_upload on jobs (updated_at) where status = 'AWAITING_UPLOAD';
