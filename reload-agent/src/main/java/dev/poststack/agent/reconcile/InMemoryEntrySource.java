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
  private final boolean waits;

  /** A source whose poll returns at once, so a test drives the loop pass by pass. */
  public InMemoryEntrySource() {
    this(false);
  }

  private InMemoryEntrySource(boolean waits) {
    this.waits = waits;
  }

  /**
   * A source whose empty poll waits up to its {@code wait} for a burst, as Kafka's does: for an
   * agent running its own loop beside a thread that hands it bursts.
   */
  public static InMemoryEntrySource waiting() {
    return new InMemoryEntrySource(true);
  }

  /** Queues one burst for a later poll. */
  public synchronized void add(List<EntryRecord> burst) {
    bursts.add(List.copyOf(burst));
    notifyAll();
  }

  @Override
  public synchronized List<EntryRecord> poll(Map<Integer, Long> positions, Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    while (waits && bursts.isEmpty()) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        wait(Math.max(1, left / 1_000_000), 0);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
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
