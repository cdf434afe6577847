package dev.poststack.agent.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Where bursts of host-entry records come from (Kafka in production). */
public interface EntrySource extends AutoCloseable {

  /**
   * The next burst, reading each partition from {@code positions} (the store's), or from the
   * beginning for a partition the store has never seen; empty when nothing arrived in {@code wait}
   * or the broker is unreachable.
   */
  List<EntryRecord> poll(Map<Integer, Long> positions, Duration wait);

  /** Forget the read positions: the next poll seeks to the store's again (after a failed apply). */
  void rewind();

  /**
   * Tells the broker what was applied (for lag tooling only; the store's positions are the truth).
   */
  void applied(Map<Integer, Long> positions);

  /**
   * The topic's tombstone retention and offsets, for the full-resync decision; empty when the
   * source cannot ask now (broker unreachable) or has no broker at all.
   */
  default Optional<TopicHorizon> horizon() {
    return Optional.empty();
  }

  /**
   * Whether the last poll read everything the topic held then (asked now and then, to record when
   * the host was last caught up); false when unknown.
   */
  default boolean caughtUp() {
    return false;
  }

  /**
   * Every record of the topic, from each partition's beginning up to {@code end} (exclusive),
   * handed to {@code chunks} as it arrives (each partition's records in order): the input of a full
   * resync or a bootstrap, which decodes a chunk while the next is read.
   */
  default void readAll(Map<Integer, Long> end, Consumer<List<EntryRecord>> chunks) {
    throw new UnsupportedOperationException("this source cannot be read in full");
  }

  @Override
  void close();
}
