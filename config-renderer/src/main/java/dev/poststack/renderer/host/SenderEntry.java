package dev.poststack.renderer.host;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.address.EmailAddress;
import java.util.List;

/**
 * The SASL login {@code login} may use {@code sender} as its envelope sender ({@code
 * smtpd_sender_login_maps}). A mailbox's own address is implicit in the map's query, so these rows
 * only hold grants such as alias → owner; one owner per alias address, hence one row per key.
 */
public record SenderEntry(EmailAddress sender, EmailAddress login) implements HostEntry {

  public SenderEntry {
    if (sender == null || login == null) {
      throw new InvalidValueException("sender", "sender and login are required");
    }
    if (sender.equals(login)) {
      throw new InvalidValueException("login", "a mailbox's own address is implicit");
    }
  }

  @Override
  public EntryKey key() {
    return EntryKey.of(EntryKind.SENDER, sender);
  }

  @Override
  public List<Object> columnValues() {
    return List.of(sender.value(), login.value());
  }
}
