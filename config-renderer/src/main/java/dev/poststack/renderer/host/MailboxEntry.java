package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.EmailAddress;
import dev.poststack.values.mailbox.MailboxStatus;
import dev.poststack.values.mailbox.PasswordHash;
import dev.poststack.values.mailbox.QuotaBytes;
import java.util.List;

/**
 * A mailbox a host serves: login (passdb), delivery (userdb, {@code virtual_mailbox_maps}) and
 * quota.
 *
 * <p>The home is {@code <domain>/<mailboxId>}, relative to the host's mail root (a host setting,
 * prefixed by the user query), so entries are the same on every host and a re-created address,
 * which gets a new id, never sees the old mailbox's mail.
 *
 * <p>A suspended mailbox is blocked twice, on purpose: the status column, which the password query
 * filters on (measured in the SQLite lab: IMAP, POP3 and SMTP AUTH refused, delivery goes on), and
 * a {@code !} after the scheme in the password column (measured in both labs: the hash can never
 * verify). The first keeps the row honest and readable; the second keeps a suspended mailbox locked
 * if a query is ever edited without the filter or the line is replayed into a passwd-file. The
 * original hash stays in the provisioner's state, so re-activation simply renders it again.
 */
public record MailboxEntry(
    EmailAddress address,
    long mailboxId,
    PasswordHash passwordHash,
    MailboxStatus status,
    QuotaBytes quota)
    implements HostEntry {

  public MailboxEntry {
    if (address == null || passwordHash == null || status == null || quota == null) {
      throw new InvalidValueException(
          "mailbox", "address, passwordHash, status and quota are required");
    }
    if (mailboxId <= 0) {
      throw new InvalidValueException("mailboxId", "must be positive");
    }
    if (status == MailboxStatus.DELETED) {
      throw new InvalidValueException("status", "a deleted mailbox has no entry");
    }
  }

  @Override
  public EntryKey key() {
    return EntryKey.of(EntryKind.MAILBOX, address);
  }

  /** The password column: the scheme-prefixed hash, locked with {@code !} while suspended. */
  public String storedPassword() {
    String hash = passwordHash.value();
    if (status == MailboxStatus.ACTIVE) {
      return hash;
    }
    int afterScheme = hash.indexOf('}') + 1;
    return hash.substring(0, afterScheme) + "!" + hash.substring(afterScheme);
  }

  /** Relative to the host's mail root; only this class builds the one path it contains. */
  public String home() {
    return address.domain().value() + "/" + mailboxId;
  }

  /** Dovecot's quota rule, as the user query returns it. */
  public String quotaRule() {
    return "*:bytes=" + quota.value();
  }

  @Override
  public List<Object> columnValues() {
    return List.of(address.value(), storedPassword(), status.wireName(), home(), quota.value());
  }

  /** Never the hash: hashes are secrets too. */
  @Override
  public String toString() {
    return "MailboxEntry[" + address + ", id=" + mailboxId + ", " + status.wireName() + "]";
  }
}
