-- What mail hosts observe of a mailbox (issue 12): its latest login across hosts and its usage as
-- the host last counted it. These are observations, not changes of record: the event log does not
-- carry them, replay --verify/--rebuild ignore them (replay.StateTables), and no audit row is
-- written for them. last_login_at already exists (V1) and was always null until now.
alter table mailbox
  add column used_bytes          bigint check (used_bytes >= 0),
  add column message_count       bigint check (message_count >= 0),
  -- when the host read the usage now in the row (the host's clock): the newest observation wins
  add column usage_reported_at   timestamptz,
  -- the highest quota threshold (80, 100 percent) already announced in usage_notice for the usage
  -- now in the row; it falls when the usage falls below a threshold, which re-arms the notice
  add column quota_notice_level  int not null default 0 check (quota_notice_level in (0, 80, 100));

-- The webhook dispatcher's queue of quota notices (mailbox.quota_warning): written in the
-- transaction that applies the usage, consumed with select ... for update skip locked and deleted
-- by id. The shape is a contract with the dispatcher; change it only together with it.
create table usage_notice (
  id           bigserial primary key,
  team_id      bigint not null,
  mailbox_id   bigint not null,
  threshold    int not null check (threshold in (80, 100)),
  used_bytes   bigint not null,
  quota_bytes  bigint not null,
  created_at   timestamptz not null default now()
);

-- Activity arrives keyed by address; a record without a mailbox id (or a stale one) is matched to
-- the live mailbox of that address, so that lookup is an index probe, not a scan.
create index mailbox_live_email on mailbox (email_address) where status <> 'deleted';

-- GET /mailboxes?sort=...: a team's live mailboxes in the order of one column, tie broken by id.
-- With NULLS FIRST in the index, "sort=usedBytes" (asc nulls first, id asc) is a forward scan and
-- "sort=-usedBytes" (desc nulls last, id desc) the same index scanned backwards, so either
-- direction of a 100k-mailbox team reads only the page it shows (plus the offset), never sorts.
-- The price: a usage or login update changes an indexed column, so it is not a HOT update.
create index mailbox_team_used_bytes on mailbox (team_id, used_bytes nulls first, id)
  where status <> 'deleted';
create index mailbox_team_last_login on mailbox (team_id, last_login_at nulls first, id)
  where status <> 'deleted';
create index mailbox_team_created on mailbox (team_id, created_at, id) where status <> 'deleted';

-- team_usage counts live mailboxes only; activity updates touch neither status nor team, so the
-- counting trigger need not run for them (V4 ran it for every update).
drop trigger mailbox_team_usage on mailbox;
create trigger mailbox_team_usage after insert or delete or update of status, team_id on mailbox
  for each row execute function mailbox_team_usage();
