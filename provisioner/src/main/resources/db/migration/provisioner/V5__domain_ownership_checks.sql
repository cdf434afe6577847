-- Issue 10: a domain is proven by a per-team token (TXT _poststack-verification.<name>) plus its MX,
-- and verified domains are checked again on a schedule.

-- the claim's random token (published in DNS by its owner, so not a secret); null for domains an
-- operator created
alter table domain add column verification_token text;
-- the purposes of the records the last DNS check found (mx, verification, spf, dmarc); null: never
-- checked by DNS
alter table domain add column dns_found text[];
alter table domain add column dns_checked_at timestamptz;
-- since when a re-check has found a required record (mx, verification) missing on a verified
-- domain; null while they are all there. The API fails the domain once this is older than the grace
alter table domain add column dns_missing_since timestamptz;
-- how the domain was last verified: 'dns' (re-checked on a schedule) or 'operator' (force-verify,
-- vouched for by the operator; not re-checked)
alter table domain add column verified_by text check (verified_by in ('dns', 'operator'));

-- domains from before tokens: each claim gets its own token now, as the API would have made it
update domain set verification_token = replace(gen_random_uuid()::text, '-', '')
  where deleted_at is null;
update domain set verified_by = 'dns' where status = 'verified';

-- the re-check scan: verified domains checked by DNS, least recently checked first
create index domain_recheck on domain (dns_checked_at nulls first)
  where deleted_at is null and status = 'verified' and verified_by = 'dns';
