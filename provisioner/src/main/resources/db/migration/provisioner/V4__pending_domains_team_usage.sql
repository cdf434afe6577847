-- Issue 9: a pending (unverified) domain name blocks nobody, and each team's usage is counted so a
-- create can be checked against the team's limit in O(1).

-- A name has at most one verified owner; a team holds a name at most once. Other teams may hold the
-- same name unverified meanwhile: only the one whose DNS proves it gets it verified.
drop index domain_live_name;
create unique index domain_verified_name on domain (name) where deleted_at is null and status = 'verified';
create unique index domain_team_live_name on domain (team_id, name) where deleted_at is null;
create index domain_live_by_name on domain (name) where deleted_at is null;
-- the expiry scan: unverified live domains, oldest first
create index domain_unverified_created on domain (created_at) where deleted_at is null and status <> 'verified';

-- What each team holds now: live domains, of them unverified (pending or failed), live (active or
-- suspended) mailboxes, live aliases. Kept by the triggers below in the transaction of every write,
-- whoever writes; a create's rule locks its team's row first (see TeamUsageStore), so two creates
-- of one team on different partitions are counted one after the other.
create table team_usage (
  team_id          bigint primary key,
  domains          bigint not null default 0,
  pending_domains  bigint not null default 0,
  mailboxes        bigint not null default 0,
  aliases          bigint not null default 0
);

insert into team_usage (team_id, domains, pending_domains, mailboxes, aliases)
select team_id, sum(domains), sum(pending), sum(mailboxes), sum(aliases)
from (
  select team_id, 1 as domains, case when status <> 'verified' then 1 else 0 end as pending,
         0 as mailboxes, 0 as aliases
  from domain where deleted_at is null
  union all
  select team_id, 0, 0, 1, 0 from mailbox where status <> 'deleted'
  union all
  select team_id, 0, 0, 0, 1 from alias where deleted_at is null
) held
group by team_id;

create function team_usage_add(team bigint, d_domains bigint, d_pending bigint,
                               d_mailboxes bigint, d_aliases bigint) returns void
language sql as $$
  insert into team_usage as u (team_id, domains, pending_domains, mailboxes, aliases)
  values (team, d_domains, d_pending, d_mailboxes, d_aliases)
  on conflict (team_id) do update
    set domains = u.domains + excluded.domains,
        pending_domains = u.pending_domains + excluded.pending_domains,
        mailboxes = u.mailboxes + excluded.mailboxes,
        aliases = u.aliases + excluded.aliases
$$;

create function domain_team_usage() returns trigger language plpgsql as $$
declare
  team bigint;
  live bigint := 0;
  pending bigint := 0;
begin
  if tg_op <> 'INSERT' then
    team := old.team_id;
    if old.deleted_at is null then
      live := live - 1;
      if old.status <> 'verified' then pending := pending - 1; end if;
    end if;
  end if;
  if tg_op <> 'DELETE' then
    team := new.team_id;
    if new.deleted_at is null then
      live := live + 1;
      if new.status <> 'verified' then pending := pending + 1; end if;
    end if;
  end if;
  if live <> 0 or pending <> 0 then
    perform team_usage_add(team, live, pending, 0, 0);
  end if;
  return null;
end $$;

create function mailbox_team_usage() returns trigger language plpgsql as $$
declare
  team bigint;
  live bigint := 0;
begin
  if tg_op <> 'INSERT' then
    team := old.team_id;
    if old.status <> 'deleted' then live := live - 1; end if;
  end if;
  if tg_op <> 'DELETE' then
    team := new.team_id;
    if new.status <> 'deleted' then live := live + 1; end if;
  end if;
  if live <> 0 then
    perform team_usage_add(team, 0, 0, live, 0);
  end if;
  return null;
end $$;

create function alias_team_usage() returns trigger language plpgsql as $$
declare
  team bigint;
  live bigint := 0;
begin
  if tg_op <> 'INSERT' then
    team := old.team_id;
    if old.deleted_at is null then live := live - 1; end if;
  end if;
  if tg_op <> 'DELETE' then
    team := new.team_id;
    if new.deleted_at is null then live := live + 1; end if;
  end if;
  if live <> 0 then
    perform team_usage_add(team, 0, 0, 0, live);
  end if;
  return null;
end $$;

create trigger domain_team_usage after insert or update or delete on domain
  for each row execute function domain_team_usage();
create trigger mailbox_team_usage after insert or update or delete on mailbox
  for each row execute function mailbox_team_usage();
create trigger alias_team_usage after insert or update or delete on alias
  for each row execute function alias_team_usage();
