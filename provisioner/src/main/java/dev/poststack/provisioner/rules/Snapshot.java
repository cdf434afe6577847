package dev.poststack.provisioner.rules;

import dev.poststack.provisioner.alias.Alias;
import dev.poststack.provisioner.dkim.DkimKey;
import dev.poststack.provisioner.domain.Domain;
import dev.poststack.provisioner.mailbox.Mailbox;
import dev.poststack.provisioner.team.TeamUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The current rows one event's decision needs, loaded inside the event's transaction. Which parts
 * are filled depends on what the event's rule {@link Read reads}; the rest stay empty.
 *
 * @param domain the row the event's domainId names, live or deleted, of any team
 * @param liveDomainsNamed DomainCreated: the live domains (any team) that have the name
 * @param nameHolder the live domain that holds the name (verified, or serving live addresses)
 * @param mailbox the row the event's mailboxId names; for AliasCreated, the destination
 * @param alias the row the event's aliasId names
 * @param publicIdTaken a created object's publicId is already used by another row
 * @param liveMailboxAtAddress the live mailbox with the event's local part in the domain
 * @param liveAliasAtAddress the live alias with the event's local part in the domain
 * @param liveAliasesToMailbox MailboxDeleted: the live aliases that deliver to the mailbox
 * @param liveMailboxesInDomain DomainDeleted: how many live mailboxes use the domain
 * @param liveAliasesInDomain DomainDeleted: how many live aliases use the domain
 * @param usage what the event's team holds (creates checked against a limit); none if not read
 * @param dkimKeys the DKIM keys of the event's domain, oldest first
 */
public record Snapshot(
    Optional<Domain> domain,
    List<Domain> liveDomainsNamed,
    Optional<Domain> nameHolder,
    Optional<Mailbox> mailbox,
    Optional<Alias> alias,
    boolean publicIdTaken,
    Optional<Mailbox> liveMailboxAtAddress,
    Optional<Alias> liveAliasAtAddress,
    List<Alias> liveAliasesToMailbox,
    long liveMailboxesInDomain,
    long liveAliasesInDomain,
    TeamUsage usage,
    List<DkimKey> dkimKeys) {

  public Snapshot {
    dkimKeys = List.copyOf(dkimKeys);
    liveDomainsNamed = List.copyOf(liveDomainsNamed);
    liveAliasesToMailbox = List.copyOf(liveAliasesToMailbox);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Filled by the loader read by read; tests get theirs from the loader too, never by hand. */
  public static final class Builder {
    private Domain domain;
    private final List<Domain> liveDomainsNamed = new ArrayList<>();
    private Domain nameHolder;
    private Mailbox mailbox;
    private Alias alias;
    private boolean publicIdTaken;
    private Mailbox liveMailboxAtAddress;
    private Alias liveAliasAtAddress;
    private final List<Alias> liveAliasesToMailbox = new ArrayList<>();
    private long liveMailboxesInDomain;
    private long liveAliasesInDomain;
    private TeamUsage usage = TeamUsage.NONE;
    private final List<DkimKey> dkimKeys = new ArrayList<>();

    public Builder dkimKey(DkimKey k) {
      dkimKeys.add(k);
      return this;
    }

    public Builder domain(Domain d) {
      domain = d;
      return this;
    }

    public Builder liveDomainNamed(Domain d) {
      liveDomainsNamed.add(d);
      return this;
    }

    public Builder nameHolder(Domain d) {
      nameHolder = d;
      return this;
    }

    public Builder usage(TeamUsage u) {
      usage = u;
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
          liveDomainsNamed,
          Optional.ofNullable(nameHolder),
          Optional.ofNullable(mailbox),
          Optional.ofNullable(alias),
          publicIdTaken,
          Optional.ofNullable(liveMailboxAtAddress),
          Optional.ofNullable(liveAliasAtAddress),
          liveAliasesToMailbox,
          liveMailboxesInDomain,
          liveAliasesInDomain,
          usage,
          dkimKeys);
    }
  }
}
