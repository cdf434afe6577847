-- Issue 11. The audit API answers who changed what, when and from where.
-- Where: the request's source address and User-Agent, carried by the event envelope since the
-- version that added them (null for events written before, and for operator and system events).
-- What: the changed fields of the object as {field: {from, to}}, computed by the provisioner from
-- the state before the event and its decision, so the API never diffs snapshots at read time and a
-- replay writes the same bytes. A password change is recorded as "changed", never a hash.
alter table audit_event
  add column source_ip  text,
  add column user_agent text,
  add column changes    jsonb not null default '{}'::jsonb;

-- One object's history and the filtered team log, newest first, without a sort of the team's log.
create index audit_event_team_mailbox on audit_event (team_id, mailbox_id, occurred_at, id)
  where mailbox_id is not null;
create index audit_event_team_alias on audit_event (team_id, alias_id, occurred_at, id)
  where alias_id is not null;
create index audit_event_team_domain on audit_event (team_id, domain_id, occurred_at, id);
create index audit_event_team_actor on audit_event (team_id, actor_id, occurred_at, id);
