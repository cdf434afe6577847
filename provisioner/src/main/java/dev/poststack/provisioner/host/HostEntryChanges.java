package dev.poststack.provisioner.host;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.rules.Change;
import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.EntryKind;
import dev.poststack.renderer.host.HostEntries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host-entry changes of one applied decision, computed from the state after it: pure, so every
 * event type's entries are tested given/when/expect without Spring, Kafka or PostgreSQL.
 *
 * <ul>
 *   <li>a domain → its entry (removed while unverified, inbound-disabled or deleted), unless
 *       another domain has its name verified: then the entry is that one's and this one has none;
 *   <li>a mailbox → its entry and the entries (alias and sender grant) of each of its aliases; a
 *       deleted mailbox and the aliases deleted with it → tombstones;
 *   <li>an alias → its alias and sender entries, tombstones once it is deleted;
 *   <li>a DKIM key → its entry while its domain is live and verified, else (and once dropped) a
 *       tombstone.
 * </ul>
 *
 * Re-publishing an unchanged entry is harmless (keyed, compacted, hosts level-triggered), so the
 * rules publish every key an object owns rather than diffing against what was there before.
 */
public final class HostEntryChanges {
  private HostEntryChanges() {}

  /** One change per key, in the order the decision's rows first produce it. */
  public static List<EntryChange> of(List<Change> changes, AfterChange after) {
    Map<Long, Mailbox> changedMailboxes = new LinkedHashMap<>();
    Map<Long, Alias> changedAliases = new LinkedHashMap<>();
    for (Change change : changes) {
      if (change instanceof Change.SaveMailbox c) {
        changedMailboxes.put(c.mailbox().id(), c.mailbox());
      } else if (change instanceof Change.SaveAlias c) {
        changedAliases.put(c.alias().id(), c.alias());
      }
    }
    Map<EntryKey, EntryChange> byKey = new LinkedHashMap<>();
    for (Change change : changes) {
      for (EntryChange entry : entriesOf(change, changedMailboxes, changedAliases, after)) {
        byKey.put(entry.key(), entry);
      }
    }
    return List.copyOf(byKey.values());
  }

  /**
   * Whose own entry each key of {@link #of} is: a changed mailbox's {@code mailbox:} key, the
   * {@code alias:} key of a changed alias and of each alias a changed mailbox re-publishes. The
   * other keys (domains, sender grants) have no owner: propagation is asked of mailboxes and
   * aliases.
   */
  public static Map<EntryKey, EntryOwner> owners(List<Change> changes, AfterChange after) {
    Map<Long, Alias> changedAliases = new LinkedHashMap<>();
    for (Change change : changes) {
      if (change instanceof Change.SaveAlias c) {
        changedAliases.put(c.alias().id(), c.alias());
      }
    }
    Map<EntryKey, EntryOwner> owners = new LinkedHashMap<>();
    for (Change change : changes) {
      if (change instanceof Change.SaveMailbox c) {
        Mailbox mailbox = c.mailbox();
        owners.put(
            new EntryKey(EntryKind.MAILBOX, mailbox.emailAddress()),
            EntryOwner.mailbox(mailbox.id()));
        aliasesOf(mailbox.id(), changedAliases, after)
            .forEach(a -> owners.put(ownKey(a), EntryOwner.alias(a.id())));
      } else if (change instanceof Change.SaveAlias c) {
        owners.put(ownKey(c.alias()), EntryOwner.alias(c.alias().id()));
      }
    }
    return owners;
  }

  private static EntryKey ownKey(Alias alias) {
    return new EntryKey(EntryKind.ALIAS, alias.aliasAddress());
  }

  private static List<EntryChange> entriesOf(
      Change change,
      Map<Long, Mailbox> changedMailboxes,
      Map<Long, Alias> changedAliases,
      AfterChange after) {
    if (change instanceof Change.SaveDomain c) {
      // entries are keyed by name: a second, unverified claim on a name must not touch the
      // verified owner's entry (its creation would otherwise publish a tombstone for it)
      if (after.nameVerifiedElsewhere(c.domain().id())) {
        return List.of();
      }
      return HostEntries.changesOf(RenderedObjects.domain(c.domain()));
    }
    if (change instanceof Change.SaveMailbox c) {
      Mailbox mailbox = c.mailbox();
      return HostEntries.changesOf(
          RenderedObjects.mailbox(mailbox),
          aliasesOf(mailbox.id(), changedAliases, after).stream()
              .map(RenderedObjects::alias)
              .toList());
    }
    if (change instanceof Change.SaveAlias c) {
      Alias alias = c.alias();
      long destinationId = alias.destinationMailboxId();
      Mailbox destination =
          changedMailboxes.containsKey(destinationId)
              ? changedMailboxes.get(destinationId)
              : after
                  .mailbox(destinationId)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "alias "
                                  + alias.id()
                                  + ": destination mailbox "
                                  + destinationId
                                  + " not loaded"));
      return HostEntries.changesOf(
          RenderedObjects.alias(alias), RenderedObjects.mailbox(destination));
    }
    if (change instanceof Change.SaveDkimKey c) {
      return HostEntries.changesOf(
          RenderedObjects.dkimKey(c.key(), c.domainName(), c.onHosts()), false);
    }
    if (change instanceof Change.DropDkimKey c) {
      return HostEntries.changesOf(RenderedObjects.dkimKey(c.key(), c.domainName(), false), true);
    }
    throw new IllegalStateException("no host entries rule for " + change);
  }

  /** Its live aliases after the change, plus those this decision changed (e.g. deleted with it). */
  private static List<Alias> aliasesOf(
      long mailboxId, Map<Long, Alias> changedAliases, AfterChange after) {
    Map<Long, Alias> aliases = new LinkedHashMap<>();
    after.liveAliasesTo(mailboxId).forEach(a -> aliases.put(a.id(), a));
    changedAliases.values().stream()
        .filter(a -> a.destinationMailboxId() == mailboxId)
        .forEach(a -> aliases.put(a.id(), a));
    return new ArrayList<>(aliases.values());
  }
}
