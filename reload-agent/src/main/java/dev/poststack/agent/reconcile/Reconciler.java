package dev.poststack.agent.reconcile;

import dev.poststack.agent.store.LocalHostStore;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one burst of records to the host store as ONE transaction: desired (pure, from the
 * records) vs. actual (the stored rows of the same keys, read inside the transaction) → plan (pure)
 * → write rows, positions, content hash and pending daemon effects together. A crash anywhere leaves
 * rows and positions consistent; the burst is read again and, matched by value, applied once.
 */
public final class Reconciler {
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final LocalHostStore store;
  private final String topic;

  public Reconciler(LocalHostStore store, String topic) {
    this.store = store;
    this.topic = topic;
  }

  public ApplyPlan apply(List<EntryRecord> burst) {
    Desired desired = Desired.of(burst);
    ApplyPlan plan =
        store.transaction(() -> {
          Map<EntryKey, HostEntry> actual = store.rows(desired.entries().keySet());
          ApplyPlan p = Planner.plan(desired, actual, store.contentHash(), burst.size());
          store.write(p, topic);
          return p;
        });
    // refused records are not skipped silently: each one is an error an operator must see, and the
    // host's content hash now differs from the provisioner's render until a valid record arrives
    plan.refusals().forEach(r -> log.error("refused host entry record, its row removed: {}", r));
    return plan;
  }
}
