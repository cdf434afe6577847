package dev.poststack.controlplane.host;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides a host's {@link HostState} from what the registry knows, at a given instant; pure.
 * Removed wins, then silence (offline), then lag: none is in sync; lag that is fresh or moving is
 * catching up; lag whose oldest missing entry is older than the stale threshold while the host's
 * positions have not moved for as long is stale (a frozen agent, or one failing every pass).
 */
public final class HostClassifier {
  private final HostThresholds thresholds;

  public HostClassifier(HostThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** What the classification reads of one host. */
  public record Facts(
      boolean removed,
      Instant lastSeen,
      Instant progressedAt,
      long lagEntries,
      Optional<Instant> oldestUnappliedAt) {}

  public HostState classify(Facts f, Instant now) {
    if (f.removed()) {
      return HostState.REMOVED;
    }
    if (age(f.lastSeen(), now).compareTo(thresholds.offlineAfter()) >= 0) {
      return HostState.OFFLINE;
    }
    if (f.lagEntries() <= 0) {
      return HostState.IN_SYNC;
    }
    boolean oldLag =
        f.oldestUnappliedAt()
            .map(at -> age(at, now).compareTo(thresholds.staleAfter()) >= 0)
            .orElse(true);
    boolean stuck = age(f.progressedAt(), now).compareTo(thresholds.staleAfter()) >= 0;
    return oldLag && stuck ? HostState.STALE : HostState.CATCHING_UP;
  }

  private static Duration age(Instant at, Instant now) {
    Duration d = Duration.between(at, now);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
