package dev.poststack.controlplane.host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One row of {@link HostRegistrySql#HOSTS}, read by R2DBC or JDBC through {@link Columns}; {@code
 * expectedHash} is the content hash of the current entries, read in the same snapshot; {@code
 * resyncRequestedAt} when the provisioner last asked the host to rebuild its store ({@link
 * ResyncPolicy}).
 */
public record HostRow(
    String hostId,
    String address,
    Instant firstSeenAt,
    Instant lastSeenAt,
    Instant progressedAt,
    Optional<Instant> startedAt,
    String contentHash,
    long entryCount,
    Instant appliedAt,
    Optional<String> lastError,
    Optional<Instant> lastErrorAt,
    Optional<Instant> removedAt,
    Instant readAt,
    long lagEntries,
    Optional<Instant> oldestUnappliedAt,
    Map<Integer, Long> positions,
    List<Refused> refusedEntries,
    String expectedHash,
    Optional<Instant> resyncRequestedAt) {

  /** An entry the host would not write, with the agent's reason. */
  public record Refused(String key, String reason) {}

  /** How a reader hands over one row's columns; null for SQL null. */
  public interface Columns {
    String text(String column);

    Long number(String column);

    Instant instant(String column);
  }

  public static HostRow from(Columns c) {
    return new HostRow(
        c.text("host_id"),
        c.text("address"),
        c.instant("first_seen_at"),
        c.instant("last_report_at"),
        c.instant("progressed_at"),
        Optional.ofNullable(c.instant("started_at")),
        c.text("content_hash"),
        c.number("entry_count"),
        c.instant("applied_at"),
        Optional.ofNullable(c.text("last_error")),
        Optional.ofNullable(c.instant("last_error_at")),
        Optional.ofNullable(c.instant("removed_at")),
        c.instant("read_at"),
        c.number("lag_entries"),
        Optional.ofNullable(c.instant("oldest_unapplied_at")),
        positions(c.text("positions")),
        refused(c.text("refused")),
        ExpectedHash.of(c.text("expected_slices")),
        Optional.ofNullable(c.instant("resync_requested_at")));
  }

  static Map<Integer, Long> positions(String text) {
    Map<Integer, Long> positions = new TreeMap<>();
    if (text != null && !text.isEmpty()) {
      for (String pair : text.split(",")) {
        int colon = pair.indexOf(':');
        positions.put(
            Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
      }
    }
    return positions;
  }

  static List<Refused> refused(String text) {
    List<Refused> refused = new ArrayList<>();
    if (text != null && !text.isEmpty()) {
      for (String entry : text.split("\u001f", -1)) {
        int sep = entry.indexOf('\u001e');
        refused.add(new Refused(entry.substring(0, sep), entry.substring(sep + 1)));
      }
    }
    return refused;
  }
}
