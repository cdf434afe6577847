package dev.poststack.agent.reconcile;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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

  @Override
  void close();
}
