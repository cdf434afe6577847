package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.EntryKind;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.renderer.host.MailboxEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The pure half of the reconciler: desired entries vs. the rows the store holds for the same keys →
 * the actions, the new content hash and the daemon effects. Rows are matched by value, so a record
 * that repeats the stored row (a re-publish, a replay after a crash) changes nothing.
 */
final class Planner {
  private Planner() {}

  static ApplyPlan plan(
      Desired desired, Map<EntryKey, HostEntry> actual, ContentHash hash, int records) {
    List<StoreAction> actions = actions(desired, actual);
    ContentHash after = hash;
    for (StoreAction a : actions) {
      after = nextHash(after, a);
    }
    return new ApplyPlan(
        actions, desired.positions(), hash, after, effectsOf(actions), desired.refusals(), records);
  }

  /**
   * The same when the hash after the plan is already known (a full resync sums the digests of the
   * lines it read): no per-action hashing.
   */
  static ApplyPlan plan(
      Desired desired,
      Map<EntryKey, HostEntry> actual,
      ContentHash hashBefore,
      ContentHash hashAfter,
      int records) {
    List<StoreAction> actions = actions(desired, actual);
    return new ApplyPlan(
        actions,
        desired.positions(),
        hashBefore,
        hashAfter,
        effectsOf(actions),
        desired.refusals(),
        records);
  }

  /** Deletes, then inserts, then updates, each in key order (so rows are written in key order). */
  private static List<StoreAction> actions(Desired desired, Map<EntryKey, HostEntry> actual) {
    List<StoreAction> deletes = new ArrayList<>();
    List<StoreAction> inserts = new ArrayList<>();
    List<StoreAction> updates = new ArrayList<>();
    for (Map.Entry<EntryKey, Optional<HostEntry>> e : desired.entries().entrySet()) {
      HostEntry want = e.getValue().orElse(null);
      HostEntry have = actual.get(e.getKey());
      if (want == null && have != null) {
        deletes.add(new StoreAction.Delete(have));
      } else if (want != null && have == null) {
        inserts.add(new StoreAction.Insert(want));
      } else if (want != null && !want.equals(have)) {
        updates.add(new StoreAction.Update(want, have));
      }
    }
    List<StoreAction> actions = new ArrayList<>(deletes);
    actions.addAll(inserts);
    actions.addAll(updates);
    return actions;
  }

  private static ContentHash nextHash(ContentHash hash, StoreAction action) {
    if (action instanceof StoreAction.Delete d) {
      return hash.remove(d.previous());
    }
    if (action instanceof StoreAction.Insert i) {
      return hash.add(i.entry());
    }
    if (action instanceof StoreAction.Update u) {
      return hash.remove(u.previous()).add(u.entry());
    }
    throw new IllegalStateException("unknown store action " + action);
  }

  static Effects effectsOf(List<StoreAction> actions) {
    boolean domainsChanged = false;
    TreeSet<String> kicks = new TreeSet<>();
    for (StoreAction a : actions) {
      if (a.key().kind() == EntryKind.DOMAIN) {
        domainsChanged = true; // a domain row is its key: only inserts and deletes happen
      }
      if (a instanceof StoreAction.Delete d && d.previous() instanceof MailboxEntry) {
        kicks.add(d.key().name());
      }
      if (a instanceof StoreAction.Update u && u.endsSessions()) {
        kicks.add(u.key().name());
      }
    }
    return new Effects(domainsChanged, kicks);
  }
}
