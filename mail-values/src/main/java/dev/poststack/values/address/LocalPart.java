package dev.poststack.values.address;

import dev.poststack.values.InvalidValueException;
import dev.poststack.values.Text;
import java.util.Set;

/**
 * The part of an address before the {@code @}: a lower-case dot-atom over {@code a-z 0-9 . _ -},
 * 1..64 characters, starting and ending with a letter or digit, no double dots. {@code +} is kept
 * out because it is the sub-address delimiter; quotes, {@code /}, {@code :} and whitespace can
 * never reach a host file.
 */
public record LocalPart(String value) {
  public static final int MAX_LENGTH = 64;

  /** Names the mail system itself answers for or runs as; a team may not take them. */
  public static final Set<String> RESERVED =
      Set.of(
          "mailer-daemon", "root", "nobody", "daemon", "postfix", "dovecot", "vmail", "dovenull");

  public LocalPart {
    check(value);
  }

  /** Lower-cases ASCII letters, then validates. */
  public static LocalPart of(String raw) {
    Text.require("localPart", raw);
    return new LocalPart(Text.asciiLowerCase(raw));
  }

  private static void check(String v) {
    Text.require("localPart", v);
    if (v.isEmpty()) {
      throw new InvalidValueException("localPart", "must not be empty");
    }
    if (v.length() > MAX_LENGTH) {
      throw new InvalidValueException("localPart", "must be at most " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (!Text.isAsciiLowerAlnum(c) && c != '.' && c != '_' && c != '-') {
        throw new InvalidValueException(
            "localPart", "may contain only lower-case letters, digits, '.', '_' and '-'");
      }
    }
    if (!Text.isAsciiLowerAlnum(v.charAt(0)) || !Text.isAsciiLowerAlnum(v.charAt(v.length() - 1))) {
      throw new InvalidValueException("localPart", "must start and end with a letter or digit");
    }
    if (v.contains("..")) {
      throw new InvalidValueException("localPart", "must not contain consecutive dots");
    }
    if (RESERVED.contains(v)) {
      throw new InvalidValueException("localPart", "is reserved");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
