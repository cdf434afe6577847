-- Issue 11: an empty database plus the Kafka log must give back the same API answers. The mail
-- state is rebuilt from the events (ADR 0002, 0005); the API's own tables are not events. Every
-- committed change to the tables a team's answers and keys depend on (team, api_key, team_limit)
-- is journaled here by a trigger, in the writer's own transaction, whoever the writer is (the API,
-- bin/poststack admin, a migration), and the API relays the journal, which it polls every 500 ms,
-- to the compacted topic
-- poststack.control-records: one record per row, keyed by table and primary key, the row as JSON;
-- a tombstone for a deleted row. replay --rebuild restores the tables from that topic (ADR 0010).
--
-- An api_key row carries key_hash, the SHA-256 of the key, as the table already does; the key
-- itself is never stored anywhere. Idempotency records, rate-limit buckets and pending operations
-- are short-lived and not journaled.
create table control_journal (
  id          bigserial   primary key,
  record_key  text        not null,
  row_json    jsonb,
  created_at  timestamptz not null default now()
);

create function control_journal_row() returns trigger language plpgsql as $$
declare
  k text;
  r jsonb;
begin
  if tg_op = 'DELETE' then
    r := to_jsonb(old);
  else
    r := to_jsonb(new);
    -- an update that changes nothing journaled writes nothing
    if tg_op = 'UPDATE' and to_jsonb(old) = r then
      return null;
    end if;
  end if;
  if tg_table_name = 'team_limit' then
    k := 'team_limit:' || (r ->> 'team_id') || ':' || (r ->> 'name');
  else
    k := tg_table_name || ':' || (r ->> 'id');
  end if;
  insert into control_journal (record_key, row_json)
    values (k, case when tg_op = 'DELETE' then null else r end);
  return null;
end;
$$;

create trigger team_journal after insert or update or delete on team
  for each row execute function control_journal_row();
create trigger api_key_journal after insert or update or delete on api_key
  for each row execute function control_journal_row();
create trigger team_limit_journal after insert or update or delete on team_limit
  for each row execute function control_journal_row();

-- what existed before the journal: one record per row, so the topic holds every row
insert into control_journal (record_key, row_json)
  select 'team:' || t.id, to_jsonb(t) from team t order by t.id;
insert into control_journal (record_key, row_json)
  select 'api_key:' || k.id, to_jsonb(k) from api_key k order by k.id;
insert into control_journal (record_key, row_json)
  select 'team_limit:' || l.team_id || ':' || l.name, to_jsonb(l) from team_limit l
  order by l.team_id, l.name;
