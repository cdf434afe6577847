package dev.poststack.renderer.hostconfig;

import java.util.List;

/**
 * The activity store: a SQLite file of its own (WAL) where Dovecot records, on the host and without
 * waiting on anything remote, the latest login per mailbox and service and each mailbox's usage.
 * Dovecot's dict server (last_login, quota_clone) and auth workers (the SMTP AUTH recorder) write
 * it; the agent reads, forwards and deletes what it forwarded. Kept apart from the host store so
 * these writes never contend with the lookups every login and delivery makes there.
 *
 * <p>Every upsert target has the primary key dict-sql names in its {@code ON CONFLICT}.
 */
public final class ActivityStore {
  private ActivityStore() {}

  /** last_login rows: {@code (username, service) → ts} (unix seconds), imap and pop3. */
  public static final String LAST_LOGIN = "last_login";

  /** The SMTP AUTH recorder's rows: {@code (username, service) → ts}, service {@code smtp}. */
  public static final String AUTH_LOGIN = "auth_login";

  /** quota_clone rows: {@code username → bytes, messages}. */
  public static final String QUOTA = "quota";

  /** The agent's own rows: how far it forwarded the Dovecot log (written after Kafka acked). */
  public static final String LOG_POSITION = "agent_log_position";

  public static final List<String> SCHEMA =
      List.of(
          "CREATE TABLE IF NOT EXISTS "
              + LAST_LOGIN
              + " (username TEXT NOT NULL, service TEXT NOT NULL, ts INTEGER NOT NULL,"
              + " PRIMARY KEY (username, service)) WITHOUT ROWID",
          "CREATE TABLE IF NOT EXISTS "
              + AUTH_LOGIN
              + " (username TEXT NOT NULL, service TEXT NOT NULL, ts INTEGER NOT NULL,"
              + " PRIMARY KEY (username, service)) WITHOUT ROWID",
          "CREATE TABLE IF NOT EXISTS "
              + QUOTA
              + " (username TEXT NOT NULL PRIMARY KEY, bytes INTEGER NOT NULL DEFAULT 0,"
              + " messages INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID",
          "CREATE TABLE IF NOT EXISTS "
              + LOG_POSITION
              + " (name TEXT NOT NULL PRIMARY KEY, file_key TEXT NOT NULL,"
              + " offset INTEGER NOT NULL CHECK (offset >= 0)) WITHOUT ROWID");
}
