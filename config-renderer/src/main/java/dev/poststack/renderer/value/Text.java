package dev.poststack.renderer.value;

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

  public static boolean hasUnsafeCodePoint(String s) {
    return s.codePoints().anyMatch(Text::isUnsafeCodePoint);
  }

  public static boolean isAsciiLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  public static String require(String field, String raw) {
    if (raw == null) {
      throw new InvalidValueException(field, "is required");
    }
    return raw;
  }
}
