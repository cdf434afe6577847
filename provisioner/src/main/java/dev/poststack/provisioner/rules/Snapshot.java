package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The current rows one event's decision needs, loaded inside the event's transaction. Which parts
 * are filled depends on what the event's rule {@link Read reads}; the rest stay empty.
 *
 * @param domain the row the event's domainId names, live or deleted, of any team
 * @param liveDomainNamed DomainCreated: the live domain (any team) that already has the name
 * @param mailbox the row the event's mailboxId names; for AliasCreated, the destination
 * @param alias the row the event's aliasId names
 * @param publicIdTaken a created object's publicId is already used by another row
 * @param liveMailboxAtAddress the live mailbox with the event's local part in the domain
 * @param liveAliasAtAddress the live alias with the event's local part in the domain
 * @param liveAliasesToMailbox MailboxDeleted: the live aliases that deliver to the mailbox
 * @param liveMailboxesInDomain DomainDeleted: how many live mailboxes use the domain
 * @param liveAliasesInDomain DomainDeleted: how many live aliases use the domain
 */
public record Snapshot(
    Optional<Domain> domain,
    Optional<Domain> liveDomainNamed,
    Optional<Mailbox> mailbox,
    Optional<Alias> alias,
    boolean publicIdTaken,
    Optional<Mailbox> liveMailboxAtAddress,
    Optional<Alias> liveAliasAtAddress,
    List<Alias> liveAliasesToMailbox,
    long liveMailboxesInDomain,
    long liveAliasesInDomain) {

  public Snapshot {
    liveAliasesToMailbox = List.copyOf(liveAliasesToMailbox);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Filled by the loader read by read; tests get theirs from the loader too, never by hand. */
  public static final class Builder {
    private Domain domain;
    private Domain liveDomainNamed;
    private Mailbox mailbox;
    private Alias alias;
    private boolean publicIdTaken;
    private Mailbox liveMailboxAtAddress;
    private Alias liveAliasAtAddress;
    private final List<Alias> liveAliasesToMailbox = new ArrayList<>();
    private long liveMailboxesInDomain;
    private long liveAliasesInDomain;

    public Builder domain(Domain d) {
      domain = d;
      return this;
    }

    public Builder liveDomainNamed(Domain d) {
      liveDomainNamed = d;
      return this;
    }

    public Builder mailbox(Mailbox m) {
      mailbox = m;
      return this;
    }

    public Builder alias(Alias a) {
      alias = a;
      return this;
    }

    public Builder publicIdTaken(boolean taken) {
      publicIdTaken = taken;
      return this;
    }

    public Builder liveMailboxAtAddress(Mailbox m) {
      liveMailboxAtAddress = m;
      return this;
    }

    public Builder liveAliasAtAddress(Alias a) {
      liveAliasAtAddress = a;
      return this;
    }

    public Builder liveAliasToMailbox(Alias a) {
      liveAliasesToMailbox.add(a);
      return this;
    }

    public Builder liveMailboxesInDomain(long count) {
      liveMailboxesInDomain = count;
      return this;
    }

    public Builder liveAliasesInDomain(long count) {
      liveAliasesInDomain = count;
      return this;
    }

    public Snapshot build() {
      return new Snapshot(
          Optional.ofNullable(domain),
          Optional.ofNullable(liveDomainNamed),
          Optional.ofNullable(mailbox),
          Optional.ofNullable(alias),
          publicIdTaken,
          Optional.ofNullable(liveMailboxAtAddress),
          Optional.ofNullable(liveAliasAtAddress),
          liveAliasesToMailbox,
          liveMailboxesInDomain,
          liveAliasesInDomain);
    }
  }
}
