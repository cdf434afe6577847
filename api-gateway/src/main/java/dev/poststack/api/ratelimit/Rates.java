package dev.poststack.api.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** What every bucket of this package shares: its shape and the Retry-After it answers. */
final class Rates {
  private Rates() {}

  /** {@code burst} at once, refilled greedily at {@code perSecond}; both at least 1. */
  static Bandwidth perSecond(long perSecond, long burst) {
    return Bandwidth.builder()
        .capacity(Math.max(burst, 1))
        .refillGreedy(Math.max(perSecond, 1), Duration.ofSeconds(1))
        .build();
  }

  /** Whole seconds until the refused request could pass, rounded up, at least 1. */
  static long retryAfterSeconds(ConsumptionProbe probe) {
    return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
  }
}
