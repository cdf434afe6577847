-- Host entries on their way to the compacted topic poststack.host-entries, and what the mail hosts
-- report back (docs/adr/0006-host-entries-outbox.md). The provisioner is the only writer.

-- One row per entry change, inserted in the same transaction as the state change that caused it
-- (event_id; null for a repair). line null = tombstone. The relay publishes rows in id order and
-- sets published_at once the broker has acknowledged them; published rows are pruned later.
create table host_entry_outbox (
  id            bigserial   primary key,
  entry_key     text        not null,
  line          text,
  event_id      uuid,
  created_at    timestamptz not null default now(),
  published_at  timestamptz
);
create index host_entry_outbox_unpublished on host_entry_outbox (id) where published_at is null;
-- "is a change of this key still waiting?" (propagation, repair)
create index host_entry_outbox_pending_key on host_entry_outbox (entry_key) where published_at is null;
create index host_entry_outbox_published on host_entry_outbox (published_at) where published_at is not null;

-- Where the latest published record of each entry key sits on the topic. A host has applied the
-- key's latest change once its next offset for that partition is beyond kafka_offset.
-- line_sha256: hex SHA-256 of the published line (UTF-8), null for a tombstone; lets a repair
-- find entries whose published line differs from a fresh render without keeping the lines.
create table host_entry_position (
  entry_key        text        primary key,
  kafka_partition  integer     not null,
  kafka_offset     bigint      not null,
  line_sha256      text,
  published_at     timestamptz not null
);

-- Each mail host's latest HostApplyReport (topic poststack.host-status).
create table mail_host (
  host_id         text        primary key,
  content_hash    text        not null,
  entry_count     bigint      not null,
  applied_at      timestamptz not null,
  last_report_at  timestamptz not null
);

-- The report's positions: the next offset the host will read on each host-entries partition.
create table mail_host_position (
  host_id          text    not null references mail_host (host_id) on delete cascade,
  kafka_partition  integer not null,
  next_offset      bigint  not null,
  primary key (host_id, kafka_partition)
);
