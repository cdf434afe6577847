package dev.poststack.values.mailbox;

import dev.poststack.values.InvalidValueException;

/**
 * Bounds on a plaintext mailbox password, checked before hashing: 8..128 code points and no control
 * characters (NUL or a line break would break some clients' login). The messages never repeat it.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 128;

  private PasswordPolicy() {}

  public static void check(String password) {
    if (password == null) {
      throw new InvalidValueException("password", "is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new InvalidValueException(
          "password", "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
    }
    if (password.codePoints().anyMatch(PasswordPolicy::isForbidden)) {
      throw new InvalidValueException("password", "must not contain control characters");
    }
  }

  private static boolean isForbidden(int cp) {
    int type = Character.getType(cp);
    // a lone surrogate is not text: it cannot be encoded as UTF-8 for the hash
    return type == Character.CONTROL
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
