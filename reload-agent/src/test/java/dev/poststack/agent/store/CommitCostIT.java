package dev.poststack.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poststack.agent.HostStates;
import dev.poststack.agent.reconcile.EntryRecord;
import dev.poststack.agent.reconcile.Reconciler;
import dev.poststack.renderer.host.ContentHash;
import dev.poststack.renderer.host.Mailbox;
import dev.poststack.renderer.host.MailboxEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures (prints, never asserts a time) what one change costs through the agent's whole apply
 * path — decode, read the old row, plan, write row + position + hash in one transaction — on stores
 * of 10k and 100k mailboxes, beside a raw one-row SQLite commit on the same file and settings.
 */
class CommitCostIT {
  private static final String TOPIC = "poststack.host-entries";
  private static final String HASH = HostStates.hash("cost-pw");
  private static final String HASH2 = HostStates.hash("cost-pw-2");
  private static final int CHANGES = 400;

  @TempDir Path dir;

  @Test
  void oneChangeCostsAboutOneRawCommitAtEverySize() throws Exception {
    measure(2_000, Durability.FULL); // warm-up: class loading and JIT, not printed as a figure
    for (int size : new int[] {10_000, 100_000}) {
      for (Durability durability : Durability.values()) {
        measure(size, durability);
      }
    }
  }

  private void measure(int size, Durability durability) throws Exception {
    Path file = dir.resolve("cost-" + size + "-" + durability + ".sqlite");
    try (LocalHostStore store = LocalHostStore.open(file, durability)) {
      Reconciler reconciler = new Reconciler(store, TOPIC);
      long offset = 0;
      for (int from = 0; from < size; from += 5000) {
        List<EntryRecord> burst = new ArrayList<>();
        for (int i = from; i < from + 5000; i++) {
          burst.add(record(offset++, i, HASH));
        }
        reconciler.apply(burst);
      }
      long[] agent = new long[CHANGES];
      for (int i = 0; i < CHANGES; i++) {
        EntryRecord change = record(offset++, (i * 7919) % size, i % 2 == 0 ? HASH2 : HASH);
        long t = System.nanoTime();
        reconciler.apply(List.of(change));
        agent[i] = System.nanoTime() - t;
      }
      long[] raw = rawCommits(file, durability);
      assertThat(store.contentHash()).isEqualTo(ContentHash.of(store.allEntries()));
      System.out.printf(Locale.ROOT, "commit cost, %,d mailboxes, synchronous=%s: agent apply of 1 change"
              + " median %.3f ms p99 %.3f ms; raw 1-row commit median %.3f ms p99 %.3f ms%n",
          size, durability, ms(agent, 50), ms(agent, 99), ms(raw, 50), ms(raw, 99));
    }
  }

  private static EntryRecord record(long offset, int i, String hash) {
    Mailbox m = Mailbox.of(i + 1, "d" + (i % 500) + ".test", "u" + i, hash, "active", 1L << 30);
    MailboxEntry e = new MailboxEntry(m.address(), m.id(), m.passwordHash(), m.status(), m.quota());
    return new EntryRecord(0, offset, e.key().value(), e.line());
  }

  /** A separate connection with the same settings, as a baseline for "one commit". */
  private static long[] rawCommits(Path file, Durability durability) throws Exception {
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(durability == Durability.FULL
        ? org.sqlite.SQLiteConfig.SynchronousMode.FULL : org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
    long[] times = new long[CHANGES];
    try (Connection c = config.createConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      // its own table in the same file: the baseline must not touch the rows the hash covers
      s.execute("CREATE TABLE IF NOT EXISTS raw_baseline (k INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
      for (int i = 0; i < CHANGES; i++) {
        long t = System.nanoTime();
        s.execute("BEGIN IMMEDIATE");
        s.executeUpdate("INSERT INTO raw_baseline (k, v) VALUES (" + (i % 50) + ", " + i + ")"
            + " ON CONFLICT (k) DO UPDATE SET v = excluded.v");
        s.execute("COMMIT");
        times[i] = System.nanoTime() - t;
      }
    }
    return times;
  }

  private static double ms(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
  }
}
