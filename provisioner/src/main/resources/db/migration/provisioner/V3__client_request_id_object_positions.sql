-- Issue 9. The audit row's request_id is always the server's own id (the API's X-Request-Id
-- answer); an id the client sent is kept apart, null when it sent none (and for older events).
alter table audit_event add column client_request_id text;

-- Propagation by object, not by address (PropagationSql.OF_OBJECT). An entry key names an address,
-- and an address passes from a deleted mailbox to the next one created there (even of another team,
-- once a domain is re-registered); so each outbox row also names the object whose own entry it is
-- (a mailbox's mailbox: entry, an alias's alias: entry; null for the other entries a change
-- re-publishes and for keys a repair removes), and the relay records where each object's latest own
-- record sits.
alter table host_entry_outbox
  add column object_kind text check (object_kind in ('mailbox', 'alias')),
  add column object_id   bigint,
  add constraint host_entry_outbox_object check ((object_kind is null) = (object_id is null));
create index host_entry_outbox_pending_object on host_entry_outbox (object_kind, object_id)
  where published_at is null and object_id is not null;

create table host_entry_object_position (
  object_kind      text        not null check (object_kind in ('mailbox', 'alias')),
  object_id        bigint      not null,
  entry_key        text        not null,
  kafka_partition  integer     not null,
  kafka_offset     bigint      not null,
  published_at     timestamptz not null,
  primary key (object_kind, object_id)
);

-- Before V3 only keys were tracked: a live object holds its address's key, so its key's position and
-- pending rows are its own. A deleted object's can no longer be told apart: it shows no propagation.
insert into host_entry_object_position
  select 'mailbox', m.id, p.entry_key, p.kafka_partition, p.kafka_offset, p.published_at
    from mailbox m join host_entry_position p on p.entry_key = 'mailbox:' || m.email_address
   where m.status <> 'deleted';
insert into host_entry_object_position
  select 'alias', a.id, p.entry_key, p.kafka_partition, p.kafka_offset, p.published_at
    from alias a join host_entry_position p on p.entry_key = 'alias:' || a.alias_address
   where a.deleted_at is null;
update host_entry_outbox o set object_kind = 'mailbox', object_id = m.id
  from mailbox m
 where o.published_at is null and m.status <> 'deleted' and o.entry_key = 'mailbox:' || m.email_address;
update host_entry_outbox o set object_kind = 'alias', object_id = a.id
  from alias a
 where o.published_at is null and a.deleted_at is null and o.entry_key = 'alias:' || a.alias_address;
