-- One row per accepted upload. The row is the single source of truth for a job's state; the worker
-- moves it QUEUED -> PROCESSING -> SUCCEEDED | FAILED with conditional updates only.
create table jobs (
    job_id                uuid primary key,
    tenant_id             text        not null,
    status                text        not null check (status in ('QUEUED', 'PROCESSING', 'SUCCEEDED', 'FAILED')),
    presets               text[]      not null,
    original_bucket       text        not null,
    original_key          text        not null,
    original_content_type text        not null,
    original_bytes        bigint      not null check (original_bytes >= 0),
    original_width        integer,
    original_height       integer,
    attempts              integer     not null default 0,
    -- While PROCESSING, the claim is valid until this instant; after it another worker may reclaim.
    lease_until           timestamptz,
    error_code            text,
    error_message         text,
    idempotency_key       text,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    completed_at          timestamptz,
    -- Same Idempotency-Key from the same tenant always maps to the same job, even under racing retries.
    constraint jobs_tenant_idempotency_key unique (tenant_id, idempotency_key)
);

create index jobs_tenant_created on jobs (tenant_id, created_at desc, job_id);

-- One row per rendered preset. Keyed by (job, preset) so that a re-run upserts instead of duplicating.
create table thumbnails (
    job_id       uuid    not null references jobs (job_id) on delete cascade,
    preset       text    not null,
    bucket       text    not null,
    object_key   text    not null,
    width        integer not null,
    height       integer not null,
    content_type text    not null,
    bytes        bigint  not null,
    primary key (job_id, preset)
);

-- Transactional outbox: events are written in the same transaction as the state change they announce
-- and published to SNS afterwards by a relay, so a crash between commit and publish loses nothing.
create table outbox (
    id              bigserial primary key,
    event_id        uuid        not null unique,
    event_type      text        not null,
    job_id          uuid        not null,
    payload         text        not null,
    created_at      timestamptz not null,
    published_at    timestamptz,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text
);

create index outbox_pending on outbox (next_attempt_at, id) where published_at is null;

-- API keys are stored only as SHA-256 hashes; the key itself is shown once, to whoever created it.
create table api_keys (
    key_hash   text primary key,
    tenant_id  text        not null,
    label      text,
    created_at timestamptz not null,
    revoked_at timestamptz
);

create index api_keys_tenant on api_keys (tenant_id);
