-- When the provisioner last asked a host to rebuild its store (a hash that differs from the expected
-- one at the end of every partition); at most one request per host per interval.
alter table mail_host add column resync_requested_at timestamptz;
