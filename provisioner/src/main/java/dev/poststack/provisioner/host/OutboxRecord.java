package dev.poststack.provisioner.host;

/**
 * One unpublished row of {@code host_entry_outbox}; {@code line} null is a tombstone, {@code owner}
 * the mailbox or alias whose own entry it is (null for the others).
 */
public record OutboxRecord(long id, String entryKey, String line, EntryOwner owner) {

  public OutboxRecord(long id, String entryKey, String line) {
    this(id, entryKey, line, null);
  }

  /** Lines carry password hashes: never in a log line. */
  @Override
  public String toString() {
    return "OutboxRecord[" + id + ", " + entryKey + (line == null ? ", tombstone]" : "]");
  }
}
