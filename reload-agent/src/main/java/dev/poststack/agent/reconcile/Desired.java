package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;
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
    // kept sorted to the outside: TreeMap copies a sorted map in linear time, which a
    // million-entry resync notices
    entries = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    refusals = List.copyOf(refusals);
    positions = java.util.Collections.unmodifiableMap(new TreeMap<>(positions));
  }

  static Desired of(List<EntryRecord> records) {
    return fold(records.stream().map(RecordDecoder::decode).toList());
  }

  /**
   * Folds decoded records in their order (per partition, the log's): the last record of a key wins,
   * a refused record removes its key's row, and positions move past every record.
   */
  static Desired fold(List<RecordDecoder.Decoded> decoded) {
    Map<EntryKey, Optional<HostEntry>> entries = new TreeMap<>();
    List<Refusal> refusals = new ArrayList<>();
    Map<Integer, Long> positions = new TreeMap<>();
    for (RecordDecoder.Decoded d : decoded) {
      EntryRecord r = d.record();
      positions.merge(r.partition(), r.offset() + 1, Math::max);
      if (d instanceof RecordDecoder.Entry e) {
        entries.put(e.key(), Optional.of(e.entry()));
      } else if (d instanceof RecordDecoder.Tombstone t) {
        entries.put(t.key(), Optional.empty());
      } else if (d instanceof RecordDecoder.Refused f) {
        refusals.add(f.refusal());
        f.key().ifPresent(k -> entries.put(k, Optional.empty()));
      }
    }
    return new Desired(entries, refusals, positions);
  }
}
