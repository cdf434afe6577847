-- Issue 14: a member invites another by address. The invited member's row exists at once (so the
-- address is taken and the team's list shows it as invited) but has no password until the
-- invitation is accepted; a member without a password cannot sign in (the check runs against a
-- decoy hash and fails). Only the SHA-256 of the invitation's random token is stored; it is
-- shown once, to the inviter, and used once.
alter table team_member alter column password_hash drop not null;

create table member_invitation (
  id           bigserial   primary key,
  member_id    bigint      not null references team_member (id),
  token_hash   text        not null unique,
  invited_by   bigint      references team_member (id),
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  accepted_at  timestamptz
);
create index member_invitation_member on member_invitation (member_id);
