package dev.poststack.values.address;

import dev.poststack.values.InvalidValueException;

/** {@code localPart@domain}, both already valid; at most 254 characters as SMTP allows. */
public record EmailAddress(LocalPart localPart, DomainName domain) {
  public static final int MAX_LENGTH = 254;

  public EmailAddress {
    if (localPart == null || domain == null) {
      throw new InvalidValueException("emailAddress", "is required");
    }
    if (localPart.value().length() + 1 + domain.value().length() > MAX_LENGTH) {
      throw new InvalidValueException(
          "emailAddress", "must be at most " + MAX_LENGTH + " characters");
    }
  }

  /** Parses {@code local@domain}; the address as a whole must satisfy both parts' rules. */
  public static EmailAddress parse(String raw) {
    if (raw == null) {
      throw new InvalidValueException("emailAddress", "is required");
    }
    int at = raw.lastIndexOf('@');
    if (at <= 0 || raw.indexOf('@') != at) {
      throw new InvalidValueException("emailAddress", "must be local@domain");
    }
    return new EmailAddress(
        LocalPart.of(raw.substring(0, at)), DomainName.of(raw.substring(at + 1)));
  }

  public String value() {
    return localPart.value() + "@" + domain.value();
  }

  @Override
  public String toString() {
    return value();
  }
}
