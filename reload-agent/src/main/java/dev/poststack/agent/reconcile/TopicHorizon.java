package dev.poststack.agent.reconcile;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the host-entries topic keeps, asked of the broker: how long a tombstone stays after
 * compaction ({@code delete.retention.ms}) and, per partition, the first offset still in the log
 * and the next offset to be written. A host that read less recently than the retention, or whose
 * positions lie outside these offsets, cannot tell from the log what was deleted meanwhile.
 */
public record TopicHorizon(
    Duration deleteRetention, Map<Integer, Long> beginning, Map<Integer, Long> end) {

  public TopicHorizon {
    beginning = java.util.Collections.unmodifiableMap(new TreeMap<>(beginning));
    end = java.util.Collections.unmodifiableMap(new TreeMap<>(end));
  }
}
