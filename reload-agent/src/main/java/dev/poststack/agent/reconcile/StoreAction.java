package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;

/** One row change in the host store, with the row it replaces (for the hash and the kicks). */
public sealed interface StoreAction {

  EntryKey key();

  /** The key has a row the desired state does not want. */
  record Delete(HostEntry previous) implements StoreAction {
    @Override
    public EntryKey key() {
      return previous.key();
    }
  }

  /** The desired entry has no row yet. */
  record Insert(HostEntry entry) implements StoreAction {
    @Override
    public EntryKey key() {
      return entry.key();
    }
  }

  /** The key's row differs from the desired entry. */
  record Update(HostEntry entry, HostEntry previous) implements StoreAction {
    @Override
    public EntryKey key() {
      return entry.key();
    }
  }
}
