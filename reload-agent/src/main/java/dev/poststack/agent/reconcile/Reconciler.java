package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one burst of records to the host store as ONE transaction: desired (pure, from the
 * records) vs. actual (the stored rows of the same keys, read inside the transaction) → plan (pure)
 * → write rows, positions, content hash and pending daemon effects together. A crash anywhere
 * leaves rows and positions consistent; the burst is read again and, matched by value, applied
 * once.
 */
public final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final EntryStore store;
  private final String topic;

  public Reconciler(EntryStore store, String topic) {
    this.store = store;
    this.topic = topic;
  }

  public ApplyPlan apply(List<EntryRecord> burst) {
    Desired desired = Desired.of(burst);
    ApplyPlan plan =
        store.applyInOneTransaction(
            desired.entries().keySet(),
            topic,
            actual -> Planner.plan(desired, actual.rows(), actual.hash(), burst.size()));
    // refused records are not skipped silently: each one is an error an operator must see, and the
    // host's content hash now differs from the provisioner's render until a valid record arrives
    plan.refusals().forEach(r -> log.error("refused host entry record, its row removed: {}", r));
    return plan;
  }

  /**
   * Rebuilds the store from every record of the compacted topic in ONE transaction (daemons read
   * the old rows until it commits): what the records name is written, every other stored row is
   * removed, the positions become {@code end}, and the content hash is computed afresh from what
   * the store then holds.
   */
  public ApplyPlan resync(List<EntryRecord> all, Map<Integer, Long> end) {
    Desired read = Desired.of(all);
    ApplyPlan plan =
        store.replaceAllInOneTransaction(
            topic,
            actual -> {
              Map<EntryKey, Optional<HostEntry>> entries = new TreeMap<>(read.entries());
              // a key the topic no longer names at all: its tombstone was compacted away
              actual.rows().keySet().forEach(k -> entries.putIfAbsent(k, Optional.empty()));
              Desired desired = new Desired(entries, read.refusals(), end);
              ApplyPlan p = Planner.plan(desired, actual.rows(), actual.hash(), all.size());
              ContentHash fresh =
                  ContentHash.of(entries.values().stream().flatMap(Optional::stream).toList());
              if (!fresh.equals(p.hashAfter())) {
                log.warn("the stored content hash had drifted from the rows; it is recomputed");
              }
              return new ApplyPlan(
                  p.actions(),
                  p.positions(),
                  p.hashBefore(),
                  fresh,
                  p.effects(),
                  p.refusals(),
                  p.records());
            });
    plan.refusals().forEach(r -> log.error("refused host entry record, its row removed: {}", r));
    return plan;
  }
}
