package dev.poststack.controlplane.host;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether to ask a host to rebuild its store (pure). Only a host at exactly the end of every
 * partition has a content hash that can be compared with the expected one cheaply; if they differ,
 * its store holds something the topic does not (a tombstone it never read) or lacks something it
 * has. Asking again waits for {@code minInterval}, so a host that cannot fix itself is not asked in
 * a loop (its registry row keeps showing the mismatch).
 */
public record ResyncPolicy(Duration minInterval) {
  public static final ResyncPolicy DEFAULT = new ResyncPolicy(Duration.ofMinutes(10));

  /** What the decision reads of one host, in one snapshot. */
  public record Facts(
      boolean removed,
      boolean atEnd,
      String reportedHash,
      String expectedHash,
      Optional<Instant> lastRequestedAt) {}

  public boolean shouldAsk(Facts f, Instant now) {
    return !f.removed()
        && f.atEnd()
        && !f.reportedHash().equals(f.expectedHash())
        && f.lastRequestedAt().map(at -> !now.isBefore(at.plus(minInterval))).orElse(true);
  }
}
