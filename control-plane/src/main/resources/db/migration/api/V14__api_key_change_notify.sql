-- Each API instance keeps the keys it looked up (apikey.ApiKeyCache) and drops one when this
-- notification names its hash. Row-level and after the change, so it is delivered only when the
-- change commits; fired by every writer (API, operator CLI, SQL by hand). Only the columns auth
-- reads: last_used_at (touched once a minute per busy key) does not fire it.
create function api_key_changed_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('poststack_api_key', old.key_hash);
  return null;
end
$$;

create trigger api_key_changed_notify
  after update of key_hash, revoked_at, permission, domain_id, team_id or delete on api_key
  for each row execute function api_key_changed_notify();
