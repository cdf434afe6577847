package dev.poststack.renderer.host;

import java.util.List;

/**
 * The kinds of host entry, each stored as one row of its own table in the host store. The first
 * column is the row's key (the address or domain in the entry key); the column order here is the
 * order of {@link HostEntry#columnValues()}, of the upsert parameters and of the text line.
 */
public enum EntryKind {
  DOMAIN("domain", "domains", List.of("name")),
  MAILBOX("mailbox", "mailboxes", List.of("address", "password", "status", "home", "quota_bytes")),
  ALIAS("alias", "aliases", List.of("address", "target")),
  SENDER("sender", "senders", List.of("sender", "login")),
  DKIM(
      "dkim",
      "dkim_keys",
      List.of("name", "domain", "selector", "algorithm", "sealed_key", "state"));

  private final String prefix;
  private final String table;
  private final List<String> columns;

  EntryKind(String prefix, String table, List<String> columns) {
    this.prefix = prefix;
    this.table = table;
    this.columns = columns;
  }

  /** The word that starts the entry key and the text line, e.g. {@code mailbox}. */
  public String prefix() {
    return prefix;
  }

  public String table() {
    return table;
  }

  public List<String> columns() {
    return columns;
  }

  public String keyColumn() {
    return columns.get(0);
  }

  public static EntryKind ofPrefix(String prefix) {
    for (EntryKind kind : values()) {
      if (kind.prefix.equals(prefix)) {
        return kind;
      }
    }
    throw new dev.poststack.values.InvalidValueException("kind", "unknown entry kind");
  }
}
