package dev.poststack.provisioner.rules;

/**
 * One thing a rule reads before it decides, as a value: a rule says what it needs and the loader
 * (the I/O edge) fetches it into the {@link Snapshot} field named here, so a rule stays pure and
 * its needs can be read in one place.
 */
public sealed interface Read {

  /** {@link Snapshot#domain()}: the row with this id, live or deleted, of any team. */
  record DomainById(long domainId) implements Read {}

  /** {@link Snapshot#liveDomainsNamed()}: the live domains (any team) with this name. */
  record LiveDomainsNamed(String name) implements Read {}

  /**
   * {@link Snapshot#nameHolder()}: the live domain that holds this name — verified, or still
   * serving live mailboxes or aliases. An unverified, unused domain holds nothing.
   */
  record NameHolder(String name) implements Read {}

  /**
   * {@link Snapshot#nameHolder()}: the holder of this domain's name, if another domain holds it.
   */
  record OtherNameHolder(long domainId) implements Read {}

  /**
   * {@link Snapshot#usage()}: what the team holds, its usage row locked until the transaction ends
   * so that the team's creates are counted one after the other.
   */
  record TeamUsageOf(long teamId) implements Read {}

  /** {@link Snapshot#mailbox()}: the row with this id, live or deleted. */
  record MailboxById(long mailboxId) implements Read {}

  /** {@link Snapshot#alias()}: the row with this id, live or deleted. */
  record AliasById(long aliasId) implements Read {}

  /** {@link Snapshot#publicIdTaken()}: some row of the table already has this public id. */
  record PublicIdTaken(Table table, String publicId) implements Read {}

  /**
   * {@link Snapshot#liveMailboxAtAddress()} and {@code liveAliasAtAddress()}: uniqueness spans
   * both.
   */
  record LiveAtAddress(long domainId, String localPart) implements Read {}

  /** {@link Snapshot#liveAliasesToMailbox()}, in id order. */
  record LiveAliasesTo(long mailboxId) implements Read {}

  /** {@link Snapshot#liveMailboxesInDomain()} and {@code liveAliasesInDomain()}. */
  record LiveUsersOfDomain(long domainId) implements Read {}

  /** {@link Snapshot#dkimKeys()}: the domain's DKIM keys, oldest first. */
  record DkimKeysOf(long domainId) implements Read {}

  /** The tables whose rows carry a public id. */
  enum Table {
    DOMAIN,
    MAILBOX,
    ALIAS
  }
}
