-- Issue 14: people sign in to the dashboard as members of a team, with their own email address and
-- password. The API owns both tables (ADR 0005).
--
-- A member's password is kept only as an Argon2id hash in PHC form (MemberPasswords). An address
-- belongs to one member at most, so signing in needs no team name. Members are journaled like
-- teams and keys (V9), so replay --rebuild gives them back; sessions are not: after losing the
-- database people sign in again.
create table team_member (
  id                   bigserial   primary key,
  team_id              bigint      not null references team (id),
  email                text        not null unique check (email = lower(email)),
  password_hash        text        not null,
  invited_by           bigint      references team_member (id),
  created_at           timestamptz not null default now(),
  password_changed_at  timestamptz not null default now(),
  disabled_at          timestamptz
);
create index team_member_team on team_member (team_id, id);

create trigger team_member_journal after insert or update or delete on team_member
  for each row execute function control_journal_row();

-- A signed-in browser: only the SHA-256 of its random token is stored, as for API keys. A session
-- ends at expires_at, after idle_timeout without use, when its member signs out (revoked_at), or
-- when the member signs out everywhere (every row revoked at once).
create table member_session (
  id            bigserial   primary key,
  member_id     bigint      not null references team_member (id),
  token_hash    text        not null unique,
  created_at    timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  expires_at    timestamptz not null,
  revoked_at    timestamptz,
  source_ip     text,
  user_agent    text
);
create index member_session_member on member_session (member_id) where revoked_at is null;
create index member_session_created on member_session (created_at);
