package dev.poststack.provisioner.alias;

import java.time.Instant;

/** A row of {@code alias}: an address that delivers to one mailbox of the same domain. */
public record Alias(
    long id,
    String publicId,
    long teamId,
    long domainId,
    String localPart,
    String aliasAddress,
    long destinationMailboxId,
    Instant createdAt,
    Instant deletedAt) {

  public boolean isLive() {
    return deletedAt == null;
  }

  public boolean isLiveFor(long team, long domain) {
    return isLive() && teamId == team && domainId == domain;
  }

  public Alias deleted(Instant at) {
    return new Alias(
        id,
        publicId,
        teamId,
        domainId,
        localPart,
        aliasAddress,
        destinationMailboxId,
        createdAt,
        at);
  }
}
