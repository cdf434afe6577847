-- One import of a team at a time across every API instance (mailbox.ImportClaims): a row per team
-- while one runs, kept alive by a heartbeat, deleted at its end. A row whose heartbeat stopped (its
-- instance died mid-import) is taken over once it is stale. Transient: not journaled, a rebuilt
-- database starts without it.
create table import_claim (
  team_id      bigint      primary key,
  claim_token  uuid        not null,
  claimed_at   timestamptz not null default now(),
  heartbeat_at timestamptz not null default now()
);
