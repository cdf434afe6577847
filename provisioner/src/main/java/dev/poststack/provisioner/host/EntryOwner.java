package dev.poststack.provisioner.host;

import dev.poststack.controlplane.propagation.PropagationSql;

/**
 * The object whose own host entry an outbox row carries: a mailbox (its {@code mailbox:} entry) or
 * an alias (its {@code alias:} entry). Propagation is looked up by it, because an entry key names
 * an address, and an address outlives the object that held it.
 *
 * @param kind {@link PropagationSql#MAILBOX} or {@link PropagationSql#ALIAS}
 */
public record EntryOwner(String kind, long id) {

  public EntryOwner {
    if (!PropagationSql.MAILBOX.equals(kind) && !PropagationSql.ALIAS.equals(kind)) {
      throw new IllegalArgumentException("no entry owner kind " + kind);
    }
  }

  public static EntryOwner mailbox(long id) {
    return new EntryOwner(PropagationSql.MAILBOX, id);
  }

  public static EntryOwner alias(long id) {
    return new EntryOwner(PropagationSql.ALIAS, id);
  }
}
