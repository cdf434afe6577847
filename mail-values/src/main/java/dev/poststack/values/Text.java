package dev.poststack.values;

/** Character checks shared by the value types. */
public final class Text {
  private Text() {}

  /** Control, format (bidi overrides, zero-width) and line/paragraph separators. */
  public static boolean isUnsafeCodePoint(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE
        || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE;
  }

  /** A C0 or C1 control character (U+0000 above all, which PostgreSQL cannot store in text). */
  public static boolean isControl(int cp) {
    return Character.getType(cp) == Character.CONTROL;
  }

  public static boolean hasControl(CharSequence s) {
    // every control character (Cc) is in the BMP, so the chars say it: no code point stream,
    // which cost an import a few percent of its CPU (each event's every field is checked twice)
    for (int i = 0; i < s.length(); i++) {
      if (isControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  public static boolean hasUnsafeCodePoint(String s) {
    return s.codePoints().anyMatch(Text::isUnsafeCodePoint);
  }

  public static boolean isAsciiLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /**
   * Lower-cases ASCII letters only. {@code String.toLowerCase} folds some non-ASCII letters into
   * ASCII (KELVIN SIGN U+212A becomes {@code k}), which would let a look-alike pass as another
   * user's address; every other character is left for the caller's check to refuse.
   */
  public static String asciiLowerCase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.toString();
  }

  public static String require(String field, String raw) {
    if (raw == null) {
      throw new InvalidValueException(field, "is required");
    }
    return raw;
  }
}
