-- Issue 12: webhooks as the official SDK drives them, and the dispatcher's queue (ADR 0011).
-- Written by the API only: the endpoints write webhook rows, the dispatcher (in the API process)
-- writes deliveries and attempts. The signing secrets are stored sealed (AES-GCM under
-- POSTSTACK_WEBHOOK_SECRET_KEY), never in the clear.
create table webhook (
  id                          bigserial   primary key,
  -- no foreign key to team: a restore from the log (ADR 0010) truncates and refills team
  team_id                     bigint      not null,
  url                         text        not null check (length(url) <= 2048),
  events                      text[]      not null,
  include_bodies              boolean     not null default false,
  enabled                     boolean     not null default true,
  secret_sealed               bytea       not null,
  previous_secret_sealed      bytea,
  previous_secret_expires_at  timestamptz,
  secret_rotated_at           timestamptz,
  consecutive_failures        integer     not null default 0,
  disabled_at                 timestamptz,
  disabled_reason             text,
  created_at                  timestamptz not null default now()
);
create index webhook_team on webhook (team_id, id);
-- A team's webhooks are the API's own rows like its keys: journaled to the control records (V9,
-- ADR 0010) so replay --rebuild gives them back, the secrets still sealed. Deliveries and attempts
-- are a month's history, not journaled. A delivery that leaves the row as it was (no failure
-- streak to reset) journals nothing: the trigger skips an update that changes no column.
create trigger webhook_journal after insert or update or delete on webhook
  for each row execute function control_journal_row();

-- One row per (webhook, source event): the unique key absorbs a source read twice after a crash.
-- state: pending (due at next_attempt_at; while a sender holds it, next_attempt_at is its lease),
-- delivered (a 2xx answer), failed (retried until retry_until, or refused for good).
create table webhook_delivery (
  id              bigserial   primary key,
  webhook_id      bigint      not null references webhook (id) on delete cascade,
  team_id         bigint      not null,
  event_type      text        not null,
  source_key      text        not null,
  order_key       text,
  data            text        not null,
  state           text        not null check (state in ('pending', 'delivered', 'failed')),
  attempts        integer     not null default 0,
  next_attempt_at timestamptz,
  retry_until     timestamptz not null,
  status_code     integer,
  response_body   text,
  delivered_at    timestamptz,
  created_at      timestamptz not null default now(),
  unique (webhook_id, source_key)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where state = 'pending';
-- an earlier pending delivery of the same mailbox holds the later ones back
create index webhook_delivery_order on webhook_delivery (webhook_id, order_key, id)
  where state = 'pending';
create index webhook_delivery_newest on webhook_delivery (webhook_id, id desc);

-- Every attempt as sent: at most one row per (delivery, attempt number).
create table webhook_attempt (
  id             bigserial   primary key,
  delivery_id    bigint      not null references webhook_delivery (id) on delete cascade,
  attempt        integer     not null,
  started_at     timestamptz not null,
  duration_ms    integer     not null,
  status_code    integer,
  response_body  text,
  error          text,
  unique (delivery_id, attempt)
);

