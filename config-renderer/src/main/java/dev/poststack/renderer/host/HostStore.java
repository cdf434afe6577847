package dev.poststack.renderer.host;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The host store's SQLite schema and the statements that write it, owned here so the reload agent's
 * writes and the daemons' queries (rendered in {@code hostconfig}) name the same tables.
 *
 * <p>One row per entry key. There are no foreign keys on purpose: entries arrive from a compacted
 * topic whose partitions interleave freely (a mailbox may arrive before its domain), and a rejected
 * row would stall the agent. Every column a daemon or the agent looks up by is a primary key.
 */
public final class HostStore {
  private HostStore() {}

  /** 2: {@code mailboxes.login_key}; 3: {@code dkim_keys}. */
  public static final int SCHEMA_VERSION = 3;

  public static final String CONTENT_HASH = "content_hash";

  /**
   * A column of {@code mailboxes} that no entry carries: a random word the agent renews whenever a
   * mailbox's open sessions must end (inserted, suspended, given a new password). Dovecot hands
   * Postfix the SASL login {@code <address>/<login_key>}; Postfix ends a submission session whose
   * login is no longer an active mailbox's current one (see {@code hostconfig.SmtpLogins}).
   */
  public static final String LOGIN_KEY = "login_key";

  /**
   * A host's DKIM keys, sealed ({@code HostKeySeal}); the agent opens them into key files and lists
   * the {@code active} ones in rspamd's key map. {@code name} is {@code
   * <selector>._domainkey.<domain>}, the seal's AAD.
   */
  private static final String DKIM_KEYS_DDL =
      "CREATE TABLE IF NOT EXISTS dkim_keys (\n"
          + "  name TEXT NOT NULL PRIMARY KEY CHECK (name = lower(name)),\n"
          + "  domain TEXT NOT NULL,\n"
          + "  selector TEXT NOT NULL,\n"
          + "  algorithm TEXT NOT NULL CHECK (algorithm IN ('rsa', 'ed25519')),\n"
          + "  sealed_key TEXT NOT NULL,\n"
          + "  state TEXT NOT NULL CHECK (state IN ('active', 'staged', 'retiring'))\n"
          + ") WITHOUT ROWID";

  /**
   * Run once on the agent's writer connection, outside a transaction. WAL is stored in the file and
   * mandatory: Postfix's sqlite client has no busy handler and dies on "database is locked" under a
   * rollback journal.
   */
  public static final String JOURNAL_MODE = "PRAGMA journal_mode = WAL";

  /**
   * Creates or confirms the schema; idempotent, run in one transaction after {@link #JOURNAL_MODE}.
   */
  public static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS domains (\n"
              + "  name TEXT NOT NULL PRIMARY KEY CHECK (name = lower(name))\n"
              + ") WITHOUT ROWID",
          "CREATE TABLE IF NOT EXISTS mailboxes (\n"
              + "  address TEXT NOT NULL PRIMARY KEY CHECK (address = lower(address)),\n"
              + "  password TEXT NOT NULL,\n"
              + "  status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),\n"
              + "  home TEXT NOT NULL,\n"
              + "  quota_bytes INTEGER NOT NULL CHECK (quota_bytes > 0),\n"
              + "  "
              + LOGIN_KEY
              + " TEXT NOT NULL DEFAULT ''\n"
              + ") WITHOUT ROWID",
          "CREATE TABLE IF NOT EXISTS aliases (\n"
              + "  address TEXT NOT NULL PRIMARY KEY CHECK (address = lower(address)),\n"
              + "  target TEXT NOT NULL\n"
              + ") WITHOUT ROWID",
          "CREATE TABLE IF NOT EXISTS senders (\n"
              + "  sender TEXT NOT NULL PRIMARY KEY CHECK (sender = lower(sender)),\n"
              + "  login TEXT NOT NULL\n"
              + ") WITHOUT ROWID",
          DKIM_KEYS_DDL,
          "CREATE TABLE IF NOT EXISTS consumer_positions (\n"
              + "  topic TEXT NOT NULL,\n"
              + "  partition INTEGER NOT NULL CHECK (partition >= 0),\n"
              + "  next_offset INTEGER NOT NULL CHECK (next_offset >= 0),\n"
              + "  PRIMARY KEY (topic, partition)\n"
              + ") WITHOUT ROWID",
          "CREATE TABLE IF NOT EXISTS meta (\n"
              + "  name TEXT NOT NULL PRIMARY KEY,\n"
              + "  value TEXT NOT NULL\n"
              + ") WITHOUT ROWID",
          "INSERT INTO meta (name, value) VALUES ('"
              + CONTENT_HASH
              + "', '"
              + ContentHash.EMPTY.hex()
              + "')"
              + " ON CONFLICT (name) DO NOTHING",
          "PRAGMA user_version = " + SCHEMA_VERSION);

  /**
   * What brings a store written at {@code version} ({@code PRAGMA user_version}) up to {@link
   * #SCHEMA_VERSION}, run in one transaction before {@link #DDL}; nothing for a new store (version
   * 0, the DDL creates it) or a current one. Version 2 gains the {@code dkim_keys} table. Every
   * mailbox of a version 1 store gets its first login key, so sessions opened before the upgrade
   * (their login has no key) end at their next message.
   */
  public static List<String> upgradeFrom(int version) {
    if (version < 0 || version > SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "the host store has schema version "
              + version
              + ", this agent knows 0 to "
              + SCHEMA_VERSION);
    }
    List<String> steps = new ArrayList<>();
    if (version == 1) {
      steps.add("ALTER TABLE mailboxes ADD COLUMN " + LOGIN_KEY + " TEXT NOT NULL DEFAULT ''");
      steps.add("UPDATE mailboxes SET " + LOGIN_KEY + " = " + NEW_LOGIN_KEY);
    }
    if (version == 1 || version == 2) {
      steps.add(DKIM_KEYS_DDL);
    }
    return List.copyOf(steps);
  }

  /** 64 random bits in hex: a renewed key never equals the one before (SQLite's own PRNG). */
  private static final String NEW_LOGIN_KEY = "lower(hex(randomblob(8)))";

  /**
   * Parameter: a mailbox address. Run after the upsert of a new mailbox and of a change that ends
   * its sessions, in the same transaction.
   */
  public static final String RENEW_LOGIN_KEY_SQL =
      "UPDATE mailboxes SET " + LOGIN_KEY + " = " + NEW_LOGIN_KEY + " WHERE address = ?";

  /** Parameters: {@link HostEntry#columnValues()} in order. */
  public static String upsertSql(EntryKind kind) {
    List<String> cols = kind.columns();
    String insert =
        "INSERT INTO "
            + kind.table()
            + " ("
            + String.join(", ", cols)
            + ") VALUES ("
            + cols.stream().map(c -> "?").collect(Collectors.joining(", "))
            + ")";
    if (cols.size() == 1) {
      return insert + " ON CONFLICT (" + kind.keyColumn() + ") DO NOTHING";
    }
    return insert
        + " ON CONFLICT ("
        + kind.keyColumn()
        + ") DO UPDATE SET "
        + cols.stream().skip(1).map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
  }

  /**
   * The upsert of a mailbox row that did not exist, with its first login key in the same statement
   * (one statement per new mailbox instead of an upsert and {@link #RENEW_LOGIN_KEY_SQL}).
   * Parameters: {@link HostEntry#columnValues()} in order.
   */
  public static String insertMailboxWithNewLoginKeySql() {
    List<String> cols = EntryKind.MAILBOX.columns();
    return "INSERT INTO "
        + EntryKind.MAILBOX.table()
        + " ("
        + String.join(", ", cols)
        + ", "
        + LOGIN_KEY
        + ") VALUES ("
        + cols.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ", "
        + NEW_LOGIN_KEY
        + ") ON CONFLICT ("
        + EntryKind.MAILBOX.keyColumn()
        + ") DO UPDATE SET "
        + cols.stream().skip(1).map(c -> c + " = excluded." + c).collect(Collectors.joining(", "))
        + ", "
        + LOGIN_KEY
        + " = excluded."
        + LOGIN_KEY;
  }

  /** Parameter: {@link EntryKey#name()}. */
  public static String deleteSql(EntryKind kind) {
    return "DELETE FROM " + kind.table() + " WHERE " + kind.keyColumn() + " = ?";
  }

  /**
   * The current row of one key (parameter: {@link EntryKey#name()}), for hash updates and kicks.
   */
  public static String selectSql(EntryKind kind) {
    return selectAllSql(kind) + " WHERE " + kind.keyColumn() + " = ?";
  }

  /** Every row of a kind, for recomputing the content hash from the store. */
  public static String selectAllSql(EntryKind kind) {
    return "SELECT " + String.join(", ", kind.columns()) + " FROM " + kind.table();
  }

  /** Parameters: topic, partition, next offset. */
  public static final String UPSERT_POSITION_SQL =
      "INSERT INTO consumer_positions (topic, partition, next_offset) VALUES (?, ?, ?)"
          + " ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset";

  public static final String SELECT_POSITIONS_SQL =
      "SELECT topic, partition, next_offset FROM consumer_positions ORDER BY topic, partition";

  /** Parameter: {@link ContentHash#hex()}. */
  public static final String UPDATE_CONTENT_HASH_SQL =
      "UPDATE meta SET value = ? WHERE name = '" + CONTENT_HASH + "'";

  public static final String SELECT_CONTENT_HASH_SQL =
      "SELECT value FROM meta WHERE name = '" + CONTENT_HASH + "'";

  /** The whole schema as one script, for people and the {@code sqlite3} shell. */
  public static String script() {
    return JOURNAL_MODE + ";\n" + String.join(";\n", DDL) + ";\n";
  }
}
