package dev.poststack.provisioner.host;

/** One unpublished row of {@code host_entry_outbox}; {@code line} null is a tombstone. */
public record OutboxRecord(long id, String entryKey, String line) {

  /** Lines carry password hashes: never in a log line. */
  @Override
  public String toString() {
    return "OutboxRecord[" + id + ", " + entryKey + (line == null ? ", tombstone]" : "]");
  }
}
