-- Webhook endpoints a tenant registered (Standard Webhooks). The signing secret is needed in clear
-- to compute HMACs, so it cannot be hashed like an API key: it is stored AES-GCM encrypted with a
-- key from the service's configuration (a Kubernetes secret), so a copy of the database alone does
-- not let anyone forge deliveries. During a rotation the previous secret keeps signing until
-- previous_secret_until.
create table webhook_endpoints (
    endpoint_id           uuid primary key,
    tenant_id             text        not null,
    url                   text        not null,
    events                text[]      not null,
    secret                text        not null,
    previous_secret       text,
    previous_secret_until timestamptz,
    created_at            timestamptz not null,
    -- Set when deliveries kept failing for the whole retry window; nothing is sent after that.
    disabled_at           timestamptz,
    disabled_reason       text
);

create index webhook_endpoints_tenant on webhook_endpoints (tenant_id, created_at);

-- One row per (endpoint, completion event): the durable retry schedule. The unique key makes a
-- redelivered SQS message change nothing. message_id is the webhook-id every attempt and replay
-- sends, so receivers can drop duplicates.
create table webhook_deliveries (
    delivery_id     uuid primary key,
    endpoint_id     uuid        not null references webhook_endpoints (endpoint_id) on delete cascade,
    event_id        uuid        not null,
    message_id      text        not null,
    event_type      text        not null,
    job_id          uuid        not null,
    payload         text        not null,
    event_time      timestamptz not null,
    created_at      timestamptz not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    -- Ends the retry window: an attempt that fails after it gives up and disables the endpoint.
    give_up_after   timestamptz not null,
    delivered_at    timestamptz,
    constraint webhook_deliveries_once unique (endpoint_id, event_id)
);

create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'PENDING';
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc);

-- Every attempt: what the receiver answered (or why nothing was sent) and how long it took.
create table webhook_attempts (
    delivery_id  uuid        not null references webhook_deliveries (delivery_id) on delete cascade,
    attempt      integer     not null,
    attempted_at timestamptz not null,
    status_code  integer,
    latency_ms   bigint      not null,
    error        text,
    primary key (delivery_id, attempt)
);
