-- Issue 14: every dashboard action is audited with its actor. Changes to mail state are events the
-- provisioner records in audit_event; changes to the team's own account (API keys, members,
-- webhooks) are the API's tables, so the API records them here, in the same transaction as the
-- change, with the same envelope facts (actor, request, source address, User-Agent). GET /events
-- shows both. Journaled like the tables they describe (V9), so replay --rebuild keeps them.
create table account_event (
  id                 bigserial   primary key,
  event_id           uuid        not null unique,
  team_id            bigint      not null,
  event_type         text        not null,
  occurred_at        timestamptz not null,
  actor_kind         text        not null,
  actor_id           text        not null,
  request_id         text        not null,
  client_request_id  text,
  source_ip          text,
  user_agent         text,
  changes            jsonb
);
create index account_event_team on account_event (team_id, occurred_at, id);

create trigger account_event_journal after insert or update or delete on account_event
  for each row execute function control_journal_row();
