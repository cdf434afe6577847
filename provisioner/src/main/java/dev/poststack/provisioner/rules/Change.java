package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.dkim.DkimKey;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;

/** One row to write: its complete new state, inserted or replacing the row with the same id. */
public sealed interface Change
    permits Change.SaveDomain,
        Change.SaveMailbox,
        Change.SaveAlias,
        Change.SaveDkimKey,
        Change.DropDkimKey {

  record SaveDomain(Domain domain) implements Change {}

  record SaveMailbox(Mailbox mailbox) implements Change {}

  record SaveAlias(Alias alias) implements Change {}

  /**
   * A DKIM key's row, and whether the hosts hold it: its domain {@code domainName} is live and
   * verified (the rule decides, from the domain as the decision leaves it).
   */
  record SaveDkimKey(DkimKey key, String domainName, boolean onHosts) implements Change {}

  /** A cancelled, retired or orphaned key: its row is deleted and the hosts drop it. */
  record DropDkimKey(DkimKey key, String domainName) implements Change {}
}
