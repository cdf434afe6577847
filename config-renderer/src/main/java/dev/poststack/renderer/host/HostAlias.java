package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.address.LocalPart;

/**
 * An alias as the renderer sees it. Its destination mailbox is also its owner (the one login that
 * may send as the alias), referenced by id: the address is taken from that mailbox at render time,
 * so an alias can never point at, or grant sending to, whoever later re-uses a deleted address.
 */
public record HostAlias(long id, EmailAddress address, long destinationMailboxId, boolean deleted) {

  public HostAlias {
    if (id <= 0 || destinationMailboxId <= 0) {
      throw new InvalidValueException("aliasId", "ids must be positive");
    }
    if (address == null) {
      throw new InvalidValueException("address", "is required");
    }
  }

  public static HostAlias of(
      long id, String domain, String localPart, long destinationMailboxId, boolean deleted) {
    return new HostAlias(
        id,
        new EmailAddress(new LocalPart(localPart), new DomainName(domain)),
        destinationMailboxId,
        deleted);
  }

  public boolean isLive() {
    return !deleted;
  }
}
