package dev.poststack.launcher.replay;

import dev.poststack.launcher.spi.EventReplayer;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What the operator reads at the end of a replay. */
final class ReplaySummary {
  private ReplaySummary() {}

  static String of(EventReplayer.Result r) {
    String offsets =
        new TreeMap<>(r.endOffsets())
            .entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    return String.format(
        "Replayed %d events in %.1f s, %.0f events/s: %d applied, %d rejected, %d duplicates,"
            + " %d undecodable skipped; ended before offsets %s",
        r.events(),
        r.elapsed().toMillis() / 1000.0,
        r.eventsPerSecond(),
        r.applied(),
        r.rejected(),
        r.duplicates(),
        r.undecodable(),
        offsets);
  }

  static String verdict(Optional<String> difference) {
    return difference
        .map(d -> "verify: the replay differs from the live state: " + d)
        .orElse("verify: the replay equals the live state, table by table");
  }
}
