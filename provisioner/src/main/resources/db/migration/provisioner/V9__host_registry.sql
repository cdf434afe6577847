-- The host registry (issue 13): what each host says about itself (HostApplyReport v2) and when the
-- provisioner first saw it, last saw it progress, and whether an operator removed it.
-- first_seen_at: the first report's record timestamp (again after a re-registration).
-- progressed_at: the latest report whose positions differ from the stored ones (a host with lag
--   that reports without progressing is stale).
-- removed_at: set by a tombstone on the status topic instead of deleting the row, so the operator
--   still sees the host as removed; a later report registers it again only if its agent started
--   after the removal (started_at > removed_at), so a forgotten agent cannot re-add itself.
-- refused_entries: [{"key": …, "reason": …}] as the host reported them (bounded by the agent).
alter table mail_host
  add column address          text        not null default '',
  add column first_seen_at    timestamptz not null default now(),
  add column progressed_at    timestamptz not null default now(),
  add column started_at       timestamptz,
  add column last_error       text,
  add column last_error_at    timestamptz,
  add column refused_entries  jsonb       not null default '[]',
  add column removed_at       timestamptz;
update mail_host set first_seen_at = last_report_at, progressed_at = last_report_at;

-- The registry's lag: the latest published offset of a partition and the oldest record a host has
-- not read yet are index lookups, not scans of every entry.
create index host_entry_position_partition_offset
  on host_entry_position (kafka_partition, kafka_offset);
