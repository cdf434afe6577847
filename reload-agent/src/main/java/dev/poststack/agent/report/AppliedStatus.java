package dev.poststack.agent.report;

import java.time.Instant;
import java.util.Map;

/**
 * What a host has applied, as plain values; the reporter turns it into a {@code HostApplyReport}.
 */
public record AppliedStatus(
    String hostId,
    Map<Integer, Long> positions,
    String contentHash,
    long entryCount,
    Instant appliedAt) {
  public AppliedStatus {
    positions = Map.copyOf(positions);
  }
}
