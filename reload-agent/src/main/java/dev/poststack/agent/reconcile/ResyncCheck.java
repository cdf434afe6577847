package dev.poststack.agent.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a host must (re)build its store from the whole compacted topic instead of catching up
 * from its positions (pure): a new host does, and so does one that may have missed tombstones.
 * Catching up is exact only while every tombstone written since the host last read to the end is
 * still in the log: compaction removes a tombstone once {@code delete.retention.ms} has passed, and
 * a host that never read it keeps the deleted row forever.
 */
public final class ResyncCheck {
  private ResyncCheck() {}

  /**
   * @param stored the store's next offsets per partition (empty: a new host, which is built from
   *     the whole topic the same way when the topic holds anything)
   * @param caughtUpAt when the host last read to the end of the topic (empty: not recorded, e.g. a
   *     store from before this was kept; its positions alone decide)
   * @return why a full resync is needed, or empty when catching up is exact
   */
  public static Optional<String> reason(
      Map<Integer, Long> stored, Optional<Instant> caughtUpAt, TopicHorizon topic, Instant now) {
    if (stored.isEmpty()) {
      // not a risk but a choice: one transaction over the whole topic writes a new host's rows in
      // key order and batches, several times faster than burst by burst
      boolean anything =
          topic.end().entrySet().stream()
              .anyMatch(e -> e.getValue() > topic.beginning().getOrDefault(e.getKey(), 0L));
      return anything
          ? Optional.of("a new host: its store is built from the whole topic in one transaction")
          : Optional.empty();
    }
    for (Map.Entry<Integer, Long> p : stored.entrySet()) {
      Long first = topic.beginning().get(p.getKey());
      Long next = topic.end().get(p.getKey());
      if (first != null && p.getValue() < first) {
        return Optional.of(
            "position "
                + p.getValue()
                + " of partition "
                + p.getKey()
                + " is before the log's first offset "
                + first
                + " (records were removed unread)");
      }
      if (next != null && p.getValue() > next) {
        return Optional.of(
            "position "
                + p.getValue()
                + " of partition "
                + p.getKey()
                + " is past the log's end "
                + next
                + " (the topic was re-created)");
      }
    }
    if (caughtUpAt.isPresent()) {
      Duration since = Duration.between(caughtUpAt.get(), now);
      if (since.compareTo(topic.deleteRetention()) > 0) {
        return Optional.of(
            "last read to the end at "
                + caughtUpAt.get()
                + ", "
                + since.toSeconds()
                + " s ago, longer than the topic's delete.retention.ms ("
                + topic.deleteRetention().toMillis()
                + " ms): tombstones may have been compacted away unread");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether to follow the control plane's request: it is newer than the last one handled, the store
   * is still at the positions the request was made for (a host that moved on reports again and is
   * judged again), and its hash still differs from the expected one.
   */
  public static boolean follows(
      ResyncRequest request,
      Optional<Instant> lastHandled,
      Map<Integer, Long> stored,
      String storedHash) {
    return lastHandled.map(request.requestedAt()::isAfter).orElse(true)
        && stored.equals(request.positions())
        && !storedHash.equals(request.expectedHash());
  }
}
