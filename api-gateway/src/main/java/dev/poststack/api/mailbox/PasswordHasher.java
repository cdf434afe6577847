package dev.poststack.api.mailbox;

import dev.poststack.values.mailbox.PasswordHash;

/** Turns a mailbox password into the {SCHEME}-prefixed hash Dovecot checks. Blocking: CPU-bound. */
interface PasswordHasher {
  PasswordHash hash(String plaintext);
}
