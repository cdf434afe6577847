package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the reconciler's plans are acted on: the host's store, as the reconciler sees it. A port
 * owned by this package so that planning stays pure and knows no SQLite; the store package
 * implements it ({@code LocalHostStore}) and this package never imports the store.
 */
public interface EntryStore {

  /** The rows the store holds for a burst's keys (a key without a row is absent), and its hash. */
  record Actual(Map<EntryKey, HostEntry> rows, ContentHash hash) {}

  /**
   * In ONE transaction: reads the actual rows of {@code keys}, asks {@code decide} for the plan,
   * writes the plan's rows, positions (under {@code topic}), content hash and pending effects, and
   * returns the plan. Any failure, in {@code decide} or in the write, leaves the store as it was.
   */
  ApplyPlan applyInOneTransaction(
      Collection<EntryKey> keys, String topic, Function<Actual, ApplyPlan> decide);

  /**
   * The same with every stored row as the actual state: a full resync, which must also remove rows
   * whose keys the topic no longer names at all.
   */
  ApplyPlan replaceAllInOneTransaction(String topic, Function<Actual, ApplyPlan> decide);
}
