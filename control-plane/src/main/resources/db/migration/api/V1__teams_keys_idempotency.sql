-- API-owned tables. The provisioner's state tables (domain, mailbox, alias, audit_event) live in
-- the same database and are only read here.

create table team (
  id          bigserial primary key,
  name        text        not null unique,
  created_at  timestamptz not null default now()
);

-- A key is stored only as the SHA-256 of its plaintext; the prefix is for people to recognise it.
create table api_key (
  id            bigserial primary key,
  team_id       bigint      not null references team (id),
  name          text        not null,
  key_hash      text        not null unique,
  key_prefix    text        not null,
  permission    text        not null check (permission in ('full_access', 'sending_access')),
  mode          text        not null default 'live' check (mode in ('live', 'test')),
  domain_id     bigint,
  last_used_at  timestamptz,
  created_at    timestamptz not null default now(),
  revoked_at    timestamptz
);
create index api_key_team on api_key (team_id, id) where revoked_at is null;

-- Stripe-style idempotency: the first request claims (team, key); its answer is kept for replay.
-- fingerprint covers method, path and body without the password; password_hash is the crypt hash
-- made for that request, so a retry's password can be compared without keeping it.
create table idempotency_record (
  team_id                bigint      not null,
  idempotency_key        text        not null,
  fingerprint            text        not null,
  state                  text        not null check (state in ('in_progress', 'completed')),
  response_status        integer,
  response_content_type  text,
  response_body          text,
  password_hash          text,
  created_at             timestamptz not null default now(),
  updated_at             timestamptz not null default now(),
  primary key (team_id, idempotency_key)
);
create index idempotency_record_created on idempotency_record (created_at);

-- Events answered with 202 (outcome late), so GET /operations/:id can say "pending" to their team.
create table pending_operation (
  event_id    uuid        primary key,
  team_id     bigint      not null,
  created_at  timestamptz not null default now()
);
