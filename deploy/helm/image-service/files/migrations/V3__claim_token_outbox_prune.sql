-- Fenced claims: every claim takes the next token, and a worker's renew, release and outcome only
-- apply while the row still carries its token. A worker whose lease lapsed and whose job another
-- worker claimed meanwhile can therefore change nothing.
alter table jobs add column claim_token bigint not null default 0;

-- How often the sweeper has re-announced this job because its worker vanished (PROCESSING with a
-- lease long expired). Bounded: past the limit the job is FAILED 'abandoned'. Reset by an
-- operator's retry.
alter table jobs add column reannouncements integer not null default 0;

-- The sweeper looks for QUEUED jobs not touched for a while and PROCESSING jobs whose lease ended.
create index jobs_unfinished on jobs (status, updated_at) where status in ('QUEUED', 'PROCESSING');

-- The relay prunes published rows after a retention period, oldest first.
create index outbox_published on outbox (published_at) where published_at is not null;
