package dev.poststack.values.address;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.Text;

/**
 * A fully qualified, lower-case ASCII domain name (IDNs in their {@code xn--} form): at least two
 * labels of {@code a-z 0-9 -}, each 1..63 characters without a leading or trailing hyphen, 253 in
 * all, and a top-level label that is not all digits.
 */
public record DomainName(String value) {
  public static final int MAX_LENGTH = 253;

  public DomainName {
    check(value);
  }

  public static DomainName of(String raw) {
    Text.require("name", raw);
    String v = Text.asciiLowerCase(raw);
    return new DomainName(v.endsWith(".") ? v.substring(0, v.length() - 1) : v);
  }

  private static void check(String v) {
    Text.require("name", v);
    if (v.isEmpty() || v.length() > MAX_LENGTH) {
      throw new InvalidValueException("name", "must be 1 to " + MAX_LENGTH + " characters");
    }
    String[] labels = v.split("\\.", -1);
    if (labels.length < 2) {
      throw new InvalidValueException("name", "must be a fully qualified domain name");
    }
    for (String label : labels) {
      checkLabel(label);
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw new InvalidValueException("name", "must not end in a numeric label");
    }
  }

  private static void checkLabel(String label) {
    if (label.isEmpty() || label.length() > 63) {
      throw new InvalidValueException("name", "each label must be 1 to 63 characters");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!Text.isAsciiLowerAlnum(c) && c != '-') {
        throw new InvalidValueException("name", "may contain only letters, digits, '-' and '.'");
      }
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw new InvalidValueException("name", "a label must not start or end with '-'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
