package dev.poststack.renderer.host;

import dev.poststack.renderer.address.DomainName;
import dev.poststack.renderer.address.EmailAddress;
import dev.poststack.renderer.address.LocalPart;
import dev.poststack.renderer.mailbox.MailboxStatus;
import dev.poststack.renderer.mailbox.PasswordHash;
import dev.poststack.renderer.mailbox.QuotaBytes;
import dev.poststack.renderer.value.InvalidValueException;

/** A mailbox as the renderer sees it; a deleted one is kept so its removal can be rendered. */
public record Mailbox(
    long id, EmailAddress address, PasswordHash passwordHash, MailboxStatus status, QuotaBytes quota) {

  public Mailbox {
    if (id <= 0) {
      throw new InvalidValueException("mailboxId", "must be positive");
    }
    if (address == null || passwordHash == null || status == null || quota == null) {
      throw new InvalidValueException("mailbox", "address, passwordHash, status and quota are required");
    }
  }

  /**
   * From stored columns, re-validated strictly through the value types (the last gate: the API's
   * check is only a fast path). An upper-case or otherwise non-canonical value is refused, not fixed.
   */
  public static Mailbox of(
      long id, String domain, String localPart, String passwordHash, String status, long quotaBytes) {
    return new Mailbox(
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
