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
   * removed, the positions become {@code end}, and the content hash is computed afresh from the
   * lines read. A new host's bootstrap takes this path too.
   *
   * <p>Decoding (parsing and re-checking each line) is most of the work and needs nothing but the
   * record, so it runs on every core; folding keeps the log's order, so the last record of a key
   * still wins.
   */
  public ApplyPlan resync(List<EntryRecord> all, Map<Integer, Long> end) {
    long start = System.nanoTime();
    List<RecordDecoder.Decoded> decoded = all.parallelStream().map(RecordDecoder::decode).toList();
    Desired read = Desired.fold(decoded);
    // a decoded line is canonical, so the line the record carried is what the hash is defined over
    ContentHash fresh =
        ContentHash.ofDigests(
            decoded.parallelStream()
                .filter(d -> d instanceof RecordDecoder.Entry e && survives(read, e))
                .map(d -> ContentHash.digestOf(d.record().value()))
                .toList());
    long decodedAt = System.nanoTime();
    ApplyPlan plan =
        store.replaceAllInOneTransaction(
            topic,
            actual -> {
              Map<EntryKey, Optional<HostEntry>> entries = new TreeMap<>(read.entries());
              // a key the topic no longer names at all: its tombstone was compacted away
              actual.rows().keySet().forEach(k -> entries.putIfAbsent(k, Optional.empty()));
              Desired desired = new Desired(entries, read.refusals(), end);
              return Planner.plan(desired, actual.rows(), actual.hash(), fresh, all.size());
            });
    plan.refusals().forEach(r -> log.error("refused host entry record, its row removed: {}", r));
    log.info(
        "{} records decoded and hashed in {} ms, {} rows written in {} ms",
        all.size(),
        (decodedAt - start) / 1_000_000,
        plan.actions().size(),
        (System.nanoTime() - decodedAt) / 1_000_000);
    return plan;
  }

  /** Whether a decoded entry is the one its key ends with (no later record of the key). */
  private static boolean survives(Desired read, RecordDecoder.Entry e) {
    return read.entries().get(e.key()).orElse(null) == e.entry();
  }
}
