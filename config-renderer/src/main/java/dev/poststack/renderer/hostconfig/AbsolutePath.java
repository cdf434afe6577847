package dev.poststack.renderer.hostconfig;

import dev.poststack.values.InvalidValueException;
import java.util.regex.Pattern;

/**
 * An absolute, clean file-system path as text (never touched here): segments of {@code A-Z a-z 0-9
 * . _ -}, so no {@code .} or {@code ..} segment, spaces, quotes, {@code :}, {@code <}, {@code %},
 * {@code ?} or {@code #} — it is pasted verbatim into Dovecot and Postfix settings, SQL string
 * literals and {@code file:} URIs, where any of those would change meaning. A segment may start
 * with a dot ({@code /root/.poststack}): no configuration syntax gives a leading dot a meaning.
 */
public record AbsolutePath(String value) {
  public static final int MAX_LENGTH = 200;
  private static final Pattern SEGMENT = Pattern.compile("(?!\\.$)[A-Za-z0-9._-]{1,100}");

  public AbsolutePath {
    check("path", value);
  }

  public static AbsolutePath of(String field, String raw) {
    check(field, raw);
    return new AbsolutePath(raw);
  }

  /** A path below this one; {@code relative} is one or more clean segments. */
  public AbsolutePath resolve(String relative) {
    return new AbsolutePath(value + "/" + relative);
  }

  /** The containing directory; a top-level path has none. */
  public AbsolutePath parent() {
    int slash = value.lastIndexOf('/');
    if (slash == 0) {
      throw new InvalidValueException("path", "a top-level path has no parent to use");
    }
    return new AbsolutePath(value.substring(0, slash));
  }

  private static void check(String field, String v) {
    if (v == null || v.length() < 2 || v.length() > MAX_LENGTH) {
      throw new InvalidValueException(
          field, "must be an absolute path of 2 to " + MAX_LENGTH + " characters");
    }
    if (v.charAt(0) != '/' || v.endsWith("/")) {
      throw new InvalidValueException(field, "must start with '/' and not end with one");
    }
    if (v.contains("..")) {
      throw new InvalidValueException(field, "must not contain '..'");
    }
    for (String segment : v.substring(1).split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new InvalidValueException(
            field,
            "each segment must be letters, digits, '.', '_' or '-' (no spaces, quotes or ':'), and"
                + " not '.'");
      }
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
