package dev.poststack.agent.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a host has applied, as plain values; the reporter turns it into a {@code HostApplyReport}.
 *
 * @param problems the agent's latest error and the entries it refused, so an operator sees them in
 *     the registry and not only in the host's log
 */
public record AppliedStatus(
    String hostId,
    Map<Integer, Long> positions,
    String contentHash,
    long entryCount,
    Instant appliedAt,
    Problems problems) {
  public AppliedStatus {
    positions = Map.copyOf(positions);
    if (problems == null) {
      problems = Problems.NONE;
    }
  }

  public AppliedStatus(
      String hostId,
      Map<Integer, Long> positions,
      String contentHash,
      long entryCount,
      Instant appliedAt) {
    this(hostId, positions, contentHash, entryCount, appliedAt, Problems.NONE);
  }

  /** The latest error (one bounded line, no secret) and the refused entries' keys with reasons. */
  public record Problems(Optional<LastError> lastError, List<Refused> refused) {
    public static final Problems NONE = new Problems(Optional.empty(), List.of());

    public Problems {
      refused = List.copyOf(refused);
    }
  }

  public record LastError(String message, Instant at) {}

  public record Refused(String key, String reason) {}
}
