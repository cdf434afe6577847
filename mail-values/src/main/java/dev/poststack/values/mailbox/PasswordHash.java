package dev.poststack.values.mailbox;

import dev.poststack.values.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A Dovecot password hash with its scheme prefix, e.g. {@code {SHA512-CRYPT}$6$salt$...}. Only the
 * characters crypt and base64 produce are allowed, so a hash can never split a host entry.
 */
public record PasswordHash(String value) {
  private static final Pattern FORM =
      Pattern.compile("\\{[A-Z0-9.-]{2,32}}[A-Za-z0-9./$=+_,-]{1,480}");

  public PasswordHash {
    if (value == null || !FORM.matcher(value).matches()) {
      throw new InvalidValueException("passwordHash", "must be a {SCHEME}-prefixed hash");
    }
  }

  public String scheme() {
    return value.substring(1, value.indexOf('}'));
  }

  /** Never the hash itself: hashes are secrets too. */
  @Override
  public String toString() {
    return "PasswordHash{" + scheme() + "}";
  }
}
