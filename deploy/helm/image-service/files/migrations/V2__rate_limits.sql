-- Token buckets shared by every API replica: one row per limited subject (a tenant's requests, a
-- client's failed authentications). A request takes a token with one atomic upsert that first
-- refills the bucket for the time elapsed since its last use, so replicas need no coordination.
create table rate_limits (
  bucket       text             primary key,
  tokens       double precision not null,
  refilled_at  timestamptz      not null,
  allowed      boolean          not null
);

-- Buckets untouched for longer than they take to refill are full again and are deleted
-- (IdleBucketCleanup in the api-gateway).
create index rate_limits_refilled_at on rate_limits (refilled_at);
