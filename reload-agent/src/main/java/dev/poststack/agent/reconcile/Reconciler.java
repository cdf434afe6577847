package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.EntryKey;
import dev.poststack.renderer.host.HostEntry;
import java.math.BigInteger;
import java.util.ArrayList;
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

  /** {@link #resync(FullRead, Map)} of records already read. */
  public ApplyPlan resync(List<EntryRecord> all, Map<Integer, Long> end) {
    FullRead read = new FullRead();
    read.accept(all);
    return resync(read, end);
  }

  /**
   * Rebuilds the store from every record of the compacted topic in ONE transaction (daemons read
   * the old rows until it commits): what the records name is written, every other stored row is
   * removed, the positions become {@code end}, and the content hash is the sum of the digests of
   * the lines that end up in the store. A new host's bootstrap takes this path too. Folding keeps
   * the log's order, so the last record of a key still wins.
   */
  public ApplyPlan resync(FullRead read, Map<Integer, Long> end) {
    long start = System.nanoTime();
    List<FullRead.Chunk> chunks = read.finish();
    List<RecordDecoder.Decoded> decoded = new ArrayList<>(read.records());
    chunks.forEach(c -> decoded.addAll(c.decoded()));
    Desired named = Desired.fold(decoded);
    // no key read twice (the usual compacted topic): every entry read is the one its key ends with
    long keyed =
        decoded.stream()
            .filter(d -> !(d instanceof RecordDecoder.Refused r) || r.key().isPresent())
            .count();
    boolean repeats = keyed != named.entries().size();
    ContentHash fresh =
        ContentHash.ofDigests(
            chunks.parallelStream()
                .flatMap(c -> surviving(repeats ? named : null, c).stream())
                .toList());
    long decodedAt = System.nanoTime();
    ApplyPlan plan =
        store.replaceAllInOneTransaction(
            topic,
            actual -> {
              Map<EntryKey, Optional<HostEntry>> entries = new TreeMap<>(named.entries());
              // a key the topic no longer names at all: its tombstone was compacted away
              actual.rows().keySet().forEach(k -> entries.putIfAbsent(k, Optional.empty()));
              Desired desired = new Desired(entries, named.refusals(), end);
              return Planner.plan(desired, actual.rows(), actual.hash(), fresh, read.records());
            });
    plan.refusals().forEach(r -> log.error("refused host entry record, its row removed: {}", r));
    log.info(
        "{} records decoded and hashed ({} ms after the read), {} rows written in {} ms",
        read.records(),
        (decodedAt - start) / 1_000_000,
        plan.actions().size(),
        (System.nanoTime() - decodedAt) / 1_000_000);
    return plan;
  }

  /**
   * The digests of a chunk's entries that are the ones their keys end with; with {@code named} null
   * (no key was read twice) every entry is.
   */
  private static List<BigInteger> surviving(Desired named, FullRead.Chunk c) {
    List<BigInteger> kept = new ArrayList<>();
    for (int i = 0; i < c.decoded().size(); i++) {
      if (c.decoded().get(i) instanceof RecordDecoder.Entry e
          && (named == null || named.entries().get(e.key()).orElse(null) == e.entry())) {
        kept.add(c.digests().get(i));
      }
    }
    return kept;
  }
}
