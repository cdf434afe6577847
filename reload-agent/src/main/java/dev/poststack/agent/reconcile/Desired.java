package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.EntryCodec;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;
import dev.poststack.values.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a burst of records says the host should hold, per key: the entry, or nothing (tombstone).
 * Pure. The last record of a key wins, as compaction would keep it; {@code positions} is the next
 * offset to read per partition once this burst is stored.
 */
record Desired(
    Map<EntryKey, Optional<HostEntry>> entries,
    List<Refusal> refusals,
    Map<Integer, Long> positions) {

  Desired {
    entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
    refusals = List.copyOf(refusals);
    positions = java.util.Collections.unmodifiableMap(new TreeMap<>(positions));
  }

  static Desired of(List<EntryRecord> records) {
    Map<EntryKey, Optional<HostEntry>> entries = new TreeMap<>();
    List<Refusal> refusals = new ArrayList<>();
    Map<Integer, Long> positions = new TreeMap<>();
    for (EntryRecord r : records) {
      positions.merge(r.partition(), r.offset() + 1, Math::max);
      EntryKey key;
      try {
        key = EntryKey.parse(r.key());
      } catch (InvalidValueException e) {
        refusals.add(
            new Refusal(
                r.partition(), r.offset(), r.key(), "key does not decode: " + e.getMessage()));
        continue;
      }
      if (r.isTombstone()) {
        entries.put(key, Optional.empty());
        continue;
      }
      try {
        HostEntry entry = EntryCodec.parse(r.value());
        if (!entry.key().equals(key)) {
          throw new InvalidValueException(
              "line", "is the entry of " + entry.key() + ", not of its record key");
        }
        entries.put(key, Optional.of(entry));
      } catch (InvalidValueException e) {
        refusals.add(
            new Refusal(r.partition(), r.offset(), r.key(), "line refused: " + e.getMessage()));
        entries.put(key, Optional.empty());
      }
    }
    return new Desired(entries, refusals, positions);
  }
}
