package dev.poststack.api.rotation;

import java.time.Instant;

/** A row of the provisioner's {@code dkim_key} as a rotation reads it (no private key). */
record RotationKey(
    String selector,
    String algorithm,
    String publicKey,
    String state,
    Instant createdAt,
    Instant publishedAt,
    Instant activatesAfter,
    Instant retireAfter) {

  boolean is(String s) {
    return state.equals(s);
  }
}
