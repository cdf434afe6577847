package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Mail state → host entries. {@link #render} gives a host's whole desired set (a new host, a
 * replay, a content-hash check); the {@code changesOf} functions give what the provisioner
 * publishes after one object changed: a {@link EntryChange.Put} or {@link EntryChange.Remove} for
 * every key that object can own. Both are built from the same per-object rules, and a property test
 * checks that the puts of all objects are exactly the full render.
 */
public final class HostEntries {
  private HostEntries() {}

  /** The host's whole entry set, sorted by key. */
  public static List<HostEntry> render(HostState state) {
    TreeMap<EntryKey, HostEntry> entries = new TreeMap<>();
    List<EntryChange> changes = new ArrayList<>();
    state.domains().forEach(d -> changes.addAll(changesOf(d)));
    state.mailboxes().forEach(m -> changes.addAll(mailboxChanges(m)));
    for (HostAlias a : state.aliases()) {
      if (a.isLive()) {
        changes.addAll(changesOf(a, state.mailbox(a.destinationMailboxId()).orElseThrow()));
      }
    }
    for (EntryChange change : changes) {
      if (change instanceof EntryChange.Put put && entries.put(put.key(), put.entry()) != null) {
        // HostState already refuses this; a second writer for one key must never be silent
        throw new IllegalStateException("two objects render " + put.key());
      }
    }
    return List.copyOf(entries.values());
  }

  public static List<EntryChange> changesOf(HostDomain domain) {
    EntryKey key = EntryKey.of(domain.name());
    return List.of(
        domain.active()
            ? new EntryChange.Put(new DomainEntry(domain.name()))
            : new EntryChange.Remove(key));
  }

  /** A DKIM key's entry while the hosts should hold it; {@code dropped}: gone for good. */
  public static List<EntryChange> changesOf(HostDkimKey key, boolean dropped) {
    if (dropped || !key.onHosts()) {
      return List.of(new EntryChange.Remove(key.key()));
    }
    return List.of(
        new EntryChange.Put(
            new DkimKeyEntry(
                key.domain(), key.selector(), key.algorithm(), key.sealedKey(), key.state())));
  }

  /**
   * A mailbox change, together with the changes of the aliases pointing at it: deleting a mailbox
   * must also withdraw its aliases and their sending grants, and re-publishing an unchanged entry
   * is harmless because hosts are level-triggered.
   */
  public static List<EntryChange> changesOf(
      HostMailbox mailbox, Collection<HostAlias> aliasesOfIt) {
    List<EntryChange> changes = new ArrayList<>(mailboxChanges(mailbox));
    for (HostAlias alias : aliasesOfIt) {
      changes.addAll(changesOf(alias, mailbox));
    }
    return List.copyOf(changes);
  }

  /** An alias's entry and its sender grant: present only while both it and its destination live. */
  public static List<EntryChange> changesOf(HostAlias alias, HostMailbox destination) {
    if (alias.destinationMailboxId() != destination.id()) {
      throw new InvalidValueException("destinationMailboxId", "is not the given mailbox");
    }
    if (!alias.isLive() || !destination.isLive()) {
      return List.of(
          new EntryChange.Remove(EntryKey.of(EntryKind.ALIAS, alias.address())),
          new EntryChange.Remove(EntryKey.of(EntryKind.SENDER, alias.address())));
    }
    return List.of(
        new EntryChange.Put(new AliasEntry(alias.address(), destination.address())),
        new EntryChange.Put(new SenderEntry(alias.address(), destination.address())));
  }

  private static List<EntryChange> mailboxChanges(HostMailbox m) {
    if (!m.isLive()) {
      return List.of(new EntryChange.Remove(EntryKey.of(EntryKind.MAILBOX, m.address())));
    }
    return List.of(
        new EntryChange.Put(
            new MailboxEntry(m.address(), m.id(), m.passwordHash(), m.status(), m.quota())));
  }
}
