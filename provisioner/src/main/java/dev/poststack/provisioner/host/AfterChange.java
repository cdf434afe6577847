package dev.poststack.provisioner.host;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.mailbox.Mailbox;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rows, read after an applied decision was written, that its changed objects' entries depend on
 * beyond the changed rows themselves.
 *
 * @param mailboxes the destination mailbox of every changed alias, by id
 * @param liveAliasesTo the live aliases of every changed mailbox, by mailbox id
 * @param nameVerifiedElsewhere the changed domains whose name another live domain has verified:
 *     that one owns the name's host entry
 */
public record AfterChange(
    Map<Long, Mailbox> mailboxes,
    Map<Long, List<Alias>> liveAliasesTo,
    Set<Long> nameVerifiedElsewhere) {

  public static final AfterChange NOTHING = new AfterChange(Map.of(), Map.of());

  public AfterChange {
    mailboxes = Map.copyOf(mailboxes);
    liveAliasesTo = Map.copyOf(liveAliasesTo);
    nameVerifiedElsewhere = Set.copyOf(nameVerifiedElsewhere);
  }

  public AfterChange(Map<Long, Mailbox> mailboxes, Map<Long, List<Alias>> liveAliasesTo) {
    this(mailboxes, liveAliasesTo, Set.of());
  }

  Optional<Mailbox> mailbox(long id) {
    return Optional.ofNullable(mailboxes.get(id));
  }

  boolean nameVerifiedElsewhere(long domainId) {
    return nameVerifiedElsewhere.contains(domainId);
  }

  List<Alias> liveAliasesTo(long mailboxId) {
    return liveAliasesTo.getOrDefault(mailboxId, List.of());
  }
}
