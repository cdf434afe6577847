package dev.poststack.api.mailbox;

import dev.poststack.renderer.mailbox.PasswordHash;

/** Turns a mailbox password into the {SCHEME}-prefixed hash Dovecot checks. Blocking: CPU-bound. */
public interface PasswordHasher {
  PasswordHash hash(String plaintext);

  /** Whether {@code plaintext} is the password behind {@code hash} (same scheme, same salt). */
  boolean matches(String plaintext, String hash);
}
