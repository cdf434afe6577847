package dev.poststack.api.host;

import dev.poststack.api.http.Timestamps;
import dev.poststack.controlplane.host.HostView;
import java.time.Instant;
import java.util.List;

/** A host as {@code GET /hosts} shows it; timestamps ISO-8601 UTC with milliseconds, or null. */
record HostJson(
    String id,
    String address,
    String state,
    String firstSeenAt,
    String lastSeenAt,
    String startedAt,
    String removedAt,
    List<Position> positions,
    long lagEntries,
    long lagSeconds,
    String contentHash,
    String expectedHash,
    Boolean hashMatches,
    String resyncRequestedAt,
    long entryCount,
    String appliedAt,
    String lastError,
    String lastErrorAt,
    List<Refused> refusedEntries) {

  record Position(int partition, long nextOffset) {}

  record Refused(String key, String reason) {}

  static HostJson of(HostView v) {
    var r = v.row();
    return new HostJson(
        r.hostId(),
        r.address(),
        v.state().wireName(),
        Timestamps.format(r.firstSeenAt()),
        Timestamps.format(r.lastSeenAt()),
        format(r.startedAt().orElse(null)),
        format(r.removedAt().orElse(null)),
        r.positions().entrySet().stream().map(e -> new Position(e.getKey(), e.getValue())).toList(),
        r.lagEntries(),
        v.lagSeconds(),
        r.contentHash(),
        v.expectedHash().orElse(null),
        v.hashMatches().orElse(null),
        format(r.resyncRequestedAt().orElse(null)),
        r.entryCount(),
        Timestamps.format(r.appliedAt()),
        r.lastError().orElse(null),
        format(r.lastErrorAt().orElse(null)),
        r.refusedEntries().stream().map(x -> new Refused(x.key(), x.reason())).toList());
  }

  private static String format(Instant at) {
    return at == null ? null : Timestamps.format(at);
  }
}
