-- Idempotency records bound to the API key that made them and claimed with a token (issue 9).
--
-- key_hash (was idempotency_key): the SHA-256 (hex) of the Idempotency-Key, never the key itself.
-- fingerprint: an HMAC-SHA256 of method, path, query and the whole body (password included) under a
--   key derived from the Idempotency-Key and the caller's bearer token, neither of which is stored
--   usably, so a dump cannot test guesses of a password against it. It replaces password_hash.
-- api_key_id, key_domain_scope: the key that claimed the record and its domain scope then; a replay
--   is for that key only (another key of the team gets 422) and only while its scope still covers
--   that one (else 403).
-- claim_token: random per claim; only its holder keeps the claim alive, completes or releases it,
--   so a request whose claim was taken over cannot overwrite the taker's answer.
-- sealed_body: an answer that shows a secret once (a new API key) kept whole only AES-GCM-sealed
--   under a key derived like the fingerprint's; response_body holds it without the secret.
--
-- Rows from before hold plain Idempotency-Keys and fingerprints the new ones cannot be compared
-- with, so they go: a retry across this upgrade runs again (a create then finds its name taken).
delete from idempotency_record;

alter table idempotency_record rename column idempotency_key to key_hash;
alter table idempotency_record drop column password_hash;
alter table idempotency_record
  add column api_key_id       bigint not null,
  add column key_domain_scope bigint,
  add column claim_token      text   not null,
  add column sealed_body      text;
