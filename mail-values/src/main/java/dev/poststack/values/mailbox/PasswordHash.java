package dev.poststack.values.mailbox;

import dev.poststack.values.InvalidValueException;

/**
 * A Dovecot password hash with its scheme prefix, e.g. {@code {SHA512-CRYPT}$6$salt$...}. Only the
 * characters crypt and base64 produce are allowed, so a hash can never split a host entry.
 */
public record PasswordHash(String value) {
  /**
   * The form, as a pattern for people; {@link #hasForm} checks exactly this by hand, because a mail
   * host re-checks every hash it stores and the pattern cost a new host's bootstrap a tenth of its
   * time.
   */
  static final String FORM = "\\{[A-Z0-9.-]{2,32}}[A-Za-z0-9./$=+_,-]{1,480}";

  public PasswordHash {
    if (value == null || !hasForm(value)) {
      throw new InvalidValueException("passwordHash", "must be a {SCHEME}-prefixed hash");
    }
  }

  static boolean hasForm(String v) {
    int close = v.indexOf('}');
    if (v.isEmpty() || v.charAt(0) != '{' || close < 3 || close > 33) {
      return false;
    }
    for (int i = 1; i < close; i++) {
      char c = v.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
        return false;
      }
    }
    int hashLength = v.length() - close - 1;
    if (hashLength < 1 || hashLength > 480) {
      return false;
    }
    for (int i = close + 1; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!(c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || "./$=+_,-".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
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
