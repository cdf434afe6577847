package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;

/** One row to write: its complete new state, inserted or replacing the row with the same id. */
public sealed interface Change permits Change.SaveDomain, Change.SaveMailbox, Change.SaveAlias {

  record SaveDomain(Domain domain) implements Change {}

  record SaveMailbox(Mailbox mailbox) implements Change {}

  record SaveAlias(Alias alias) implements Change {}
}
