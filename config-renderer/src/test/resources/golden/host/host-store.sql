PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS domains (
  name TEXT NOT NULL PRIMARY KEY CHECK (name = lower(name))
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mailboxes (
  address TEXT NOT NULL PRIMARY KEY CHECK (address = lower(address)),
  password TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
  home TEXT NOT NULL,
  quota_bytes INTEGER NOT NULL CHECK (quota_bytes > 0),
  login_key TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aliases (
  address TEXT NOT NULL PRIMARY KEY CHECK (address = lower(address)),
  target TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS senders (
  sender TEXT NOT NULL PRIMARY KEY CHECK (sender = lower(sender)),
  login TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dkim_keys (
  name TEXT NOT NULL PRIMARY KEY CHECK (name = lower(name)),
  domain TEXT NOT NULL,
  selector TEXT NOT NULL,
  algorithm TEXT NOT NULL CHECK (algorithm IN ('rsa', 'ed25519')),
  sealed_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'staged', 'retiring'))
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS consumer_positions (
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL CHECK (partition >= 0),
  next_offset INTEGER NOT NULL CHECK (next_offset >= 0),
  PRIMARY KEY (topic, partition)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
  name TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('content_hash', '0000000000000000000000000000000000000000000000000000000000000000') ON CONFLICT (name) DO NOTHING;
PRAGMA user_version = 3;

-- domain
INSERT INTO domains (name) VALUES (?) ON CONFLICT (name) DO NOTHING;
DELETE FROM domains WHERE name = ?;
SELECT name FROM domains WHERE name = ?;
-- mailbox
INSERT INTO mailboxes (address, password, status, home, quota_bytes) VALUES (?, ?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET password = excluded.password, status = excluded.status, home = excluded.home, quota_bytes = excluded.quota_bytes;
DELETE FROM mailboxes WHERE address = ?;
SELECT address, password, status, home, quota_bytes FROM mailboxes WHERE address = ?;
-- alias
INSERT INTO aliases (address, target) VALUES (?, ?) ON CONFLICT (address) DO UPDATE SET target = excluded.target;
DELETE FROM aliases WHERE address = ?;
SELECT address, target FROM aliases WHERE address = ?;
-- sender
INSERT INTO senders (sender, login) VALUES (?, ?) ON CONFLICT (sender) DO UPDATE SET login = excluded.login;
DELETE FROM senders WHERE sender = ?;
SELECT sender, login FROM senders WHERE sender = ?;
-- dkim
INSERT INTO dkim_keys (name, domain, selector, algorithm, sealed_key, state) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET domain = excluded.domain, selector = excluded.selector, algorithm = excluded.algorithm, sealed_key = excluded.sealed_key, state = excluded.state;
DELETE FROM dkim_keys WHERE name = ?;
SELECT name, domain, selector, algorithm, sealed_key, state FROM dkim_keys WHERE name = ?;
-- upgrade from schema version 1
ALTER TABLE mailboxes ADD COLUMN login_key TEXT NOT NULL DEFAULT '';
UPDATE mailboxes SET login_key = lower(hex(randomblob(8)));
CREATE TABLE IF NOT EXISTS dkim_keys (
  name TEXT NOT NULL PRIMARY KEY CHECK (name = lower(name)),
  domain TEXT NOT NULL,
  selector TEXT NOT NULL,
  algorithm TEXT NOT NULL CHECK (algorithm IN ('rsa', 'ed25519')),
  sealed_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'staged', 'retiring'))
) WITHOUT ROWID;
-- upgrade from schema version 2
CREATE TABLE IF NOT EXISTS dkim_keys (
  name TEXT NOT NULL PRIMARY KEY CHECK (name = lower(name)),
  domain TEXT NOT NULL,
  selector TEXT NOT NULL,
  algorithm TEXT NOT NULL CHECK (algorithm IN ('rsa', 'ed25519')),
  sealed_key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'staged', 'retiring'))
) WITHOUT ROWID;
-- a mailbox's sessions must end
UPDATE mailboxes SET login_key = lower(hex(randomblob(8))) WHERE address = ?;
-- positions and content hash
INSERT INTO consumer_positions (topic, partition, next_offset) VALUES (?, ?, ?) ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset;
SELECT topic, partition, next_offset FROM consumer_positions ORDER BY topic, partition;
UPDATE meta SET value = ? WHERE name = 'content_hash';
SELECT value FROM meta WHERE name = 'content_hash';
