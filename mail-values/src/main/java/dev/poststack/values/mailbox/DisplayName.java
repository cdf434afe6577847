package dev.poststack.values.mailbox;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.Text;

/**
 * What a mail client shows beside the address: any printable Unicode, 1..128 code points, no
 * control, format (bidi override, zero-width) or line-break characters, no surrounding spaces.
 */
public record DisplayName(String value) {
  public static final int MAX_CODE_POINTS = 128;

  public DisplayName {
    Text.require("displayName", value);
    if (value.isBlank()) {
      throw new InvalidValueException("displayName", "must not be blank");
    }
    if (value.codePointCount(0, value.length()) > MAX_CODE_POINTS) {
      throw new InvalidValueException(
          "displayName", "must be at most " + MAX_CODE_POINTS + " characters");
    }
    if (Text.hasUnsafeCodePoint(value)) {
      throw new InvalidValueException(
          "displayName", "must not contain control or line-break characters");
    }
    if (!value.strip().equals(value)) {
      throw new InvalidValueException("displayName", "must not start or end with whitespace");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
