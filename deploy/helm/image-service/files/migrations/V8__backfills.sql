-- A backfill re-renders one preset of a tenant's SUCCEEDED jobs whose rendition is missing or
-- older than the preset's version. It records the definition it renders, so a preset changed again
-- during the backfill does not change what this one renders (a newer backfill does).
create table backfills (
    backfill_id    uuid        primary key,
    tenant_id      text        not null,
    preset         text        not null,
    preset_version integer     not null,
    definition     jsonb       not null,
    created_at     timestamptz not null
);

-- At most one backfill per tenant, preset and version: starting it again answers the same one.
create unique index backfills_once on backfills (tenant_id, preset, preset_version);

-- One row per job to re-render: the backfill's queue and its progress at once. Workers claim a row
-- with a conditional update that takes the next token (as jobs do); the outcome only applies while
-- the row still carries that token, so a worker stopped mid-render leaves a row another worker
-- reclaims when the lease ends, and no row is rendered twice to completion.
create table backfill_items (
    backfill_id uuid        not null references backfills (backfill_id) on delete cascade,
    job_id      uuid        not null references jobs (job_id) on delete cascade,
    state       text        not null check (state in ('PENDING', 'CLAIMED', 'DONE', 'SKIPPED')),
    claim_token bigint      not null default 0,
    lease_until timestamptz,
    attempts    integer     not null default 0,
    reason      text,
    updated_at  timestamptz not null,
    primary key (backfill_id, job_id)
);

create index backfill_items_open on backfill_items (updated_at)
    where state in ('PENDING', 'CLAIMED');
