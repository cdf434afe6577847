package dev.poststack.api.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: {@code initial · 2^(attempt-1)}, capped at {@code max},
 * then scaled by a random factor in [0.5, 1) ("equal jitter"), so endpoints that failed together
 * are not hit together again, while the wait still grows. No retry starts after {@code retryUntil}:
 * the delivery is failed then. Pure: the caller passes the clock and the randomness.
 */
record Backoff(Duration initial, Duration max) {

  Duration delay(int attempt, DoubleSupplier random) {
    long initialMs = Math.max(1, initial.toMillis());
    int doublings = Math.min(Math.max(attempt - 1, 0), 40);
    double raw = Math.min((double) max.toMillis(), initialMs * Math.pow(2, doublings));
    double jittered = raw * (0.5 + 0.5 * random.getAsDouble());
    return Duration.ofMillis(Math.max(1, (long) jittered));
  }

  /** The next attempt's time, or empty when the retry window is over. */
  Optional<Instant> next(int attempt, Instant now, Instant retryUntil, DoubleSupplier random) {
    Instant at = now.plus(delay(attempt, random));
    return at.isAfter(retryUntil) ? Optional.empty() : Optional.of(at);
  }
}
