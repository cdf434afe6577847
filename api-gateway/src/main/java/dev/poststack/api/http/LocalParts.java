package dev.poststack.api.http;

import dev.poststack.values.address.LocalPart;

/** Reads a {@code localPart} member with the rule shared with the renderer. */
public final class LocalParts {
  private LocalParts() {}

  public static LocalPart read(JsonBody body, String name) {
    return body.value(name, body.string(name, true), LocalPart::of);
  }
}
