package dev.poststack.agent.reconcile;

import dev.poststack.renderer.host.ContentHash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * The records of a full read of the topic, decoded while the rest is still being read: each chunk
 * is handed to a worker as it arrives, and once the read ends the reading thread decodes the chunks
 * no worker has started yet. Decoding (parsing and re-checking every line, hashing it) is most of a
 * bootstrap's CPU; reading is mostly waiting for the broker, so the two overlap. Order is kept:
 * chunks are folded in the order they arrived.
 */
public final class FullRead implements Consumer<List<EntryRecord>> {
  /** One chunk decoded: a digest beside each entry (null for tombstones and refusals). */
  record Chunk(List<RecordDecoder.Decoded> decoded, List<BigInteger> digests) {}

  private final Executor workers;
  private final List<FutureTask<Chunk>> chunks = new ArrayList<>();
  private int records;
  private List<Chunk> done;

  public FullRead() {
    this(ForkJoinPool.commonPool());
  }

  FullRead(Executor workers) {
    this.workers = workers;
  }

  @Override
  public void accept(List<EntryRecord> chunk) {
    if (done != null) {
      throw new IllegalStateException("the full read is finished");
    }
    FutureTask<Chunk> task = new FutureTask<>(() -> decode(chunk));
    chunks.add(task);
    records += chunk.size();
    workers.execute(task);
  }

  private static Chunk decode(List<EntryRecord> chunk) {
    List<RecordDecoder.Decoded> decoded = new ArrayList<>(chunk.size());
    List<BigInteger> digests = new ArrayList<>(chunk.size());
    for (EntryRecord r : chunk) {
      RecordDecoder.Decoded d = RecordDecoder.decode(r);
      decoded.add(d);
      // a decoded line is canonical: the record's own line is what the hash is defined over
      digests.add(d instanceof RecordDecoder.Entry ? ContentHash.digestOf(r.value()) : null);
    }
    return new Chunk(decoded, digests);
  }

  public int records() {
    return records;
  }

  /**
   * Every chunk decoded, in arrival order; the calling thread decodes what no worker started. Once
   * finished, the read takes no more chunks.
   */
  List<Chunk> finish() {
    if (done != null) {
      return done;
    }
    chunks.forEach(FutureTask::run); // a no-op for a task a worker runs or ran
    List<Chunk> decoded = new ArrayList<>(chunks.size());
    try {
      for (FutureTask<Chunk> t : chunks) {
        decoded.add(t.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding a full read", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("decoding a full read failed", e.getCause());
    }
    done = decoded;
    return done;
  }

  /** The record keys read, in order (for the agent's list of refused entries). */
  public List<String> keys() {
    List<String> keys = new ArrayList<>(records);
    for (Chunk c : finish()) {
      c.decoded().forEach(d -> keys.add(d.record().key()));
    }
    return keys;
  }
}
