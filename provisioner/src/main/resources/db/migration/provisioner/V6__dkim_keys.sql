-- Issue 10: each domain's DKIM keys. The private key is stored only sealed for the mail hosts
-- (HostKeySeal, AAD <selector>._domainkey.<domain>): the provisioner cannot open it and never needs
-- to. A cancelled or retired key's row is deleted; the audit log keeps its history.
create table dkim_key (
  domain_id       bigint not null references domain (id),
  selector        text not null check (selector ~ '^[a-z0-9-]{1,63}$'),
  algorithm       text not null check (algorithm in ('rsa', 'ed25519')),
  public_key      text not null,
  sealed_key      text not null check (sealed_key like 'v1.%'),
  -- active signs; staged is on the hosts awaiting its DNS record; retiring is kept, not signing
  state           text not null check (state in ('active', 'staged', 'retiring')),
  created_at      timestamptz not null,
  published_at    timestamptz,
  activates_after timestamptz,
  retire_after    timestamptz,
  primary key (domain_id, selector)
);

-- the rotation clock's scans: ready rotations and retiring keys, oldest deadline first
create index dkim_key_activates on dkim_key (activates_after) where state = 'staged' and activates_after is not null;
create index dkim_key_retires on dkim_key (retire_after) where state = 'retiring';
