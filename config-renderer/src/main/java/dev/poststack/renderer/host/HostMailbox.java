package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.DomainName;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.address.LocalPart;
import dev.poststack.values.mailbox.MailboxStatus;
import dev.poststack.values.mailbox.PasswordHash;
import dev.poststack.values.mailbox.QuotaBytes;

/** A mailbox as the renderer sees it; a deleted one is kept so its removal can be rendered. */
public record HostMailbox(
    long id,
    EmailAddress address,
    PasswordHash passwordHash,
    MailboxStatus status,
    QuotaBytes quota) {

  public HostMailbox {
    if (id <= 0) {
      throw new InvalidValueException("mailboxId", "must be positive");
    }
    if (address == null || passwordHash == null || status == null || quota == null) {
      throw new InvalidValueException(
          "mailbox", "address, passwordHash, status and quota are required");
    }
  }

  /**
   * From stored columns, re-validated strictly through the value types (the last gate: the API's
   * check is only a fast path). An upper-case or otherwise non-canonical value is refused, not
   * fixed.
   */
  public static HostMailbox of(
      long id,
      String domain,
      String localPart,
      String passwordHash,
      String status,
      long quotaBytes) {
    return new HostMailbox(
        id,
        new EmailAddress(new LocalPart(localPart), new DomainName(domain)),
        new PasswordHash(passwordHash),
        MailboxStatus.of(status),
        new QuotaBytes(quotaBytes));
  }

  public boolean isLive() {
    return status != MailboxStatus.DELETED;
  }

  /** Never the hash. */
  @Override
  public String toString() {
    return "Mailbox[" + id + ", " + address + ", " + status.wireName() + "]";
  }
}
