-- Provisioner-owned tables: the only writer of these is the provisioner (design.md section 5).
-- Ids come from sequences the API draws from before publishing, so an event carries its ids.

create sequence domain_id_seq;
create sequence mailbox_id_seq;
create sequence alias_id_seq;

create table domain (
  id               bigint primary key,
  public_id        text        not null unique,
  team_id          bigint      not null,
  name             text        not null,
  status           text        not null check (status in ('pending', 'verified', 'failed')),
  inbound_enabled  boolean     not null,
  verified_at      timestamptz,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  deleted_at       timestamptz
);
-- a domain name has at most one live owner across all teams
create unique index domain_live_name on domain (name) where deleted_at is null;
create index domain_team on domain (team_id, id);

create table mailbox (
  id               bigint primary key,
  public_id        text        not null unique,
  team_id          bigint      not null,
  domain_id        bigint      not null references domain (id),
  local_part       text        not null,
  email_address    text        not null,
  password_hash    text        not null,
  display_name     text,
  quota_bytes      bigint      not null check (quota_bytes > 0),
  status           text        not null check (status in ('active', 'suspended', 'deleted')),
  webhook_enabled  boolean     not null,
  last_login_at    timestamptz,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  deleted_at       timestamptz
);
-- a deleted mailbox frees its address at once
create unique index mailbox_live_address on mailbox (domain_id, local_part) where status <> 'deleted';
create index mailbox_team on mailbox (team_id, id) where status <> 'deleted';
create index mailbox_team_domain on mailbox (team_id, domain_id, id) where status <> 'deleted';

create table alias (
  id                      bigint primary key,
  public_id               text        not null unique,
  team_id                 bigint      not null,
  domain_id               bigint      not null references domain (id),
  local_part              text        not null,
  alias_address           text        not null,
  destination_mailbox_id  bigint      not null references mailbox (id),
  created_at              timestamptz not null,
  deleted_at              timestamptz
);
create unique index alias_live_address on alias (domain_id, local_part) where deleted_at is null;
create index alias_team on alias (team_id, id) where deleted_at is null;
create index alias_destination on alias (destination_mailbox_id) where deleted_at is null;

-- dedupe: an event id is applied at most once, in the same transaction as its effect
create table processed_event (
  event_id      uuid primary key,
  processed_at  timestamptz not null default now()
);

-- append-only audit log: one row per applied or rejected event, with its Kafka position.
-- The API reads the outcome of a request from here after the NOTIFY on channel poststack_outcome.
create table audit_event (
  id                 bigserial primary key,
  event_id           uuid        not null unique,
  event_type         text        not null,
  team_id            bigint      not null,
  occurred_at        timestamptz not null,
  actor_kind         text        not null,
  actor_id           text        not null,
  request_id         text        not null,
  domain_id          bigint,
  mailbox_id         bigint,
  alias_id           bigint,
  outcome            text        not null check (outcome in ('applied', 'rejected')),
  rejection_code     text,
  rejection_message  text,
  kafka_topic        text        not null,
  kafka_partition    integer     not null,
  kafka_offset       bigint      not null,
  details            jsonb       not null default '{}'::jsonb,
  recorded_at        timestamptz not null default now()
);
create index audit_event_team_time on audit_event (team_id, occurred_at);

create rule audit_event_no_update as on update to audit_event do instead nothing;
create rule audit_event_no_delete as on delete to audit_event do instead nothing;
