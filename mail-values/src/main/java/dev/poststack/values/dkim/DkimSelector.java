package dev.poststack.values.dkim;

import dev.poststack.values.InvalidValueException;

/**
 * A DKIM selector, the {@code s=} tag and the first label of {@code
 * <selector>._domainkey.<domain>}: 1 to 63 lower-case letters, digits and '-'. It also names a key
 * file on a host, so nothing that could leave a directory or split a map line is accepted.
 */
public record DkimSelector(String value) {
  public static final int MAX_LENGTH = 63;

  public DkimSelector {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new InvalidValueException("selector", "must be 1 to " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        throw new InvalidValueException(
            "selector", "may contain only lower-case letters, digits and '-'");
      }
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
