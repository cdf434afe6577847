package dev.poststack.api.mailbox;

import dev.poststack.api.idempotency.SecretMatcher;
import dev.poststack.values.mailbox.PasswordHash;

/**
 * Turns a mailbox password into the {SCHEME}-prefixed hash Dovecot checks, and matches one against
 * it (same scheme, same salt) for idempotent retries. Blocking: CPU-bound.
 */
interface PasswordHasher extends SecretMatcher {
  PasswordHash hash(String plaintext);
}
