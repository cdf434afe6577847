package dev.poststack.agent.activity;

/**
 * A row as the agent read it from the activity store. Deleting it after Kafka acknowledged compares
 * every value: a row Dovecot updated meanwhile differs and stays, to be sent next time.
 */
sealed interface ActivityRow {
  String username();

  /** A last_login (imap, pop3) or recorder (smtp) row; {@code ts} in unix seconds. */
  record Login(String table, String username, String service, long ts) implements ActivityRow {}

  /** A quota_clone row. */
  record Usage(String username, long bytes, long messages) implements ActivityRow {}
}
