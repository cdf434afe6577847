package dev.poststack.renderer.host;

import java.util.List;

/**
 * One row of a mail host's lookup store, derived from mail state. Entries are values: two entries
 * are equal exactly when their rows (and so their text lines and hashes) are equal.
 */
public sealed interface HostEntry
    permits DomainEntry, MailboxEntry, AliasEntry, SenderEntry, DkimKeyEntry {

  EntryKey key();

  /**
   * The row's values in {@link EntryKind#columns()} order: {@code String} for TEXT columns, {@code
   * Long} for INTEGER ones. The agent binds these to {@link HostStore#upsertSql(EntryKind)}.
   */
  List<Object> columnValues();

  default EntryKind kind() {
    return key().kind();
  }

  /** The canonical one-line text form, see {@link EntryCodec#line(HostEntry)}. */
  default String line() {
    return EntryCodec.line(this);
  }
}
