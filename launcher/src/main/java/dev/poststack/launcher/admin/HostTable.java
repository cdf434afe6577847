package dev.poststack.launcher.admin;

import dev.poststack.launcher.spi.HostRegistryAccess.Host;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** {@code poststack hosts}' table, pure: one line per host, the last error cut to fit a line. */
final class HostTable {
  static final int ERROR_WIDTH = 60;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> HEADER =
      List.of("ID", "ADDRESS", "STATE", "LAST SEEN", "LAG", "HASH OK", "LAST ERROR");

  private HostTable() {}

  static String table(List<Host> hosts, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (Host h : hosts) {
      rows.add(
          List.of(
              h.id(),
              h.address().isEmpty() ? "-" : h.address(),
              h.state(),
              h.lastSeenAt() == null
                  ? "-"
                  : TIME.format(h.lastSeenAt()) + " (" + ago(h.lastSeenAt(), now) + ")",
              h.lagEntries() == 0 ? "0" : h.lagEntries() + " / " + h.lagSeconds() + "s",
              hash(h, now),
              error(h)));
    }
    return Columns.align(rows);
  }

  /** Whether the hash is the expected one; when not, whether the host was asked to rebuild. */
  private static String hash(Host h, Instant now) {
    if (h.hashMatches() == null) {
      return "unknown";
    }
    if (h.hashMatches()) {
      return "yes";
    }
    return h.resyncRequestedAt() == null
        ? "NO"
        : "NO (resync asked " + ago(h.resyncRequestedAt(), now) + ")";
  }

  private static String error(Host h) {
    String e = h.lastError() == null ? "-" : h.lastError();
    if (h.refusedEntries() > 0) {
      e = e + " [" + h.refusedEntries() + " refused]";
    }
    return e.length() <= ERROR_WIDTH ? e : e.substring(0, ERROR_WIDTH - 1) + "…";
  }

  private static String ago(Instant at, Instant now) {
    long s = Math.max(0, Duration.between(at, now).toSeconds());
    return s < 120 ? s + "s ago" : s < 7200 ? s / 60 + "m ago" : s / 3600 + "h ago";
  }
}
