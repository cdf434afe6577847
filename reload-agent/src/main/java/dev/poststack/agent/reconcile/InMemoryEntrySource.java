package dev.poststack.agent.reconcile;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Bursts handed in by the caller instead of read from Kafka: each poll returns the oldest burst not
 * yet returned, or nothing. It ignores positions, never rewinds and commits nowhere, so a test or
 * the bench drives the agent's real loop one pass at a time without a broker.
 */
public final class InMemoryEntrySource implements EntrySource {
  private final Deque<List<EntryRecord>> bursts = new ArrayDeque<>();

  /** Queues one burst for a later poll. */
  public synchronized void add(List<EntryRecord> burst) {
    bursts.add(List.copyOf(burst));
  }

  @Override
  public synchronized List<EntryRecord> poll(Map<Integer, Long> positions, Duration wait) {
    List<EntryRecord> next = bursts.poll();
    return next == null ? List.of() : next;
  }

  @Override
  public void rewind() {
    // the queue is the only copy of what was handed in: a burst that failed to apply is not re-read
  }

  @Override
  public void applied(Map<Integer, Long> positions) {
    // no broker to tell
  }

  @Override
  public void close() {}
}
