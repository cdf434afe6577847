package dev.poststack.renderer.host;

/**
 * What the provisioner publishes for one entry key after a change: the entry, or its removal (a
 * tombstone on the compacted topic, a DELETE in the host store).
 */
public sealed interface EntryChange permits EntryChange.Put, EntryChange.Remove {

  EntryKey key();

  record Put(HostEntry entry) implements EntryChange {
    public Put {
      java.util.Objects.requireNonNull(entry, "entry");
    }

    @Override
    public EntryKey key() {
      return entry.key();
    }
  }

  record Remove(EntryKey key) implements EntryChange {
    public Remove {
      java.util.Objects.requireNonNull(key, "key");
    }
  }
}
