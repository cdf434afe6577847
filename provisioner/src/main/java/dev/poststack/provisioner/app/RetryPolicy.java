package dev.poststack.provisioner.app;

import java.time.Duration;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How long a mailbox event that fails on its own is tried before the provisioner gives up on it
 * ({@link GiveUpRecoverer}): {@code attempts} deliveries in all, the pauses between them doubling
 * from {@code initialBackoff} up to {@code maxBackoff}. Only its own partition waits meanwhile (one
 * consumer per partition). Settings {@code poststack.provisioner.retry.*}, see the README.
 */
record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {

  RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("poststack.provisioner.retry.attempts must be >= 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "poststack.provisioner.retry backoffs must satisfy 0 <= initial <= max");
    }
  }

  /** The pauses between attempts: {@code attempts - 1} of them, then stop. */
  BackOff backOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(initialBackoff.toMillis(), 2.0);
    backOff.setMaxInterval(maxBackoff.toMillis());
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    backOff.setMaxAttempts(attempts - 1L);
    return backOff;
  }
}
