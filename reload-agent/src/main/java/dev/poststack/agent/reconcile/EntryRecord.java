package dev.poststack.agent.reconcile;

/**
 * One consumed record of the host-entries topic, as plain values so planning needs no Kafka: {@code
 * value == null} is a tombstone (the entry was removed).
 */
public record EntryRecord(int partition, long offset, String key, String value) {
  public EntryRecord {
    if (partition < 0 || offset < 0) {
      throw new IllegalArgumentException("partition and offset must not be negative");
    }
  }

  public boolean isTombstone() {
    return value == null;
  }
}
