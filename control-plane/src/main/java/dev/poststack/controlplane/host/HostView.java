package dev.poststack.controlplane.host;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host as the operator sees it: the row plus its state, lag in seconds and whether its content
 * hash is the one expected for its positions ({@code hashMatches} empty = unknown: the host has not
 * read everything yet, so there is no cheap expected value for its positions).
 */
public record HostView(
    HostRow row,
    HostState state,
    long lagSeconds,
    Optional<String> expectedHash,
    Optional<Boolean> hashMatches) {

  public static HostView of(HostRow row, HostClassifier classifier) {
    HostState state =
        classifier.classify(
            new HostClassifier.Facts(
                row.removedAt().isPresent(),
                row.lastSeenAt(),
                row.progressedAt(),
                row.lagEntries(),
                row.oldestUnappliedAt()),
            row.readAt());
    long lagSeconds =
        row.oldestUnappliedAt()
            .map(at -> Math.max(0, Duration.between(at, row.readAt()).toSeconds()))
            .orElse(0L);
    Optional<String> expected =
        row.lagEntries() == 0 && state != HostState.REMOVED
            ? Optional.of(row.expectedHash())
            : Optional.empty();
    return new HostView(
        row, state, lagSeconds, expected, expected.map(e -> e.equals(row.contentHash())));
  }

  public String hostId() {
    return row.hostId();
  }

  public Map<Integer, Long> positions() {
    return row.positions();
  }

  public List<HostRow.Refused> refusedEntries() {
    return row.refusedEntries();
  }

  public Instant lastSeenAt() {
    return row.lastSeenAt();
  }
}
