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

-- The content hash a host that has read every published entry must have: the agents' hash
-- (config-renderer's ContentHash: the sum mod 2^256 of SHA-256 over each current line) kept as eight
-- sums of the digests' 32-bit slices (s0 the most significant; PostgreSQL has no 256-bit integer),
-- maintained by statement triggers on host_entry_position (the relay's upsert fires the insert and
-- the update trigger for the rows each touched), so the registry reads it in O(1) and in the same
-- snapshot as the hosts' positions. control-plane's ExpectedHash folds the slices.
-- A value of another length (never written by the relay, whose digests are 64 hex digits) counts
-- 0, added and removed alike. Not strict and no regular expression: inlined, about twice the cost
-- of the relay's bare upsert per row (a regular expression made it fifteen times).
create function host_entry_slice(digest text, i integer) returns bigint
  language sql immutable parallel safe
  as $$ select case when length(digest) = 64
                    then cast(cast('x' || substr(digest, 1 + 8 * i, 8) as bit(32)) as bigint)
                    else 0 end $$;

create table host_entry_hash (
  singleton  boolean primary key default true check (singleton),
  s0 numeric not null default 0, s1 numeric not null default 0,
  s2 numeric not null default 0, s3 numeric not null default 0,
  s4 numeric not null default 0, s5 numeric not null default 0,
  s6 numeric not null default 0, s7 numeric not null default 0
);
insert into host_entry_hash (singleton) values (true);

-- adds d (the digests' slice sums of rows that came) minus r (of rows that went)
create function host_entry_hash_add(d numeric[], r numeric[]) returns void
  language sql as $$
    update host_entry_hash set
      s0 = s0 + d[1] - r[1], s1 = s1 + d[2] - r[2], s2 = s2 + d[3] - r[3], s3 = s3 + d[4] - r[4],
      s4 = s4 + d[5] - r[5], s5 = s5 + d[6] - r[6], s6 = s6 + d[7] - r[7], s7 = s7 + d[8] - r[8]
  $$;

create function host_entry_hash_inserted() returns trigger language plpgsql as $$
declare d numeric[];
begin
  select array[
      coalesce(sum(host_entry_slice(line_sha256, 0)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 1)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 2)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 3)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 4)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 5)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 6)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 7)), 0)] into d from added;
  perform host_entry_hash_add(d, array[0, 0, 0, 0, 0, 0, 0, 0]);
  return null;
end $$;

create function host_entry_hash_deleted() returns trigger language plpgsql as $$
declare r numeric[];
begin
  select array[
      coalesce(sum(host_entry_slice(line_sha256, 0)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 1)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 2)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 3)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 4)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 5)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 6)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 7)), 0)] into r from removed;
  perform host_entry_hash_add(array[0, 0, 0, 0, 0, 0, 0, 0], r);
  return null;
end $$;

create function host_entry_hash_updated() returns trigger language plpgsql as $$
declare d numeric[]; r numeric[];
begin
  select array[
      coalesce(sum(host_entry_slice(line_sha256, 0)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 1)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 2)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 3)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 4)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 5)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 6)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 7)), 0)] into d from added;
  select array[
      coalesce(sum(host_entry_slice(line_sha256, 0)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 1)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 2)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 3)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 4)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 5)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 6)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 7)), 0)] into r from removed;
  perform host_entry_hash_add(d, r);
  return null;
end $$;

create function host_entry_hash_truncated() returns trigger language plpgsql as $$
begin
  update host_entry_hash set s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  return null;
end $$;

create trigger host_entry_hash_on_insert after insert on host_entry_position
  referencing new table as added for each statement execute function host_entry_hash_inserted();
create trigger host_entry_hash_on_update after update on host_entry_position
  referencing old table as removed new table as added
  for each statement execute function host_entry_hash_updated();
create trigger host_entry_hash_on_delete after delete on host_entry_position
  referencing old table as removed for each statement execute function host_entry_hash_deleted();
create trigger host_entry_hash_on_truncate after truncate on host_entry_position
  for each statement execute function host_entry_hash_truncated();

-- what was published before V9
select host_entry_hash_add(array[
      coalesce(sum(host_entry_slice(line_sha256, 0)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 1)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 2)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 3)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 4)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 5)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 6)), 0),
      coalesce(sum(host_entry_slice(line_sha256, 7)), 0)], array[0, 0, 0, 0, 0, 0, 0, 0])
  from host_entry_position;
