package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.ContentHash;
import java.util.List;
import java.util.Map;

/**
 * Everything one burst does, decided before any write: the row changes (deletes, then inserts, then
 * updates), the positions and content hash stored with them in the same transaction, and the daemon
 * effects to run after the commit.
 */
public record ApplyPlan(
    List<StoreAction> actions,
    Map<Integer, Long> positions,
    ContentHash hashBefore,
    ContentHash hashAfter,
    Effects effects,
    List<Refusal> refusals,
    int records) {

  public ApplyPlan {
    actions = List.copyOf(actions);
    positions = Map.copyOf(positions);
    refusals = List.copyOf(refusals);
  }

  /** Nothing to write but positions (records that repeat what the store holds). */
  public boolean changesNoRows() {
    return actions.isEmpty();
  }
}
