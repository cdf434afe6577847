-- An operator's override of one of a team's limits (bin/poststack admin team limits). A limit
-- without a row here is the default from the API's settings (poststack.limits.*).
create table team_limit (
  team_id    bigint      not null references team (id),
  name       text        not null
             check (name in ('api-keys', 'domains', 'pending-domains', 'mailboxes', 'aliases')),
  max_count  bigint      not null check (max_count >= 0),
  set_at     timestamptz not null default now(),
  primary key (team_id, name)
);
