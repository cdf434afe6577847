package dev.poststack.provisioner.host;

import dev.poststack.renderer.host.EntryChange;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a repair enqueues, from a full render and what was last enqueued for each key. Pure.
 *
 * <ul>
 *   <li>a rendered entry whose line differs from (or was never) the last one enqueued → put; with
 *       {@code all}, every rendered entry (a lost or truncated topic is rebuilt);
 *   <li>a key whose last enqueued record is a line but which the render no longer has → tombstone.
 * </ul>
 */
public final class RepairPlan {
  private RepairPlan() {}

  /**
   * @param lastEnqueued per entry key ever enqueued: {@link LineDigest#sha256Hex} of its latest
   *     line, or a null value when that latest record is a tombstone
   */
  public static List<EntryChange> of(
      List<HostEntry> rendered, Map<String, String> lastEnqueued, boolean all) {
    List<EntryChange> changes = new ArrayList<>();
    Set<String> renderedKeys = new HashSet<>();
    for (HostEntry entry : rendered) {
      String key = entry.key().value();
      renderedKeys.add(key);
      boolean same =
          lastEnqueued.containsKey(key)
              && Objects.equals(lastEnqueued.get(key), LineDigest.sha256Hex(entry.line()));
      if (all || !same) {
        changes.add(new EntryChange.Put(entry));
      }
    }
    for (String key : new TreeSet<>(lastEnqueued.keySet())) {
      if (lastEnqueued.get(key) != null && !renderedKeys.contains(key)) {
        changes.add(new EntryChange.Remove(EntryKey.parse(key)));
      }
    }
    return changes;
  }
}
