package dev.poststack.values.mailbox;

import dev.poststack.values.InvalidValueException;
import java.util.Locale;

/** A mailbox's lifecycle state; the lower-case name is what events and the host store carry. */
public enum MailboxStatus {
  ACTIVE,
  SUSPENDED,
  DELETED;

  /** Strict: only the exact lower-case names, so a typo never becomes a default. */
  public static MailboxStatus of(String raw) {
    for (MailboxStatus s : values()) {
      if (s.wireName().equals(raw)) {
        return s;
      }
    }
    throw new InvalidValueException("status", "must be one of active, suspended, deleted");
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
