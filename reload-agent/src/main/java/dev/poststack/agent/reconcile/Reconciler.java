package dev.poststack.agent.reconcile;

import java.util.List;
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
}
