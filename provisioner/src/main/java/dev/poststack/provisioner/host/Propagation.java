package dev.poststack.provisioner.host;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * How far an entry's latest change has reached: {@code applied} of {@code hosts} mail hosts. A host
 * has applied it once the next offset it will read on the entry's partition is beyond the offset of
 * the entry's latest published record. While a change of the entry still waits in the outbox, no
 * host can have applied it, whatever they applied before.
 */
public record Propagation(int hosts, int applied) {

  /** Where an entry key's latest record sits on the host-entries topic. */
  public record EntryPosition(int partition, long offset) {}

  /** One host's reported next offsets, by host-entries partition. */
  public record HostPositions(String hostId, Map<Integer, Long> nextOffsets) {
    public HostPositions {
      nextOffsets = Map.copyOf(nextOffsets);
    }
  }

  public static Propagation of(
      Optional<EntryPosition> latest, boolean pending, Collection<HostPositions> hosts) {
    if (pending || latest.isEmpty()) {
      return new Propagation(hosts.size(), 0);
    }
    EntryPosition at = latest.get();
    int applied =
        (int)
            hosts.stream()
                .filter(h -> h.nextOffsets().getOrDefault(at.partition(), 0L) > at.offset())
                .count();
    return new Propagation(hosts.size(), applied);
  }
}
