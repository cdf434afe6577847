package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.MailboxEntry;
import dev.poststack.values.mailbox.MailboxStatus;

/**
 * One row change in the host store, with the row it replaces (for the hash, the kicks and the login
 * keys).
 */
public sealed interface StoreAction {

  EntryKey key();

  /**
   * Whether the mailbox row gets a new login key after this write: a new mailbox, and one whose
   * open sessions must end. Postfix ends a submission session whose login carries an old key.
   */
  default boolean renewsLoginKey() {
    return false;
  }

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

    /** A re-created address must not match a session of the mailbox it had before. */
    @Override
    public boolean renewsLoginKey() {
      return entry instanceof MailboxEntry;
    }
  }

  /** The key's row differs from the desired entry. */
  record Update(HostEntry entry, HostEntry previous) implements StoreAction {
    @Override
    public EntryKey key() {
      return entry.key();
    }

    /**
     * A mailbox suspended, given a new password, or replaced by another mailbox at the same address
     * (its deletion compacted away): sessions opened with the old right must end.
     */
    public boolean endsSessions() {
      if (previous instanceof MailboxEntry before && entry instanceof MailboxEntry now) {
        boolean suspended =
            before.status() == MailboxStatus.ACTIVE && now.status() == MailboxStatus.SUSPENDED;
        return suspended
            || !before.passwordHash().equals(now.passwordHash())
            || before.mailboxId() != now.mailboxId();
      }
      return false;
    }

    @Override
    public boolean renewsLoginKey() {
      return endsSessions();
    }
  }
}
