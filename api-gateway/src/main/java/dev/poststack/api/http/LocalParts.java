package dev.poststack.api.http;

import dev.poststack.renderer.address.LocalPart;

/** Reads a {@code localPart} member with the shared rule, refusing non-ASCII input first. */
public final class LocalParts {
  private LocalParts() {}

  /**
   * {@code LocalPart.of} lower-cases before it checks, and Unicode folds some look-alikes into
   * ASCII (KELVIN SIGN U+212A becomes 'k'), so a look-alike would silently become a real address.
   */
  public static LocalPart read(JsonBody body, String name) {
    String raw = body.string(name, true);
    if (raw != null && !raw.chars().allMatch(c -> c < 0x80)) {
      return body.fail(name, "may contain only lower-case letters, digits, '.', '_' and '-'");
    }
    return body.value(name, raw, LocalPart::of);
  }
}
