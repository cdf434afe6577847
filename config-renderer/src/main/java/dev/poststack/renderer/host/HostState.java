package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.EmailAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mail state a host's entries are rendered from. The constructor refuses a state in which an
 * entry could answer for a different user: two live mailboxes (or aliases, or active domains) with
 * one address, an alias shadowing a live mailbox (mail and sending rights would go to the alias's
 * owner), or a live alias whose destination mailbox is not in the state.
 */
public record HostState(
    List<HostDomain> domains, List<HostMailbox> mailboxes, List<HostAlias> aliases) {

  public static final HostState EMPTY = new HostState(List.of(), List.of(), List.of());

  public HostState {
    domains = List.copyOf(domains);
    mailboxes = List.copyOf(mailboxes);
    aliases = List.copyOf(aliases);
    // static over the parameters: a compact constructor assigns the fields only after its body
    checkIdsUnique(domains, mailboxes, aliases);
    checkOneLiveOwnerPerName(domains, mailboxes, aliases);
  }

  public Optional<HostMailbox> mailbox(long id) {
    return mailboxes.stream().filter(m -> m.id() == id).findFirst();
  }

  /** The aliases whose destination is the given mailbox: they change when it does. */
  public List<HostAlias> aliasesOf(long mailboxId) {
    return aliases.stream().filter(a -> a.destinationMailboxId() == mailboxId).toList();
  }

  private static void checkIdsUnique(
      List<HostDomain> domains, List<HostMailbox> mailboxes, List<HostAlias> aliases) {
    unique("domainId", domains.stream().map(HostDomain::id).toList());
    unique("mailboxId", mailboxes.stream().map(HostMailbox::id).toList());
    unique("aliasId", aliases.stream().map(HostAlias::id).toList());
  }

  private static void checkOneLiveOwnerPerName(
      List<HostDomain> domains, List<HostMailbox> mailboxes, List<HostAlias> aliases) {
    unique(
        "domains", domains.stream().filter(HostDomain::active).map(d -> d.name().value()).toList());
    Set<EmailAddress> live = new HashSet<>();
    for (HostMailbox m : mailboxes) {
      if (m.isLive() && !live.add(m.address())) {
        throw new InvalidValueException("mailboxes", "two live mailboxes share an address");
      }
    }
    Map<Long, HostMailbox> byId = new HashMap<>();
    mailboxes.forEach(m -> byId.put(m.id(), m));
    Set<EmailAddress> aliasAddresses = new HashSet<>();
    for (HostAlias a : aliases) {
      if (!a.isLive()) {
        continue;
      }
      if (!aliasAddresses.add(a.address())) {
        throw new InvalidValueException("aliases", "two live aliases share an address");
      }
      if (live.contains(a.address())) {
        throw new InvalidValueException("aliases", "an alias must not shadow a live mailbox");
      }
      if (!byId.containsKey(a.destinationMailboxId())) {
        throw new InvalidValueException("aliases", "an alias's destination mailbox is missing");
      }
    }
  }

  private static void unique(String field, List<?> values) {
    if (new HashSet<>(values).size() != values.size()) {
      throw new InvalidValueException(field, "must be unique");
    }
  }
}
