package dev.poststack.api.idempotency;

/**
 * Whether a retried request's secret (a mailbox password) is the one behind the hash kept for its
 * first answer: a retry's body is compared without ever storing the plaintext. Blocking: CPU-bound.
 */
public interface SecretMatcher {
  boolean matches(String plaintext, String hash);
}
